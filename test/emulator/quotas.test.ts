/**
 * The emulator's VPC quota API and the traffic-mirroring limits it enforces, stated from Huawei's ShowQuota page and
 * its SDKs' VpcQuotas model, through signed requests as the service would get them.
 */
import { DEMO_SERVERS, startEmulator, type RunningEmulator } from '../../emulator/server';
import { control, signedRequest, SOURCE_PORT_ID, TARGET_PORT_ID, v3Path, type RawAnswer } from './helpers';

const SECOND_SOURCE = '8d5f0c7b-2e4a-4f61-9b3c-7a1e5d2c9f02';
const THIRD_SOURCE = '3e9a7b1c-6d2f-4c85-a0e4-9f8b2d6c1a03';

let emulator: RunningEmulator;
let filterId: string;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, akLockout: false });
});
beforeEach(async () => {
	emulator.reset();
	const created = await signedRequest(emulator, 'POST', v3Path('traffic-mirror-filters'), { body: { traffic_mirror_filter: { name: 'f' } } });
	filterId = (created.json() as { traffic_mirror_filter: { id: string } }).traffic_mirror_filter.id;
});
afterAll(async () => await emulator.close());

const createSession = (sources: string[], target = TARGET_PORT_ID) =>
	signedRequest(emulator, 'POST', v3Path('traffic-mirror-sessions'), {
		body: {
			traffic_mirror_session: {
				name: 's',
				traffic_mirror_filter_id: filterId,
				traffic_mirror_sources: sources,
				traffic_mirror_target_id: target,
				traffic_mirror_target_type: 'eni',
				priority: 1,
			},
		},
	});
const refusal = async (answer: Promise<RawAnswer>) => {
	const { status, json } = await answer;
	return { status, ...json() };
};
const quotaOf = async () => ((await signedRequest(emulator, 'GET', v3Path('quotas'))).json() as { quota: Record<string, number> }).quota;

test('GET /vpc/quotas answers the traffic-mirroring limits, -1 where there is none, and follows the control API', async () => {
	const answer = await signedRequest(emulator, 'GET', v3Path('quotas'));
	expect(answer.status).toBe(200);
	expect(answer.json()).toEqual({
		quota: {
			traffic_mirror_filter: -1,
			traffic_mirror_filter_referred_by_session: -1,
			traffic_mirror_session: -1,
			traffic_mirror_session_contain_sources: 10,
			traffic_mirror_source_referred_by_session: -1,
			traffic_mirror_target_elb_referred_by_session: -1,
			traffic_mirror_target_eni_referred_by_session: -1,
		},
		request_id: expect.any(String),
	});
	expect((await control(emulator, 'PUT', 'quotas', { traffic_mirror_session: 3 })).body).toMatchObject({ traffic_mirror_session: 3 });
	expect((await quotaOf()).traffic_mirror_session).toBe(3);
	expect((await control(emulator, 'PUT', 'quotas', { unknown_quota: 1 })).status).toBe(400);
	emulator.reset();
	expect((await quotaOf()).traffic_mirror_session).toBe(-1);
});

test('each limit refuses what would exceed it, and nothing is stored', async () => {
	emulator.setQuotas({ traffic_mirror_session: 1 });
	expect((await createSession([SOURCE_PORT_ID])).status).toBe(201);
	expect(await refusal(createSession([SECOND_SOURCE]))).toMatchObject({ status: 400, error_code: 'VPC.0410', error_msg: expect.stringContaining('traffic_mirror_session is 1') });

	emulator.setQuotas({ traffic_mirror_session: -1, traffic_mirror_source_referred_by_session: 1 });
	expect(await refusal(createSession([SOURCE_PORT_ID], SECOND_SOURCE))).toMatchObject({
		status: 400,
		error_msg: expect.stringContaining(`source ${SOURCE_PORT_ID} is already in 1 sessions`),
	});

	emulator.setQuotas({ traffic_mirror_source_referred_by_session: -1, traffic_mirror_target_eni_referred_by_session: 1 });
	expect(await refusal(createSession([THIRD_SOURCE]))).toMatchObject({ error_msg: expect.stringContaining('traffic_mirror_target_eni_referred_by_session is 1') });

	emulator.setQuotas({ traffic_mirror_target_eni_referred_by_session: -1, traffic_mirror_filter_referred_by_session: 1 });
	expect(await refusal(createSession([THIRD_SOURCE], SECOND_SOURCE))).toMatchObject({ error_msg: expect.stringContaining('traffic_mirror_filter_referred_by_session is 1') });

	emulator.setQuotas({ traffic_mirror_filter: 1 });
	expect(
		await refusal(signedRequest(emulator, 'POST', v3Path('traffic-mirror-filters'), { body: { traffic_mirror_filter: { name: 'g' } } })),
	).toMatchObject({ status: 400, error_msg: expect.stringContaining('traffic_mirror_filter is 1') });
	expect(emulator.counters().stored).toMatchObject({ sessions: 1, filters: 1 });
});

test('a source cannot be its own target, nor an interface of a server whose flavor cannot be mirrored', async () => {
	expect(await refusal(createSession([TARGET_PORT_ID]))).toMatchObject({ status: 400, error_msg: expect.stringMatching(/cannot be both a source and the target/) });
	const web01 = DEMO_SERVERS.web01;
	expect((await control(emulator, 'PUT', 'server-flavor', { server: web01, flavor: 's6.large.2' })).status).toBe(200);
	expect(await refusal(createSession([SOURCE_PORT_ID]))).toMatchObject({
		status: 400,
		error_msg: expect.stringContaining('The flavor s6.large.2 of ECS instance'),
	});
	emulator.setServerFlavor({ server: web01, flavor: 'c7t.large.2' });
	expect((await createSession([SOURCE_PORT_ID])).status).toBe(201);
});
