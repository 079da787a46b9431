/**
 * The recovery rule of a create whose answer was lost, where the fault matrix's single fault cannot reach: several
 * creates of one name lost at once, and a matching session made by someone else while the answer was on its way.
 */
import type { ScriptedFault } from '../../emulator/options';
import { DEMO_SERVERS } from '../../emulator/server';
import { signedRequest, v3Path, type SessionsAnswer } from '../emulator/helpers';
import { runNode, shutDownEngine } from '../helpers/engine';
import { startSignatureServer } from '../helpers/signature-server';
import { sessionCreateParameters } from '../helpers/parameters';
import { startFaultyApi, type FaultyApi } from './helpers';

const CONTINUE = { onError: 'continueRegularOutput' as const };
const onCreate = (fault: ScriptedFault): ScriptedFault => ({ operation: 'CreateTrafficMirrorSession', ...fault });

let api: FaultyApi;
afterEach(async () => await api?.close());
afterAll(() => shutDownEngine());

const storedIds = async () => {
	const answer = await signedRequest(api.emulator, 'GET', v3Path('traffic-mirror-sessions'));
	return (answer.json() as unknown as SessionsAnswer).traffic_mirror_sessions.map((session) => session.id);
};

/** Two items named "twin" in flight together: both succeed, each with its own session, and those are all there is. */
async function expectTwinsEachWithTheirOwnSession() {
	const result = await api.runCreate([{ name: 'twin' }, { name: 'twin' }], { maxConcurrentRequests: 2 });
	expect(result.error).toBeUndefined();
	const [first, second] = result.items.map((item) => item.json.id);
	expect(first).not.toBe(second);
	expect((await storedIds()).sort()).toEqual([first, second].sort());
}

test('two creates of one name in flight, one answer lost: each item gets its own session, not the other one', async () => {
	api = await startFaultyApi();
	api.emulator.setFaults({ script: [onCreate({ status: 503, when: 'after' })] });
	await expectTwinsEachWithTheirOwnSession();
});

test('a lost create does not look while another create of its name awaits its answer, so it cannot take that one', async () => {
	api = await startFaultyApi();
	// One create is refused unprocessed; the other is processed, its answer held back while the first looks.
	api.emulator.setFaults({ script: [onCreate({ status: 503 }), onCreate({ lateAnswerMs: 300 })] });
	await expectTwinsEachWithTheirOwnSession();
});

test('a create of a name waits while a lost create of that name looks, so the look cannot take it', async () => {
	api = await startFaultyApi();
	const onList = (fault: ScriptedFault): ScriptedFault => ({ operation: 'ListTrafficMirrorSessions', ...fault });
	api.emulator.setFaults({
		script: [
			onCreate({ status: 503 }), // the first twin's create: refused unprocessed, so its item looks for what it made
			onList({ latencyMs: 300 }), // … that look, long enough for the second twin to be ready to create meanwhile
			// The item between the twins names its source by server; its port is found slowly, so that it ends, and the
			// second twin starts, while the first twin looks.
			{ operation: 'ListPorts', latencyMs: 100 },
			onCreate({}), // the item between the twins
			onCreate({ lateAnswerMs: 500 }), // the next create: made at once, its answer held back past any look
		],
	});
	const byServer = { name: 'other', sourcesBy: 'server', servers: DEMO_SERVERS.web01 };
	const asTwin = { sourcesBy: 'networkInterface', servers: '' };
	const result = await api.run(
		sessionCreateParameters(api.filterId, {
			sourcesBy: '={{ $json.sourcesBy }}',
			sourceServers: '={{ $json.servers }}',
			requestOptions: { maxConcurrentRequests: 2 },
		}),
		[{ name: 'twin', ...asTwin }, byServer, { name: 'twin', ...asTwin }],
	);
	expect(result.error).toBeUndefined();
	const [first, other, second] = result.items.map((item) => item.json.id);
	expect(first).not.toBe(second);
	expect((await storedIds()).sort()).toEqual([first, other, second].sort());
	expect(api.createsByName()).toEqual({ twin: 2, other: 1 });
});

test('two creates of one name in flight, both answers lost: neither guesses; both fail naming the two candidates', async () => {
	api = await startFaultyApi();
	api.emulator.setFaults({ script: [onCreate({ status: 503, when: 'after' }), onCreate({ status: 503, when: 'after' })] });
	const result = await api.runCreate([{ name: 'twin' }, { name: 'twin' }], { maxConcurrentRequests: 2 }, CONTINUE);
	const ids = await storedIds();
	expect(ids).toHaveLength(2);
	for (const item of result.items) {
		expect(item.json.error).toMatch(/^The traffic mirror session named "twin" may have been created: .* and 2 new ones match it: /);
		for (const id of ids) expect(item.json.error).toContain(id);
		expect(item.json.description).toContain('It was not sent again');
	}
	expect(api.createsByName()).toEqual({ twin: 2 });
});

test('a matching session made by someone else while the answer was late: the item fails naming both, and nothing is sent again', async () => {
	api = await startFaultyApi();
	api.emulator.setFaults({ script: [onCreate({ lateAnswerMs: 1000 })] });
	const run = api.runCreate([{ name: 'contested' }], { timeout: 300 }, CONTINUE);
	// The node's create has been processed; its answer is held back. Someone else makes a session just like it.
	while (api.createsByName().contested !== 1) await new Promise((resolve) => setTimeout(resolve, 5));
	const outsider = await api.createSession(api.filterId, { name: 'contested' });
	const result = await run;
	expect(result.items[0].json.error).toMatch(/may have been created: its answer did not come in time .* and 2 new ones match it/);
	expect(result.items[0].json.error).toContain(outsider.id);
	// The node's create and the outsider's; the node did not send its create again.
	expect(api.createsByName()).toEqual({ contested: 2 });
});

test('a lookalike made by someone else before the create was sent is never taken, however alike', async () => {
	api = await startFaultyApi();
	// Made two minutes ago by the service's clock (beyond NEAR_MISS_MS), and carrying everything the item sends.
	api.emulator.setTimestampOffset(-120);
	const outsider = await api.createSession(api.filterId, { name: 'web-01' });
	api.emulator.setTimestampOffset(0);
	// The create is made, its answer lost.
	api.emulator.setFaults({ script: [onCreate({ status: 503, when: 'after' })] });
	const result = await api.run(sessionCreateParameters(api.filterId), [{ name: 'web-01' }]);
	expect(result.error).toBeUndefined();
	expect(result.items[0].json.id).not.toBe(outsider.id);
	expect(api.createsByName()).toEqual({ 'web-01': 2 });
});

test('a lookalike made just before the create was sent may be the create\'s own if clocks disagree: unknown, not sent again', async () => {
	api = await startFaultyApi();
	// Thirty seconds before the send by the service's clock: within NEAR_MISS_MS.
	api.emulator.setTimestampOffset(-30);
	const outsider = await api.createSession(api.filterId, { name: 'web-01' });
	api.emulator.setTimestampOffset(0);
	// Refused before processing: the create made nothing, but the node cannot be sure of that.
	api.emulator.setFaults({ script: [onCreate({ status: 503 })] });
	const result = await api.run(sessionCreateParameters(api.filterId), [{ name: 'web-01' }], CONTINUE);
	expect(result.items[0].json.error).toMatch(/^The traffic mirror session named "web-01" may have been created: /);
	expect(result.items[0].json.error).toContain(outsider.id);
	expect(result.items[0].json.description).toContain('just before this item sent its create');
	// The outsider only: the refused create made nothing, and was not sent again.
	expect(api.createsByName()).toEqual({ 'web-01': 1 });
});

test('Create Another: an older session just like the one asked for is never taken for it', async () => {
	api = await startFaultyApi();
	api.emulator.setTimestampOffset(-3600);
	const older = await api.createSession(api.filterId, { name: 'web-01' });
	api.emulator.setTimestampOffset(0);
	api.emulator.setFaults({ script: [onCreate({ status: 503 })] });
	const result = await api.run(sessionCreateParameters(api.filterId), [{ name: 'web-01' }]);
	expect(result.error).toBeUndefined();
	expect(result.items[0].json.id).not.toBe(older.id);
	expect(api.createsByName()).toEqual({ 'web-01': 2 });
});

test('twins that differ in one field, one answered 500 after it was made and one refused: each outputs its own session', async () => {
	api = await startFaultyApi();
	// The first create is made, slowly, and answered 500; the second is refused at once before it is processed (503),
	// so its look comes first and sees the first item's session.
	api.emulator.setFaults({ script: [onCreate({ status: 500, when: 'after', latencyMs: 200 }), onCreate({ status: 503 })] });
	const result = await api.run(
		sessionCreateParameters(api.filterId, {
			additionalFields: { packetLength: '={{ $json.packetLength }}' },
			requestOptions: { maxConcurrentRequests: 2 },
		}),
		[
			{ name: 'twin', packetLength: 96 },
			{ name: 'twin', packetLength: 128 },
		],
	);
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => [item.json.name, item.json.packet_length])).toEqual([
		['twin', 96],
		['twin', 128],
	]);
	expect(result.items[0].json.id).not.toBe(result.items[1].json.id);
	expect((await storedIds()).sort()).toEqual(result.items.map((item) => item.json.id).sort());
});

test('a create that outlives the Timeout with no retry left ends unknown, saying what was looked for, not as a plain timeout', async () => {
	api = await startFaultyApi();
	// Handled only after the Timeout and the look: the look finds nothing yet, and the session appears later.
	api.emulator.setFaults({ script: [onCreate({ latencyMs: 400 })] });
	const result = await api.runCreate([{ name: 'slow' }], { timeout: 100, maxRetries: 0 }, CONTINUE);
	const { error, description } = result.items[0].json as { error: string; description: string };
	expect(error).toMatch(/^The traffic mirror session named "slow" may have been created: its answer did not come in time \(Huawei Cloud did not answer within 100 ms/);
	expect(error).toContain('the look found none yet');
	expect(description).toContain('Looked for: a traffic mirror session named "slow" carrying');
	expect(description).toContain('It was not sent again');
	await new Promise((resolve) => setTimeout(resolve, 500));
	expect(api.createsByName()).toEqual({ slow: 1 });
});

describe('a 2xx create answer without the session in it', () => {
	const created = { status: 201, body: { request_id: 'r-created' } };
	const parameters = sessionCreateParameters('b765ba87-c0b4-4f1a-9ec3-d5b1d1ddb137');
	const session = (fields: Record<string, unknown> = {}) => ({
		id: '16538eda-7e94-4b90-b5f3-a653f62dc817',
		name: 'answered-empty',
		traffic_mirror_filter_id: 'b765ba87-c0b4-4f1a-9ec3-d5b1d1ddb137',
		traffic_mirror_sources: ['6134900d-31a6-4b71-8453-dbca7f26982a'],
		traffic_mirror_target_type: 'eni',
		traffic_mirror_target_id: 'c9f8acef-d550-4fbe-be7c-e8bfd3501dc1',
		priority: 1,
		enabled: true,
		packet_length: 96,
		virtual_network_id: 1,
		type: 'eni',
		// Now by the signature server's clock, whose Date headers the node reads.
		created_at: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
		...fields,
	});

	test('is looked for, never sent again, and the session found is output', async () => {
		const server = await startSignatureServer();
		try {
			server.respondWith(created, { status: 200, body: { traffic_mirror_sessions: [session()], page_info: { current_count: 1 } } });
			const result = await runNode({ parameters, credentials: server.credentials(), items: [{ name: 'answered-empty' }] });
			expect(result.error).toBeUndefined();
			expect(result.items[0].json.id).toBe(session().id);
			expect(server.requests.map((request) => [request.method, request.query])).toEqual([
				['POST', {}],
				['GET', { name: ['answered-empty'], limit: ['2000'] }],
			]);
		} finally {
			await server.close();
		}
	});

	test('found nowhere: unknown, never a crash or a second create', async () => {
		const server = await startSignatureServer();
		try {
			server.respondWith(created, { status: 200, body: { traffic_mirror_sessions: [], page_info: { current_count: 0 } } });
			const result = await runNode({ parameters, credentials: server.credentials(), items: [{ name: 'answered-empty' }], settings: CONTINUE });
			expect(result.items[0].json.error).toMatch(/may have been created: its answer could not be read \(Huawei Cloud answered 201 without the traffic_mirror_session/);
			expect(result.items[0].json.description).toContain('Huawei Cloud said it was created');
			expect(server.requests.map((request) => request.method)).toEqual(['POST', 'GET']);
		} finally {
			await server.close();
		}
	});
});

test.each([
	['500', 'was not created: the node looked for'],
	['503', 'may have been created: Huawei Cloud answered with an error after it may have acted on it'],
] as const)('a %s with no retry left, and nothing found: the service\'s own 500 is "not created", the gateway\'s 503 stays unknown', async (status, said) => {
	api = await startFaultyApi();
	api.emulator.setFaults({ script: [onCreate({ status: Number(status) })] });
	const result = await api.runCreate([{ name: 'refused' }], { maxRetries: 0 }, CONTINUE);
	const { error, description } = result.items[0].json as { error: string; description: string };
	expect(`${error}\n${description}`).toContain(said);
	expect(api.createsByName()).toEqual({});
});
