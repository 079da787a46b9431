/**
 * Changes that the service refuses when they arrive twice: a delete (404 the second time) and adding or removing
 * sources (400 the second time). After a failure that came once the change was made, the node reads the resource
 * back instead of reporting the second attempt's refusal.
 */
import { runNode, shutDownEngine } from '../helpers/engine';
import { signedRequest, SOURCE_PORT_ID, TARGET_PORT_ID, v3Path } from '../emulator/helpers';
import { recordWaits, restoreWaits, startFaultyApi, type FaultyApi } from './helpers';

const SECOND_SOURCE = '2f2b6f5e-1f0f-4d6c-9a7e-0c4e2f3b1a01';

let api: FaultyApi;
let sessionId: string;
beforeEach(async () => {
	recordWaits();
	api = await startFaultyApi();
	const created = await signedRequest(api.emulator, 'POST', v3Path('traffic-mirror-sessions'), {
		body: {
			traffic_mirror_session: {
				name: 'ambiguous',
				traffic_mirror_filter_id: api.filterId,
				traffic_mirror_sources: [SOURCE_PORT_ID],
				traffic_mirror_target_id: TARGET_PORT_ID,
				traffic_mirror_target_type: 'eni',
				priority: 1,
			},
		},
	});
	sessionId = (created.json().traffic_mirror_session as { id: string }).id;
});
afterEach(async () => await api.close());
afterAll(() => {
	restoreWaits();
	shutDownEngine();
});

const session = () => ({ __rl: true, mode: 'id', value: sessionId });

test('a delete whose answer was lost (503 after processing) is a success, without Succeed If Already Deleted', async () => {
	api.emulator.setFaults({ script: [{ status: 503, when: 'after' }] });
	const result = await runNode({
		parameters: { resource: 'trafficMirrorSession', operation: 'delete', trafficMirrorSessionId: session() },
		credentials: api.credentials(),
	});
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json)).toEqual([
		{ deleted: true, alreadyDeleted: false, id: sessionId, resource: 'trafficMirrorSession' },
	]);
	expect(api.emulator.counters().stored.sessions).toBe(0);
});

test('a delete that failed before processing is sent again', async () => {
	api.emulator.setFaults({ script: [{ status: 503, when: 'before' }] });
	const result = await runNode({
		parameters: { resource: 'trafficMirrorSession', operation: 'delete', trafficMirrorSessionId: session() },
		credentials: api.credentials(),
	});
	expect(result.error).toBeUndefined();
	expect(result.items[0].json).toMatchObject({ deleted: true });
	expect(api.emulator.counters().stored.sessions).toBe(0);
});

test.each([
	['addSources', SECOND_SOURCE, [SOURCE_PORT_ID, SECOND_SOURCE]],
	['removeSources', SOURCE_PORT_ID, []],
])('%s whose answer was lost (connection dropped after processing) outputs the changed session', async (operation, source, expected) => {
	api.emulator.setFaults({ script: [{ drop: 'after' }] });
	const result = await runNode({
		parameters: { resource: 'trafficMirrorSession', operation, trafficMirrorSessionId: session(), trafficMirrorSources: source },
		credentials: api.credentials(),
	});
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(1);
	expect(result.items[0].json).toMatchObject({ id: sessionId, traffic_mirror_sources: expected });
});
