/** Throttling, injected faults, counters and the control API: each observable, none timed. */
import { v3 } from '@huaweicloud/huaweicloud-sdk-vpc';

import { DEMO_PORTS, startEmulator, RunningEmulator } from '../../emulator/server';
import {
	control,
	createSessionRequest,
	FilterAnswer,
	SessionsAnswer,
	sdkClient,
	sdkError,
	seedSessionOption,
	signedRequest,
	v3Path,
	wire,
} from './helpers';

/** A clock frozen near real time: throttling windows stay put, and SDK signatures are within 15 minutes. */
const FROZEN = new Date();

let emulator: RunningEmulator;
let client: v3.VpcClient;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0, clock: () => FROZEN });
	client = sdkClient(emulator);
});

afterAll(() => emulator.close());

beforeEach(() => emulator.reset());

const listSessions = () => client.listTrafficMirrorSessions(new v3.ListTrafficMirrorSessionsRequest());
const list = () => signedRequest(emulator, 'GET', v3Path('traffic-mirror-sessions'), { signingDate: FROZEN });

async function createFilterId(): Promise<string> {
	const created = await signedRequest(emulator, 'POST', v3Path('traffic-mirror-filters'), {
		body: { traffic_mirror_filter: { name: 'faults' } },
		signingDate: FROZEN,
	});
	return (created.json() as unknown as FilterAnswer).traffic_mirror_filter.id;
}

function createSession(filterId: string, name: string) {
	return client.createTrafficMirrorSession(
		createSessionRequest(seedSessionOption(filterId, name).withPriority(1).withEnabled('true')),
	);
}

describe('throttling', () => {
	it('answers 429 APIGW.0308 beyond the requests-per-second limit', async () => {
		emulator.setFaults({ rateLimit: 2 });
		await listSessions();
		await listSessions();
		const error = await sdkError(listSessions());
		expect(error).toMatchObject({ httpStatusCode: 429, errorCode: 'APIGW.0308' });
		expect(error.errorMsg).toBe(
			'The throttling threshold has been reached: policy user over ratelimit,limit:2,time:1 second',
		);
		expect(emulator.counters().faults.throttled).toBe(1);
	});

	it('sends Retry-After only when configured, and can be scripted', async () => {
		emulator.setFaults({ script: [{ throttle: true }] });
		const plain = await list();
		expect(plain.status).toBe(429);
		expect(plain.headers.get('retry-after')).toBeNull();

		emulator.setFaults({ retryAfterSeconds: 3, script: [{ throttle: true }] });
		const withHeader = await list();
		expect(withHeader.status).toBe(429);
		expect(withHeader.headers.get('retry-after')).toBe('3');
		expect((await list()).status).toBe(200);
	});
});

describe('scripted faults', () => {
	it('fails before the operation: nothing is created', async () => {
		const filterId = await createFilterId();
		emulator.setFaults({ script: [{ status: 503 }] });
		const error = await sdkError(createSession(filterId, 'before-fault'));
		expect(error).toMatchObject({ httpStatusCode: 503 });
		expect(emulator.counters().sessionCreatesByName).toEqual({});
		expect(emulator.counters().stored.sessions).toBe(0);
	});

	it('fails after the operation: the session exists although the client saw 500 (an ambiguous failure)', async () => {
		const filterId = await createFilterId();
		emulator.setFaults({ script: [{ status: 500, when: 'after' }] });
		const error = await sdkError(createSession(filterId, 'after-fault'));
		expect(error).toMatchObject({ httpStatusCode: 500, errorCode: 'APIGW.0601' });
		const listed = await wire<SessionsAnswer>(
			client.listTrafficMirrorSessions(new v3.ListTrafficMirrorSessionsRequest().withName('after-fault')),
		);
		expect(listed.traffic_mirror_sessions).toHaveLength(1);
		expect(emulator.counters().sessionCreatesByName).toEqual({ 'after-fault': 1 });
	});

	it('drops the connection before or after processing', async () => {
		const filterId = await createFilterId();
		emulator.setFaults({ script: [{ drop: 'before' }, { drop: 'after' }] });
		await expect(createSession(filterId, 'dropped-before')).rejects.toBeDefined();
		await expect(createSession(filterId, 'dropped-after')).rejects.toBeDefined();
		const counters = emulator.counters();
		expect(counters.requests.byStatus.dropped).toBe(2);
		expect(counters.faults.dropped).toBe(2);
		expect(counters.sessionCreatesByName).toEqual({ 'dropped-after': 1 });
	});

	it('answers a truncated JSON body or an HTML error page', async () => {
		emulator.setFaults({ script: [{ malformed: 'truncated' }, { malformed: 'html' }] });
		const truncated = await list();
		expect(truncated.status).toBe(200);
		expect(() => truncated.json()).toThrow();
		const html = await list();
		expect(html.status).toBe(502);
		expect(html.headers.get('content-type')).toBe('text/html');
		expect(html.text).toContain('<html>');
		expect(emulator.counters().faults.malformed).toBe(2);
		expect((await list()).status).toBe(200);
	});

	it('redirects to another origin instead of answering, before the operation runs', async () => {
		const filterId = await createFilterId();
		emulator.setFaults({ script: [{ redirect: 'http://127.0.0.1:9' }, { redirect: 'http://127.0.0.1:9', status: 307 }] });
		const found = await signedRequest(emulator, 'GET', v3Path('traffic-mirror-sessions'), { query: { name: 'x' }, signingDate: FROZEN });
		expect(found.status).toBe(302);
		expect(found.headers.get('location')).toBe(`http://127.0.0.1:9${v3Path('traffic-mirror-sessions')}?name=x`);
		await expect(createSession(filterId, 'redirected')).rejects.toBeDefined();
		expect(emulator.counters().sessionCreatesByName).toEqual({});
		expect(emulator.counters().faults.redirected).toBe(2);
		expect(emulator.counters().requests.byStatus).toMatchObject({ 302: 1, 307: 1 });
	});

	it('holds an answer back after the operation ran', async () => {
		const filterId = await createFilterId();
		emulator.setFaults({ script: [{ lateAnswerMs: 50 }] });
		const late = createSession(filterId, 'late');
		// The session exists before its answer arrives.
		await new Promise((resolve) => setTimeout(resolve, 25));
		expect(emulator.counters().sessionCreatesByName).toEqual({ late: 1 });
		await expect(late).resolves.toBeDefined();
	});

	it('keeps a fault for one operation until a request of that operation comes', async () => {
		emulator.setFaults({ script: [{ operation: 'CreateTrafficMirrorFilter', status: 503 }, { status: 502 }] });
		expect((await list()).status).toBe(502);
		expect((await list()).status).toBe(200);
		const created = await signedRequest(emulator, 'POST', v3Path('traffic-mirror-filters'), {
			body: { traffic_mirror_filter: { name: 'faulted' } },
			signingDate: FROZEN,
		});
		expect(created.status).toBe(503);
		expect(emulator.faults().script).toEqual([]);
	});

	it('refuses a redirect status that is no redirect, and an origin with a path', async () => {
		expect((await control(emulator, 'PATCH', 'faults', { script: [{ redirect: 'http://127.0.0.1:9', status: 500 }] })).status).toBe(400);
		expect((await control(emulator, 'PATCH', 'faults', { script: [{ redirect: 'http://127.0.0.1:9/x' }] })).status).toBe(400);
	});

	it('applies faults in order, one per request, then stops', async () => {
		emulator.setFaults({ script: [{ status: 502 }, { status: 504, latencyMs: 5 }] });
		expect((await list()).status).toBe(502);
		expect((await list()).status).toBe(504);
		expect((await list()).status).toBe(200);
		expect(emulator.faults().script).toEqual([]);
	});
});

describe('random faults', () => {
	async function statuses(): Promise<number[]> {
		emulator.reset();
		emulator.setFaults({ errorRate: 0.5, errorStatuses: [500, 503], seed: 42 });
		const seen: number[] = [];
		for (let i = 0; i < 20; i++) seen.push((await list()).status);
		return seen;
	}

	it('are replayed exactly with the same seed', async () => {
		const first = await statuses();
		expect(await statuses()).toEqual(first);
		expect(first.some((status) => status === 200)).toBe(true);
		expect(first.some((status) => status === 500 || status === 503)).toBe(true);
	});

	it('every request is slowed by the configured latency and still answered', async () => {
		emulator.setFaults({ latencyMs: 5 });
		expect((await list()).status).toBe(200);
	});
});

describe('counters and the control API', () => {
	it('counts requests per operation and status, resources created, and what is stored', async () => {
		const filterId = await createFilterId();
		await createSession(filterId, 'counted');
		await sdkError(createSession(filterId, 'bad name'));
		await listSessions();
		const counters = emulator.counters();
		expect(counters.requests.total).toBe(4);
		expect(counters.requests.byOperation).toEqual({
			CreateTrafficMirrorFilter: 1,
			CreateTrafficMirrorSession: 2,
			ListTrafficMirrorSessions: 1,
		});
		expect(counters.requests.byStatus).toEqual({ 201: 2, 400: 1, 200: 1 });
		expect(counters.created).toEqual({ sessions: 1, filters: 1, rules: 0, ports: 0 });
		expect(counters.stored).toEqual({ sessions: 1, filters: 1, rules: 0, ports: DEMO_PORTS.length });
	});

	it('serves counters, faults, reset and ports over HTTP without a signature', async () => {
		await list();
		expect((await control(emulator, 'GET', 'counters')).body.requests.total).toBe(1);

		const patched = await control(emulator, 'PATCH', 'faults', { rateLimit: 7, script: [{ status: 503, when: 'after' }] });
		expect(patched.status).toBe(200);
		expect(patched.body).toMatchObject({ rateLimit: 7, script: [{ status: 503, when: 'after' }] });
		const replaced = await control(emulator, 'PUT', 'faults', { latencyMs: 1 });
		expect(replaced.body).toMatchObject({ rateLimit: 0, latencyMs: 1, script: [] });
		expect((await control(emulator, 'GET', 'faults')).body.latencyMs).toBe(1);

		const bad = await control(emulator, 'PATCH', 'faults', { errorRate: 2 });
		expect(bad.status).toBe(400);
		expect(bad.body.error).toContain('errorRate');
		expect((await control(emulator, 'PATCH', 'faults', { script: [{ stauts: 500 }] })).status).toBe(400);

		const port = await control(emulator, 'POST', 'ports', { name: 'ecs-extra-eth0', ip_address: '192.168.0.55' });
		expect(port.status).toBe(201);
		expect(port.body.port).toMatchObject({ name: 'ecs-extra-eth0', status: 'ACTIVE' });

		expect((await control(emulator, 'POST', 'reset')).status).toBe(204);
		const afterReset = (await control(emulator, 'GET', 'counters')).body;
		expect(afterReset.requests.total).toBe(0);
		expect(afterReset.stored.ports).toBe(DEMO_PORTS.length);
		expect((await control(emulator, 'GET', 'faults')).body.latencyMs).toBe(0);
		expect((await control(emulator, 'GET', 'nothing')).status).toBe(404);
	});

	it('dates resources made while a timestamp offset is set that far back, and reset sets it back to now', async () => {
		const createdAt = async () => {
			const answer = await signedRequest(emulator, 'POST', v3Path('traffic-mirror-filters'), {
				body: { traffic_mirror_filter: { name: 'dated' } },
				signingDate: FROZEN,
			});
			expect(answer.status).toBe(201);
			return Date.parse((answer.json() as unknown as FilterAnswer).traffic_mirror_filter.created_at);
		};
		const offset = await control(emulator, 'PUT', 'timestamp-offset', { seconds: -26 * 3600 });
		expect(offset).toEqual({ status: 200, body: { seconds: -26 * 3600 } });
		// The timestamps have whole seconds; the frozen clock has milliseconds.
		expect(FROZEN.getTime() - (await createdAt())).toBeGreaterThanOrEqual(26 * 3600 * 1000);
		expect(FROZEN.getTime() - (await createdAt())).toBeLessThan(26 * 3600 * 1000 + 1000);
		expect((await control(emulator, 'PUT', 'timestamp-offset', { seconds: 'yesterday' })).status).toBe(400);
		await control(emulator, 'POST', 'reset');
		expect(FROZEN.getTime() - (await createdAt())).toBeLessThan(1000);
	});
});
