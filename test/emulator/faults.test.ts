/** Throttling, injected faults, counters and the control API: each observable, none timed. */
import { v3 } from '@huaweicloud/huaweicloud-sdk-vpc';

import { parseFaultSettings } from '../../emulator/faults';
import { DEMO_PORTS, startEmulator, RunningEmulator } from '../../emulator/server';
import { signRequest } from '../../credentials/common/huaweiCloud/signer';
import {
	AK,
	control,
	createSessionRequest,
	FilterAnswer,
	SessionsAnswer,
	SK,
	sdkClient,
	sdkError,
	seedSessionOption,
	signedRequest,
	v3Path,
	wire,
	withoutHost,
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

	it('cuts a success answer off mid-stream: the whole length announced, half the body sent, the connection gone', async () => {
		emulator.setFaults({ script: [{ cut: true }] });
		const url = new URL(v3Path('traffic-mirror-filters'), emulator.url);
		const body = JSON.stringify({ traffic_mirror_filter: { name: 'cut' } });
		const signed = signRequest(
			{ method: 'POST', url: url.toString(), headers: { 'Content-Type': 'application/json' }, body },
			{ accessKeyId: AK, secretAccessKey: SK },
			FROZEN,
		);
		const response = await fetch(url, { method: 'POST', headers: withoutHost(signed.headers), body });
		expect(response.status).toBe(201);
		expect(Number(response.headers.get('content-length'))).toBeGreaterThan(100);
		await expect(response.text()).rejects.toThrow();
		// The create ran: the answer was lost on the way.
		expect(emulator.counters().stored.filters).toBe(1);
		expect(emulator.counters().faults.cut).toBe(1);
		expect((await list()).status).toBe(200);
	});

	it('answers a 2xx without the resource, {} or a string where the resource or list belongs', async () => {
		emulator.setFaults({
			script: [
				{ wrongShape: 'withoutResource', operation: 'CreateTrafficMirrorFilter' },
				{ wrongShape: 'empty' },
				{ wrongShape: 'string' },
				{ wrongShape: 'withoutResource' },
			],
		});
		const create = (name: string) =>
			signedRequest(emulator, 'POST', v3Path('traffic-mirror-filters'), { body: { traffic_mirror_filter: { name } }, signingDate: FROZEN });
		const withoutResource = await create('first');
		expect(withoutResource.status).toBe(201);
		expect(Object.keys(withoutResource.json())).toEqual(['request_id']);
		const empty = await create('second');
		expect(empty.status).toBe(201);
		expect(empty.json()).toEqual({});
		const asString = await list();
		expect(asString.status).toBe(200);
		expect(asString.json()).toMatchObject({ traffic_mirror_sessions: 'unavailable', page_info: { current_count: 0 } });
		const bare = await list();
		expect(Object.keys(bare.json())).toEqual(['request_id']);
		expect(emulator.counters().faults.reshaped).toBe(4);
		expect(emulator.counters().stored.filters).toBe(2);
	});

	it('echoes the security token and the canonical request in a 401, spelt raw, JSON-escaped or URL-encoded', async () => {
		const token = 'echo/token+with=slashes/0123';
		const withToken = await startEmulator({ port: 0, clock: () => FROZEN, securityToken: token });
		try {
			const ask = async (spelling: 'raw' | 'json' | 'url') => {
				withToken.setFaults({ script: [{ echoSecret: spelling }] });
				return await signedRequest(withToken, 'GET', v3Path('traffic-mirror-sessions'), {
					headers: { 'X-Security-Token': token },
					signingDate: FROZEN,
				});
			};
			const raw = await ask('raw');
			expect(raw.status).toBe(401);
			expect(raw.json()).toMatchObject({ error_code: 'APIGW.0301' });
			expect(raw.text).toContain(token);
			expect(raw.json().error_msg).toContain(`x-security-token:${token}|`);
			const json = await ask('json');
			expect(json.text).not.toContain(token);
			expect(json.text).toContain('echo\\/token+with=slashes\\/0123');
			expect(json.json().error_msg).toContain(token);
			const url = await ask('url');
			expect(url.text).not.toContain(token);
			expect(url.json().error_msg).toContain(encodeURIComponent(token));
			expect(withToken.counters().faults.echoed).toBe(3);
			expect((await ask('raw')).status).toBe(401);
		} finally {
			await withToken.close();
		}
	});

	it('answers every list request with an empty page and a fresh marker until the script is replaced', async () => {
		const filterId = await createFilterId();
		await createSession(filterId, 'listed');
		emulator.setFaults({ script: [{ endlessPages: true, operation: 'ListTrafficMirrorSessions' }, { status: 502 }] });
		const markers = new Set<string>();
		let marker: string | undefined;
		for (let page = 0; page < 5; page++) {
			const answer = await signedRequest(emulator, 'GET', v3Path('traffic-mirror-sessions'), {
				query: { limit: 50, marker },
				signingDate: FROZEN,
			});
			expect(answer.status).toBe(200);
			const { traffic_mirror_sessions, page_info } = answer.json() as unknown as SessionsAnswer;
			expect(traffic_mirror_sessions).toEqual([]);
			marker = page_info.next_marker;
			expect(marker).toBeDefined();
			markers.add(marker!);
		}
		expect(markers.size).toBe(5);
		// Other requests pass it by, and take the faults behind it.
		const create = await signedRequest(emulator, 'POST', v3Path('traffic-mirror-filters'), {
			body: { traffic_mirror_filter: { name: 'passed by' } },
			signingDate: FROZEN,
		});
		expect(create.status).toBe(502);
		expect(emulator.counters().faults.endless).toBe(5);
		emulator.setFaults({ script: [] });
		expect((await list()).json()).toMatchObject({ traffic_mirror_sessions: [{ name: 'listed' }] });
	});

	it('dates every answer by its own clock, not the host\'s', async () => {
		const past = new Date('2021-03-04T05:06:07Z');
		const dated = await startEmulator({ port: 0, clock: () => past, akLockout: false });
		try {
			const answers = [
				await signedRequest(dated, 'GET', v3Path('traffic-mirror-sessions'), { signingDate: past }),
				await signedRequest(dated, 'GET', v3Path('traffic-mirror-sessions')),
				await fetch(`${dated.url}/__emulator/counters`),
			];
			expect(answers.map((answer) => answer.status)).toEqual([200, 401, 200]);
			for (const answer of answers) expect(answer.headers.get('date')).toBe('Thu, 04 Mar 2021 05:06:07 GMT');
		} finally {
			await dated.close();
		}
	});

	it('refuses new faults of the wrong kind', () => {
		expect(parseFaultSettings({ script: [{ cut: true, wrongShape: 'string', echoSecret: 'url', endlessPages: false }] })).toEqual({
			script: [{ cut: true, wrongShape: 'string', echoSecret: 'url', endlessPages: false }],
		});
		expect(() => parseFaultSettings({ script: [{ cut: 'yes' }] })).toThrow('script[0].cut must be true or false.');
		expect(() => parseFaultSettings({ script: [{ wrongShape: 'null' }] })).toThrow(
			'script[0].wrongShape must be one of: withoutResource, empty, string.',
		);
		expect(() => parseFaultSettings({ script: [{ echoSecret: 'base64' }] })).toThrow('script[0].echoSecret must be one of: raw, json, url.');
		expect(() => parseFaultSettings({ script: [{ endlessPages: 1 }] })).toThrow('script[0].endlessPages must be true or false.');
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
