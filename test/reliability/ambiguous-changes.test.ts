/**
 * Changes that the service refuses when they arrive twice: a delete (404 the second time) and adding or removing
 * sources (400 the second time). After a failure that came once the change was made, the node reads the resource
 * back instead of reporting the second attempt's refusal.
 */
import { SOURCE_PORT_ID } from '../emulator/helpers';
import { shutDownEngine } from '../helpers/engine';
import { MORE_PORT_IDS } from '../helpers/ids';
import { byId } from '../helpers/parameters';
import { startFaultyApi, type FaultyApi } from './helpers';

const [SECOND_SOURCE] = MORE_PORT_IDS;

let api: FaultyApi;
let sessionId: string;
beforeEach(async () => {
	api = await startFaultyApi();
	sessionId = (await api.createSession(api.filterId, { name: 'ambiguous' })).id;
});
afterEach(async () => await api.close());
afterAll(() => shutDownEngine());

const deleteSession = async () =>
	await api.run({ resource: 'trafficMirrorSession', operation: 'delete', trafficMirrorSessionId: byId(sessionId) });

test('a delete whose answer was lost (503 after processing) is a success, without Succeed If Already Deleted', async () => {
	api.emulator.setFaults({ script: [{ status: 503, when: 'after' }] });
	const result = await deleteSession();
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json)).toEqual([
		{ deleted: true, alreadyDeleted: false, id: sessionId, resource: 'trafficMirrorSession' },
	]);
	expect(api.emulator.counters().stored.sessions).toBe(0);
});

test('a delete that failed before processing is sent again', async () => {
	api.emulator.setFaults({ script: [{ status: 503, when: 'before' }] });
	const result = await deleteSession();
	expect(result.error).toBeUndefined();
	expect(result.items[0].json).toMatchObject({ deleted: true });
	expect(api.emulator.counters().stored.sessions).toBe(0);
});

test.each([
	['addSources', SECOND_SOURCE, [SOURCE_PORT_ID, SECOND_SOURCE]],
	['removeSources', SOURCE_PORT_ID, []],
])('%s whose answer was lost (connection dropped after processing) outputs the changed session', async (operation, source, expected) => {
	api.emulator.setFaults({ script: [{ drop: 'after' }] });
	const result = await api.run({
		resource: 'trafficMirrorSession',
		operation,
		trafficMirrorSessionId: byId(sessionId),
		trafficMirrorSources: source,
	});
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(1);
	expect(result.items[0].json).toMatchObject({ id: sessionId, traffic_mirror_sources: expected });
});
