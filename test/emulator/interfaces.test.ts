/** Sessions name network interfaces that must exist (emulator/resources/interfaces.ts), as the real service looks them up. */
import { randomUUID } from 'node:crypto';

import { DEMO_LOAD_BALANCERS, DEMO_PORTS, startEmulator, type RunningEmulator } from '../../emulator/server';
import { SessionAnswer, signedRequest, SOURCE_PORT_ID, TARGET_PORT_ID, v3Path } from './helpers';

let emulator: RunningEmulator;
let filterId: string;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0 });
	const created = await signedRequest(emulator, 'POST', v3Path('traffic-mirror-filters'), {
		body: { traffic_mirror_filter: { name: 'interfaces' } },
	});
	filterId = (created.json().traffic_mirror_filter as { id: string }).id;
});

afterAll(() => emulator.close());

const UNKNOWN_PORT = randomUUID();
const OTHER_PORT = DEMO_PORTS[1].id;

const session = (fields: Record<string, unknown> = {}) => ({
	traffic_mirror_session: {
		name: 'interfaces',
		traffic_mirror_filter_id: filterId,
		traffic_mirror_sources: [SOURCE_PORT_ID],
		traffic_mirror_target_id: TARGET_PORT_ID,
		traffic_mirror_target_type: 'eni',
		priority: 1,
		...fields,
	},
});
const create = (fields: Record<string, unknown>) =>
	signedRequest(emulator, 'POST', v3Path('traffic-mirror-sessions'), { body: session(fields) });

function expectPortNotFound(answer: { status: number; json: () => Record<string, unknown> }, id: string) {
	expect(answer.status).toBe(404);
	expect(answer.json()).toMatchObject({ error_code: 'VPC.0003', error_msg: `Port ${id} could not be found.` });
}

test.each([
	['a source', { traffic_mirror_sources: [SOURCE_PORT_ID, UNKNOWN_PORT] }],
	['an eni target', { traffic_mirror_target_id: UNKNOWN_PORT }],
])('a session on %s that is no network interface of the project is refused, and nothing is stored', async (_, fields) => {
	const before = emulator.counters().stored.sessions;
	expectPortNotFound(await create(fields), UNKNOWN_PORT);
	expect(emulator.counters().stored.sessions).toBe(before);
});

test('an elb target must be a load balancer of the project', async () => {
	const loadBalancer = DEMO_LOAD_BALANCERS[0].id;
	const created = await create({ traffic_mirror_target_type: 'elb', traffic_mirror_target_id: loadBalancer });
	expect(created.status).toBe(201);
	const refused = await create({ traffic_mirror_target_type: 'elb', traffic_mirror_target_id: 'elb-1' });
	expect(refused.status).toBe(400);
	expect(refused.json()).toMatchObject({ error_code: 'VPC.0002' });
	const unknown = randomUUID();
	const notFound = await create({ traffic_mirror_target_type: 'elb', traffic_mirror_target_id: unknown });
	expect(notFound.status).toBe(404);
	expect(notFound.json()).toMatchObject({ error_code: 'VPC.0003', error_msg: `Loadbalancer ${unknown} could not be found.` });
	// A network interface is no load balancer.
	expect((await create({ traffic_mirror_target_type: 'elb', traffic_mirror_target_id: TARGET_PORT_ID })).status).toBe(404);

	// The type changed alone is checked against the target the session has: that ID is no network interface.
	const id = (created.json() as unknown as SessionAnswer).traffic_mirror_session.id;
	const toEni = await signedRequest(emulator, 'PUT', v3Path(`traffic-mirror-sessions/${id}`), {
		body: { traffic_mirror_session: { traffic_mirror_target_type: 'eni' } },
	});
	expectPortNotFound(toEni, loadBalancer);
});

test('add-sources and an update of the target look the interface up too, and a refusal changes nothing', async () => {
	const created = (await create({})).json() as unknown as SessionAnswer;
	const path = v3Path(`traffic-mirror-sessions/${created.traffic_mirror_session.id}`);
	const add = (sources: string[]) =>
		signedRequest(emulator, 'PUT', `${path}/add-sources`, { body: { traffic_mirror_session: { traffic_mirror_sources: sources } } });

	expectPortNotFound(await add([OTHER_PORT, UNKNOWN_PORT]), UNKNOWN_PORT);
	const retarget = await signedRequest(emulator, 'PUT', path, {
		body: { traffic_mirror_session: { traffic_mirror_target_id: UNKNOWN_PORT, priority: 2 } },
	});
	expectPortNotFound(retarget, UNKNOWN_PORT);

	const shown = (await signedRequest(emulator, 'GET', path)).json() as unknown as SessionAnswer;
	expect(shown.traffic_mirror_session).toMatchObject({
		traffic_mirror_sources: [SOURCE_PORT_ID],
		traffic_mirror_target_id: TARGET_PORT_ID,
		priority: 1,
	});
	expect((await add([OTHER_PORT])).status).toBe(200);
});
