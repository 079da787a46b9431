/**
 * Mirror Server and Stop Mirroring Server, the contain/release pair, through n8n's engine against the emulator:
 * idempotent, safe for many servers at once, and refusing before anything is sent what the service would refuse.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEMO_SERVERS } from '../../emulator/server';
import { startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { demoPortId } from '../helpers/ids';
import { shutDownEngine } from '../helpers/engine';
import { byId } from '../helpers/parameters';

const WEB_01 = demoPortId('ecs-web-01-eth0');
const WEB_02 = demoPortId('ecs-web-02-eth0');
const DB_01 = demoPortId('ecs-db-01-eth0');
const DB_01_ETH1 = demoPortId('ecs-db-01-eth1');
const ANALYSER = demoPortId('analyser-eth0');

const CHANGES = ['CreateTrafficMirrorSession', 'AddSourcesToTrafficMirrorSession', 'RemoveSourcesFromTrafficMirrorSession', 'DeleteTrafficMirrorSession', 'UpdateTrafficMirrorSession'];

let fixture: ApiFixture;
let filterId: string;
beforeEach(async () => {
	fixture = await startApiFixture();
	filterId = (await fixture.createFilter()).id;
});
afterEach(async () => await fixture.close());
afterAll(() => shutDownEngine());

const changesSent = () => CHANGES.reduce((sum, operation) => sum + fixture.requestsOf(operation), 0);
/** Every session the emulator holds, read through the node's Get Many. */
async function sessions(): Promise<IDataObject[]> {
	const result = await fixture.run({ resource: 'trafficMirrorSession', operation: 'getAll', returnAll: true });
	return result.items.map(({ json }) => json);
}

const mirror = (servers: string, extra: INodeParameters = {}, items: IDataObject[] = [{}]) =>
	fixture.run(
		{
			resource: 'trafficMirrorSession',
			operation: 'mirrorServer',
			sourcesBy: 'server',
			sourceServers: servers,
			trafficMirrorTargetType: 'eni',
			trafficMirrorTargetId: { __rl: true, mode: 'server', value: '192.168.0.100' },
			trafficMirrorFilterId: byId(filterId),
			name: 'incident-mirror',
			priority: 10,
			...extra,
		},
		items,
	);

const stop = (servers: string, extra: INodeParameters = {}, items: IDataObject[] = [{}]) =>
	fixture.run({ resource: 'trafficMirrorSession', operation: 'stopMirroringServer', sourcesBy: 'server', sourceServers: servers, ...extra }, items);

test('Mirror Server creates a session, adds to it, and changes nothing when run again', async () => {
	const first = await mirror(DEMO_SERVERS.web01);
	expect(first.error).toBeUndefined();
	const [{ json: contained }] = first.items;
	expect(contained).toMatchObject({
		changed: true,
		interfaces: [WEB_01],
		target: { id: ANALYSER, type: 'eni' },
		trafficMirrorFilterId: filterId,
		sessions: [{ action: 'created', sources: [WEB_01], targetId: ANALYSER, name: 'incident-mirror' }],
	});
	const sessionId = (contained.sessions as IDataObject[])[0].id as string;
	expect(await fixture.showSession(sessionId)).toMatchObject({ traffic_mirror_sources: [WEB_01], enabled: true, priority: 10 });

	const second = await mirror(DEMO_SERVERS.web02);
	expect(second.items[0].json).toMatchObject({ changed: true, sessions: [{ id: sessionId, action: 'sourcesAdded', sources: [WEB_02] }] });

	const before = changesSent();
	const again = await mirror(`${DEMO_SERVERS.web01}, ${DEMO_SERVERS.web02}`);
	expect(again.items[0].json).toMatchObject({ changed: false, sessions: [{ id: sessionId, action: 'unchanged', sources: [WEB_01, WEB_02] }] });
	expect(changesSent()).toBe(before);
	expect(fixture.requestsOf('ShowQuota')).toBe(3);
});

test('many servers at once, four in flight: one session filled to its 10 sources, then a second, none doubled', async () => {
	const servers: string[] = [];
	for (let index = 0; index < 12; index += 1) {
		const added = fixture.emulator.addPort({ name: `ecs-burst-${index}`, device_id: `d0000000-0000-4000-8000-${String(index).padStart(12, '0')}` });
		servers.push(added.device_id);
	}
	const items = servers.map((server) => ({ server }));
	const result = await mirror('={{ $json.server }}', { requestOptions: { maxConcurrentRequests: 4 } }, items);
	expect(result.error).toBeUndefined();
	const all = await sessions();
	expect(all.map((session) => (session.traffic_mirror_sources as string[]).length).sort()).toEqual([10, 2]);
	expect(result.items.filter(({ json }) => (json.sessions as IDataObject[])[0].action === 'created')).toHaveLength(2);

	const rerun = await mirror('={{ $json.server }}', { requestOptions: { maxConcurrentRequests: 4 } }, items);
	expect(rerun.items.every(({ json }) => json.changed === false)).toBe(true);
	expect((await sessions()).length).toBe(2);
});

test('Stop Mirroring Server removes the interfaces, deletes a session left empty, and is a no-op the second time', async () => {
	const contained = (await mirror(`${DEMO_SERVERS.web01}, ${DEMO_SERVERS.web02}`)).items[0].json;
	const sessionId = (contained.sessions as IDataObject[])[0].id as string;

	const first = await stop(DEMO_SERVERS.web01);
	expect(first.items[0].json).toMatchObject({ changed: true, sessions: [{ id: sessionId, action: 'sourcesRemoved', sources: [WEB_01] }] });
	// The release's input is the contain's output: its interfaces, by network interface.
	const second = await fixture.run(
		{ resource: 'trafficMirrorSession', operation: 'stopMirroringServer', sourcesBy: 'networkInterface', trafficMirrorSources: '={{ $json.interfaces }}' },
		[contained],
	);
	expect(second.error).toBeUndefined();
	expect(second.items[0].json).toMatchObject({ changed: true, sessions: [{ id: sessionId, action: 'deleted', sources: [WEB_02] }] });
	expect(await fixture.showSession(sessionId)).toBeUndefined();

	const before = changesSent();
	const again = await stop(`${DEMO_SERVERS.web01}, ${DEMO_SERVERS.web02}`);
	expect(again.items[0].json).toMatchObject({ changed: false, sessions: [] });
	expect(changesSent()).toBe(before);
});

test('Stop Mirroring Server keeps an empty session when told to, and only touches sessions to the target given', async () => {
	await mirror(DEMO_SERVERS.db01, { sourceInterfaces: 'all' });
	const other = await fixture.createSession(filterId, { traffic_mirror_sources: [DB_01], traffic_mirror_target_id: WEB_02 });
	const result = await stop(DEMO_SERVERS.db01, { options: { deleteEmptySessions: false, onlyTarget: ANALYSER } });
	expect(result.items[0].json).toMatchObject({ changed: true, sessions: [{ action: 'sourcesRemoved', sources: [DB_01, DB_01_ETH1] }] });
	const kept = (result.items[0].json.sessions as IDataObject[])[0].id as string;
	expect(await fixture.showSession(kept)).toMatchObject({ traffic_mirror_sources: [] });
	expect(await fixture.showSession(other.id)).toMatchObject({ traffic_mirror_sources: [DB_01] });
});

describe('checks before anything is sent', () => {
	test('a server that is the target itself', async () => {
		const result = await mirror(DEMO_SERVERS.analyser);
		expect(result.error?.message).toMatch(new RegExp(`Network interface ${ANALYSER} is the mirror target itself`));
		expect(result.error?.description).toMatch(/Nothing was sent for this item/);
		expect(changesSent()).toBe(0);
	});

	test('an interface already in as many sessions as its quota allows, naming them', async () => {
		fixture.emulator.setQuotas({ traffic_mirror_source_referred_by_session: 1 });
		const elsewhere = await fixture.createSession(filterId, { name: 'to-web02', traffic_mirror_sources: [WEB_01], traffic_mirror_target_id: WEB_02 });
		const before = changesSent();
		const result = await mirror(DEMO_SERVERS.web01);
		expect(result.error?.message).toContain(`Network interface ${WEB_01} is already a source of 1 traffic mirror session`);
		expect(result.error?.message).toContain(`${elsewhere.id} ("to-web02", to eni ${WEB_02})`);
		expect(result.error?.message).toContain('traffic_mirror_source_referred_by_session 1');
		expect(changesSent()).toBe(before);
	});

	test('the quota of sessions, of sessions to the target, and of sessions per filter', async () => {
		await fixture.createSession(filterId, { traffic_mirror_sources: [DB_01], traffic_mirror_target_id: WEB_02 });
		fixture.emulator.setQuotas({ traffic_mirror_session: 1 });
		const before = changesSent();
		const overProject = await mirror(DEMO_SERVERS.web01);
		expect(overProject.error?.message).toMatch(/needs 1 new traffic mirror session, but there are already 1 traffic mirror sessions in the project \(traffic_mirror_session quota 1\)/);
		fixture.emulator.setQuotas({ traffic_mirror_session: -1, traffic_mirror_filter_referred_by_session: 1 });
		expect((await mirror(DEMO_SERVERS.web01)).error?.message).toMatch(/traffic_mirror_filter_referred_by_session quota 1/);
		expect(changesSent()).toBe(before);
	});

	test('a server with no interface', async () => {
		const result = await mirror('c1f2e3d4-0a1b-4c2d-8e3f-0000000000ff');
		expect(result.error?.message).toMatch(/No network interface found for ECS instance/);
		expect(fixture.requestsOf('ShowQuota')).toBe(0);
	});
});

test("a flavor that cannot be mirrored: Huawei's refusal, with which flavors can", async () => {
	fixture.emulator.setServerFlavor({ server: DEMO_SERVERS.web01, flavor: 's6.large.2' });
	const result = await mirror(DEMO_SERVERS.web01);
	expect(result.error?.message).toMatch(/The flavor s6.large.2 of ECS instance/);
	expect(result.error?.description).toMatch(/c7t flavors/);
});

test('Get Many keeps the sessions containing a server or a network interface, after listing them all', async () => {
	const withDb = await fixture.createSession(filterId, { name: 'db', traffic_mirror_sources: [DB_01_ETH1] });
	const withWeb = await fixture.createSession(filterId, { name: 'web', traffic_mirror_sources: [WEB_01, WEB_02] });
	const containing = async (value: string, extra: INodeParameters = { returnAll: true }) =>
		(await fixture.run({ resource: 'trafficMirrorSession', operation: 'getAll', ...extra, filters: { containing: value } })).items.map(
			({ json }) => json.id,
		);
	expect(await containing(DEMO_SERVERS.db01)).toEqual([withDb.id]);
	expect(await containing('192.168.0.12')).toEqual([withWeb.id]);
	expect(await containing(WEB_01)).toEqual([withWeb.id]);
	expect(await containing(DEMO_SERVERS.analyser)).toEqual([]);
	// The limit counts the sessions kept, not those listed.
	expect(await containing(DEMO_SERVERS.web02, { returnAll: false, limit: 1 })).toEqual([withWeb.id]);
});

test('Update takes a new target By Server, and sends its type with it', async () => {
	const session = await fixture.createSession(filterId, { traffic_mirror_sources: [WEB_01] });
	const result = await fixture.run({
		resource: 'trafficMirrorSession',
		operation: 'update',
		trafficMirrorSessionId: byId(session.id),
		updateFields: { trafficMirrorTargetId: { __rl: true, mode: 'server', value: DEMO_SERVERS.db01 } },
	});
	expect(result.error).toBeUndefined();
	expect(result.items[0].json).toMatchObject({ traffic_mirror_target_id: DB_01, traffic_mirror_target_type: 'eni' });
	expect(result.items[0].json._resolvedPorts).toMatchObject({ target: { given: DEMO_SERVERS.db01, portId: DB_01 } });
	expect(await fixture.showSession(session.id)).toMatchObject({ traffic_mirror_target_id: DB_01 });

	const asLoadBalancer = await fixture.run({
		resource: 'trafficMirrorSession',
		operation: 'update',
		trafficMirrorSessionId: byId(session.id),
		updateFields: { trafficMirrorTargetType: 'elb', trafficMirrorTargetId: { __rl: true, mode: 'server', value: DEMO_SERVERS.web02 } },
	});
	expect(asLoadBalancer.error?.message).toMatch(/must be a network interface, but Traffic Mirror Target Type is "elb"/);
	expect(fixture.requestsOf('UpdateTrafficMirrorSession')).toBe(1);
});
