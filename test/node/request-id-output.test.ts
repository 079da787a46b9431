/**
 * The output item is the resource alone; with Request Options › Include Request ID, the ID of the request that
 * returned it is added under `_requestId`, never mixed in as `request_id` among the resource's own fields.
 */
import type { INodeParameters } from 'n8n-workflow';

import { runNode, shutDownEngine } from '../helpers/engine';
import { byId } from '../helpers/parameters';
import { startSignatureServer, type SignatureServer } from '../helpers/signature-server';

const SESSION_ID = '16538eda-7e94-4b90-b5f3-a653f62dc817';
const OTHER_ID = '0b5e0c2d-13a4-4a5e-9d0e-6f1f2b3c4d5e';

let server: SignatureServer;
beforeEach(async () => {
	server = await startSignatureServer();
});
afterEach(async () => {
	await server.close();
});
afterAll(() => shutDownEngine());

const run = (parameters: INodeParameters, includeRequestId?: boolean) =>
	runNode({
		parameters: {
			resource: 'trafficMirrorSession',
			...parameters,
			...(includeRequestId === undefined ? {} : { requestOptions: { includeRequestId } }),
		},
		credentials: server.credentials(),
	});

const getSession = { operation: 'get', trafficMirrorSessionId: byId(SESSION_ID) };
const sessionAnswer = { status: 200, body: { traffic_mirror_session: { id: SESSION_ID, name: 'a' }, request_id: 'req-get' } };

test('by default the output is the resource exactly, without the request ID', async () => {
	server.respondWith(sessionAnswer);
	const result = await run(getSession);
	expect(result.error).toBeUndefined();
	expect(result.items[0].json).toEqual({ id: SESSION_ID, name: 'a' });
});

test('Include Request ID adds the request ID under its own key', async () => {
	server.respondWith(sessionAnswer);
	const result = await run(getSession, true);
	expect(result.items[0].json).toEqual({ id: SESSION_ID, name: 'a', _requestId: 'req-get' });
});

test('Get Many gives each resource the request ID of its own page', async () => {
	const page = (id: string, requestId: string, nextMarker?: string) => ({
		status: 200,
		body: {
			traffic_mirror_sessions: [{ id, name: id.slice(0, 4) }],
			page_info: { current_count: 1, ...(nextMarker ? { next_marker: nextMarker } : {}) },
			request_id: requestId,
		},
	});
	server.respondWith(page(SESSION_ID, 'page-1', SESSION_ID), page(OTHER_ID, 'page-2'));
	const result = await run({ operation: 'getAll', returnAll: true }, true);
	expect(result.items.map((item) => [item.json.id, item.json._requestId])).toEqual([
		[SESSION_ID, 'page-1'],
		[OTHER_ID, 'page-2'],
	]);
});

test('a Delete, answered 204 without a body, takes the request ID from the X-Request-Id header', async () => {
	// The session is read before it is deleted.
	server.respondWith({ status: 200, body: { traffic_mirror_session: { id: SESSION_ID }, request_id: 'req-show' } }, { status: 204, headers: { 'X-Request-Id': 'req-delete' } });
	const result = await run({ operation: 'delete', trafficMirrorSessionId: byId(SESSION_ID) }, true);
	expect(result.items[0].json).toEqual({
		deleted: true,
		alreadyDeleted: false,
		id: SESSION_ID,
		resource: 'trafficMirrorSession',
		_requestId: 'req-delete',
	});
});

test('an Include Request ID that is not a boolean is refused before anything is sent', async () => {
	const result = await runNode({
		parameters: { resource: 'trafficMirrorSession', ...getSession, requestOptions: { includeRequestId: '={{ "yes" }}' } },
		credentials: server.credentials(),
	});
	expect(result.error?.message).toBe('Invalid Include Request ID: must be true or false; got "yes"');
	expect(server.requests).toHaveLength(0);
});
