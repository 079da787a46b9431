import type { INodeParameters } from 'n8n-workflow';

import { TARGET_PORT_ID } from '../emulator/helpers';
import { startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { runNode, shutDownEngine } from '../helpers/engine';
import { MISSING_ID } from '../helpers/ids';
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

const update = (id: string, updateFields: INodeParameters, credentials = fixture.credentials()) =>
	runNode({
		parameters: { resource: 'trafficMirrorSession', operation: 'update', trafficMirrorSessionId: byId(id), updateFields },
		credentials,
	});

test('updating one field changes only that field', async () => {
	const session = await fixture.createSession(filterId, { name: 'before', description: 'kept', priority: 5, packet_length: 200 });
	const result = await update(session.id, { priority: 9 });
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(1);
	expect(result.items[0].json).toMatchObject({ id: session.id, priority: 9 });
	expect(await fixture.showSession(session.id)).toEqual({ ...session, priority: 9, updated_at: expect.any(String) });
});

test('only the fields the user set are sent, with the API types', async () => {
	const server = await startSignatureServer();
	try {
		const id = '16538eda-7e94-4b90-b5f3-a653f62dc817';
		server.respondWith({ status: 200, body: { traffic_mirror_session: { id, priority: 7 }, request_id: 'r-1' } });
		const result = await update(
			id,
			{ priority: 7, virtualNetworkId: '300', enabled: false },
			server.credentials(),
		);
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		const [request] = server.requests;
		expect(request.signatureValid).toBe(true);
		expect(request.method).toBe('PUT');
		expect(request.path).toBe(`/v3/${TEST_CREDENTIALS.projectId}/vpc/traffic-mirror-sessions/${id}`);
		expect(request.json).toEqual({ traffic_mirror_session: { priority: 7, virtual_network_id: 300, enabled: false } });
		expect(result.items[0].json).toEqual({ id, priority: 7 });
	} finally {
		await server.close();
	}
});

test('an empty description clears it', async () => {
	const session = await fixture.createSession(filterId, { description: 'to be cleared' });
	const result = await update(session.id, { description: '' });
	expect(result.error).toBeUndefined();
	expect(result.items[0].json.description).toBe('');
	expect((await fixture.showSession(session.id))?.description).toBe('');
});

test('changes the filter, target, VNI, packet length, name and enabled together', async () => {
	const session = await fixture.createSession(filterId, { enabled: true });
	const result = await update(session.id, {
		name: 'renamed.session_1',
		trafficMirrorFilterId: byId(filterId),
		trafficMirrorTargetId: { __rl: true, mode: 'list', value: TARGET_PORT_ID },
		trafficMirrorTargetType: 'eni',
		virtualNetworkId: 0,
		packetLength: 1460,
		enabled: false,
	});
	expect(result.error).toBeUndefined();
	expect(await fixture.showSession(session.id)).toMatchObject({
		name: 'renamed.session_1',
		traffic_mirror_filter_id: filterId,
		traffic_mirror_target_id: TARGET_PORT_ID,
		virtual_network_id: 0,
		packet_length: 1460,
		enabled: false,
	});
});

describe('fails before anything is sent', () => {
	let sessionId: string;
	beforeAll(async () => {
		sessionId = (await fixture.createSession(filterId)).id;
	});

	test.each([
		['no Update Fields', {}, /^Add at least one field to Update Fields/],
		['a name breaking the name rule', { name: 'has space' }, /^Invalid Name \(name\)/],
		['a description with ">"', { description: 'a > b' }, /^Invalid Description \(description\)/],
		['a packet length out of range', { packetLength: 1461 }, /^Invalid Packet Length \(packet_length\): must be an integer from 1 to 1460/],
		['a VNI that is not a whole number', { virtualNetworkId: '={{ 1.5 }}' }, /^Invalid Virtual Network ID \(VNI\) \(virtual_network_id\)/],
		['a target type outside the choice', { trafficMirrorTargetType: '={{ "vm" }}' }, /^Invalid Traffic Mirror Target Type/],
	])('%s', async (_, updateFields, message) => {
		const before = fixture.totalRequests();
		const result = await update(sessionId, updateFields);
		expect(result.error?.message).toMatch(message);
		expect(fixture.totalRequests()).toBe(before);
	});
});

test('a session that does not exist fails with the service error', async () => {
	const result = await update(MISSING_ID, { priority: 3 });
	expect(result.error?.message).toMatch(/Huawei Cloud API error 404: VPC\.0003/);
});
