/**
 * The recovery rule of a create whose answer was lost, where the fault matrix's single fault cannot reach: several
 * creates of one name lost at once, and a matching session made by someone else while the answer was on its way.
 */
import type { ScriptedFault } from '../../emulator/options';
import { DEMO_SERVERS } from '../../emulator/server';
import { NOTE_SERVES_MS } from '../../nodes/HuaweiCloudVpc/actions/create';
import { signedRequest, v3Path, type SessionsAnswer } from '../emulator/helpers';
import { stoppedClock } from '../helpers/clock';
import { runNode, shutDownEngine } from '../helpers/engine';
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
			onList({}), // the note of what exists, taken before the first create and shared by all three
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
		expect(item.json.error).toMatch(/^The traffic mirror session named "twin" may have been created, but its answer was lost and 2 new ones match it: /);
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
	expect(result.items[0].json.error).toMatch(/may have been created, but its answer was lost and 2 new ones match it/);
	expect(result.items[0].json.error).toContain(outsider.id);
	// The node's create and the outsider's; the node did not send its create again.
	expect(api.createsByName()).toEqual({ contested: 2 });
});

test('a lookalike made by someone else more than a second after the note is in the next note, and never taken', async () => {
	api = await startFaultyApi();
	// The first create is made at once, its answer held back.
	api.emulator.setFaults({ script: [onCreate({ lateAnswerMs: 300 })] });
	const clock = stoppedClock();
	const run = runNode({
		parameters: sessionCreateParameters(api.filterId),
		credentials: api.credentials(),
		items: [{ name: 'web-01' }, { name: 'web-01' }],
		clock,
	});
	// While the first answer is on its way, someone else makes a session just like it, and time passes the note's.
	while (api.createsByName()['web-01'] !== 1) await new Promise((resolve) => setTimeout(resolve, 5));
	const outsider = await api.createSession(api.filterId, { name: 'web-01' });
	clock.move(NOTE_SERVES_MS + 1);
	// The second create is refused unprocessed, so its item looks for what it made.
	api.emulator.setFaults({ script: [onCreate({ status: 503 })] });
	const result = await run;
	expect(result.error).toBeUndefined();
	const [first, second] = result.items.map((item) => item.json.id);
	expect([first, second]).not.toContain(outsider.id);
	expect(first).not.toBe(second);
	// The first note, the second (which saw the outsider), and the second item's look after its 503.
	expect(api.requestsOf('ListTrafficMirrorSessions')).toBe(3);
	expect(api.createsByName()).toEqual({ 'web-01': 3 });
});

test('Create Another: an older session just like the one asked for is never taken for it', async () => {
	api = await startFaultyApi();
	const older = await api.createSession(api.filterId, { name: 'web-01' });
	api.emulator.setFaults({ script: [onCreate({ status: 503 })] });
	const result = await api.run(sessionCreateParameters(api.filterId), [{ name: 'web-01' }]);
	expect(result.error).toBeUndefined();
	expect(result.items[0].json.id).not.toBe(older.id);
	expect(api.createsByName()).toEqual({ 'web-01': 2 });
});
