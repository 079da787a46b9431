import { SOURCE_PORT_ID } from '../emulator/helpers';
import { startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { runNode, shutDownEngine } from '../helpers/engine';
import { MORE_PORT_IDS, uuids } from '../helpers/ids';
import { byId } from '../helpers/parameters';
import { startSignatureServer } from '../helpers/signature-server';

let fixture: ApiFixture;
let filterId: string;
beforeAll(async () => {
	fixture = await startApiFixture();
	filterId = (await fixture.createFilter()).id;
});
afterAll(async () => {
	await fixture.close();
	shutDownEngine();
});

const change = (operation: 'addSources' | 'removeSources', id: string, trafficMirrorSources: string) =>
	runNode({
		parameters: { resource: 'trafficMirrorSession', operation, trafficMirrorSessionId: byId(id), trafficMirrorSources },
		credentials: fixture.credentials(),
	});

test('adds sources given comma-separated, and outputs the updated session', async () => {
	const session = await fixture.createSession(filterId);
	const result = await change('addSources', session.id, MORE_PORT_IDS.join(', '));
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(1);
	expect(result.items[0].json).toMatchObject({
		id: session.id,
		traffic_mirror_sources: [SOURCE_PORT_ID, ...MORE_PORT_IDS],
	});
	expect((await fixture.showSession(session.id))?.traffic_mirror_sources).toEqual([SOURCE_PORT_ID, ...MORE_PORT_IDS]);
});

test('removes sources given as an array from an expression', async () => {
	const session = await fixture.createSession(filterId, { traffic_mirror_sources: [SOURCE_PORT_ID, ...MORE_PORT_IDS] });
	const result = await change('removeSources', session.id, `={{ ${JSON.stringify([SOURCE_PORT_ID, MORE_PORT_IDS[1]])} }}`);
	expect(result.error).toBeUndefined();
	expect(result.items[0].json.traffic_mirror_sources).toEqual([MORE_PORT_IDS[0]]);
	expect((await fixture.showSession(session.id))?.traffic_mirror_sources).toEqual([MORE_PORT_IDS[0]]);
});

test('the service refusal of a source the session already has comes back as the API error', async () => {
	const session = await fixture.createSession(filterId);
	const result = await change('addSources', session.id, SOURCE_PORT_ID);
	expect(result.error?.message).toMatch(/Huawei Cloud API error 400: VPC\.0002/);
});

describe('invalid sources fail before anything is sent', () => {
	let sessionId: string;
	beforeAll(async () => {
		sessionId = (await fixture.createSession(filterId)).id;
	});

	test.each([
		['addSources', 'a source that is not a UUID', 'eth0'],
		['addSources', 'the same source twice', `${MORE_PORT_IDS[0]},${MORE_PORT_IDS[0]}`],
		['addSources', 'more than 10 sources', uuids(11).join(',')],
		['removeSources', 'no source', '={{ [] }}'],
		['removeSources', 'an empty entry between two sources', `${MORE_PORT_IDS[0]},,${MORE_PORT_IDS[1]}`],
	] as const)('%s with %s', async (operation, _, sources) => {
		const before = fixture.totalRequests();
		const result = await change(operation, sessionId, sources);
		expect(result.error?.message).toMatch(
			/^Invalid Traffic Mirror Source Names or IDs \(traffic_mirror_sources\): must be 1 to 10 distinct resource IDs/,
		);
		expect(fixture.totalRequests()).toBe(before);
	});
});

test('a source given in upper case is really removed, not reported removed while it stays', async () => {
	const session = await fixture.createSession(filterId, { traffic_mirror_sources: [SOURCE_PORT_ID, ...MORE_PORT_IDS] });
	const result = await change('removeSources', session.id.toUpperCase(), MORE_PORT_IDS[0].toUpperCase());
	expect(result.error).toBeUndefined();
	expect(result.items[0].json.traffic_mirror_sources).toEqual([SOURCE_PORT_ID, MORE_PORT_IDS[1]]);
	expect((await fixture.showSession(session.id))?.traffic_mirror_sources).toEqual([SOURCE_PORT_ID, MORE_PORT_IDS[1]]);
});

test('an answer whose session does not show the change fails the item instead of reporting it done', async () => {
	const server = await startSignatureServer();
	try {
		const id = uuids(1)[0];
		// Answered 200, yet the session still holds the source that was to be removed.
		server.respondWith({ status: 200, body: { traffic_mirror_session: { id, traffic_mirror_sources: [SOURCE_PORT_ID] }, request_id: 'r-1' } });
		const result = await runNode({
			parameters: { resource: 'trafficMirrorSession', operation: 'removeSources', trafficMirrorSessionId: byId(id), trafficMirrorSources: SOURCE_PORT_ID },
			credentials: server.credentials(),
		});
		expect(result.error?.message).toMatch(/accepted the removal of .*, but the session's sources are/);
		expect(result.error?.description).toContain('Request ID: r-1');
	} finally {
		await server.close();
	}
});
