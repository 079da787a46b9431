import type { INodeParameters } from 'n8n-workflow';

import { startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { runNode, shutDownEngine } from '../helpers/engine';
import { MISSING_ID as MISSING } from '../helpers/ids';
import { byId } from '../helpers/parameters';
import { startSignatureServer, TEST_CREDENTIALS } from '../helpers/signature-server';

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

const remove = (id: string, options: INodeParameters = {}, credentials = fixture.credentials()) =>
	runNode({
		parameters: { resource: 'trafficMirrorSession', operation: 'delete', trafficMirrorSessionId: byId(id), options },
		credentials,
	});

test('deletes a session and says what was deleted', async () => {
	const session = await fixture.createSession(filterId);
	const result = await remove(session.id);
	expect(result.error).toBeUndefined();
	expect(result.items).toEqual([
		{ json: { deleted: true, alreadyDeleted: false, id: session.id, resource: 'trafficMirrorSession' }, pairedItem: { item: 0 } },
	]);
	expect(await fixture.showSession(session.id)).toBeUndefined();
});

test('deleting a session that is already gone fails without the option, and no delete is sent', async () => {
	const before = fixture.requestsOf('DeleteTrafficMirrorSession');
	const looked = fixture.requestsOf('ShowTrafficMirrorSession');
	const result = await remove(MISSING);
	expect(result.error?.message).toMatch(/Huawei Cloud API error 404: VPC\.0003/);
	// The session is read before it is deleted, so that only a delete that removed it says deleted: true.
	expect(fixture.requestsOf('ShowTrafficMirrorSession')).toBe(looked + 1);
	expect(fixture.requestsOf('DeleteTrafficMirrorSession')).toBe(before);
});

test('with Succeed If Already Deleted, a clean-up can run twice', async () => {
	const session = await fixture.createSession(filterId);
	const first = await remove(session.id, { succeedIfAlreadyDeleted: true });
	const second = await remove(session.id, { succeedIfAlreadyDeleted: true });
	expect(first.items[0].json).toEqual({ deleted: true, alreadyDeleted: false, id: session.id, resource: 'trafficMirrorSession' });
	expect(second.error).toBeUndefined();
	expect(second.items[0].json).toEqual({ deleted: false, alreadyDeleted: true, id: session.id, resource: 'trafficMirrorSession' });
});

test('the option does not hide other failures, nor a gateway 404 (a wrong endpoint)', async () => {
	const server = await startSignatureServer();
	try {
		const credentials = server.credentials();
		server.respondWith(
			{ status: 404, body: { error_code: 'APIGW.0101', error_msg: 'The API does not exist', request_id: 'g-1' } },
			{ status: 200, body: { traffic_mirror_session: { id: MISSING }, request_id: 's-1' } },
			{ status: 409, body: { error_code: 'VPC.0409', error_msg: 'In use', request_id: 'c-1' } },
		);
		const gateway = await remove(MISSING, { succeedIfAlreadyDeleted: true }, credentials);
		expect(gateway.error?.message).toMatch(/Huawei Cloud API error 404: APIGW\.0101/);
		const conflict = await remove(MISSING, { succeedIfAlreadyDeleted: true }, credentials);
		expect(conflict.error?.message).toMatch(/Huawei Cloud API error 409: VPC\.0409/);
		expect(server.requests.map((request) => [request.method, request.path])).toEqual([
			['GET', `/v3/${TEST_CREDENTIALS.projectId}/vpc/traffic-mirror-sessions/${MISSING}`],
			['GET', `/v3/${TEST_CREDENTIALS.projectId}/vpc/traffic-mirror-sessions/${MISSING}`],
			['DELETE', `/v3/${TEST_CREDENTIALS.projectId}/vpc/traffic-mirror-sessions/${MISSING}`],
		]);
	} finally {
		await server.close();
	}
});

test('with Continue On Fail, a missing session becomes an error item paired with its input', async () => {
	const result = await runNode({
		parameters: { resource: 'trafficMirrorSession', operation: 'delete', trafficMirrorSessionId: byId(MISSING) },
		credentials: fixture.credentials(),
		settings: { onError: 'continueRegularOutput' },
	});
	expect(result.items).toHaveLength(1);
	expect(result.items[0].json.error).toMatch(/404/);
	expect(result.items[0].pairedItem).toEqual({ item: 0 });
});

describe('deleted: true only when this item\'s delete removed the session', () => {
	test.each([false, true])(
		'an ID that never existed, whose first answer is a 503, is never reported deleted (Succeed If Already Deleted %s)',
		async (succeedIfAlreadyDeleted) => {
			fixture.emulator.setFaults({ script: [{ status: 503 }] });
			const result = await remove(MISSING, { succeedIfAlreadyDeleted });
			fixture.emulator.setFaults({ script: [] });
			if (succeedIfAlreadyDeleted) {
				expect(result.items[0].json).toMatchObject({ deleted: false, alreadyDeleted: true, id: MISSING });
			} else {
				expect(result.error?.message).toMatch(/Huawei Cloud API error 404: VPC\.0003/);
			}
		},
	);

	test('a session whose delete answer was lost (503 after it was deleted) was seen before and is gone: deleted', async () => {
		const session = await fixture.createSession(filterId);
		fixture.emulator.setFaults({ script: [{ operation: 'DeleteTrafficMirrorSession', status: 503, when: 'after' }] });
		const result = await remove(session.id);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ deleted: true, alreadyDeleted: false, id: session.id });
	});

	test('an ID given in upper case is deleted as the lower-case ID the service holds', async () => {
		const session = await fixture.createSession(filterId);
		const result = await remove(session.id.toUpperCase());
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ deleted: true, id: session.id });
		expect(await fixture.showSession(session.id)).toBeUndefined();
	});
});
