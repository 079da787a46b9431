/**
 * transport/paginate.ts on its own: the marker loop against the signature server's canned pages, small enough to
 * show every step (the node's Get Many operations go through it; session-getall.test.ts runs it at scale).
 */
import { createTransportContext } from '../../nodes/HuaweiCloudVpc/transport/context';
import { vpcApiRequestAllItems } from '../../nodes/HuaweiCloudVpc/transport/paginate';
import { DEFAULT_REQUEST_POLICY } from '../../nodes/HuaweiCloudVpc/transport/policy';
import { instantClock } from '../helpers/clock';
import { loadOptionsContext, shutDownEngine } from '../helpers/engine';
import { startSignatureServer, type CannedResponse, type SignatureServer } from '../helpers/signature-server';

const KEY = 'traffic_mirror_sessions';

let server: SignatureServer;
beforeEach(async () => {
	server = await startSignatureServer();
});
afterEach(async () => await server.close());
afterAll(() => shutDownEngine());

/** A page of sessions named by their IDs; `next` is its next_marker, absent on the last page. */
const page = (ids: string[], requestId: string, next?: string): CannedResponse => ({
	status: 200,
	body: {
		[KEY]: ids.map((id) => ({ id })),
		page_info: { current_count: ids.length, previous_marker: ids[0], ...(next ? { next_marker: next } : {}) },
		request_id: requestId,
	},
});

const listAll = (limit?: number) =>
	vpcApiRequestAllItems(createTransportContext(loadOptionsContext(server.credentials()), DEFAULT_REQUEST_POLICY, instantClock()), {
		path: '/vpc/traffic-mirror-sessions',
		key: KEY,
		qs: { priority: [1, 2] },
		limit,
	});

/** The query of each list request the server received. */
const queries = () => server.requests.map((request) => request.query);

test('follows next_marker to the last page, each resource with the request ID of its page', async () => {
	server.respondWith(page(['a', 'b'], 'r-1', 'b'), page(['c'], 'r-2'));
	expect(await listAll()).toEqual([
		{ data: { id: 'a' }, requestId: 'r-1' },
		{ data: { id: 'b' }, requestId: 'r-1' },
		{ data: { id: 'c' }, requestId: 'r-2' },
	]);
	expect(queries()).toEqual([
		{ priority: ['1', '2'], limit: ['2000'] },
		{ priority: ['1', '2'], limit: ['2000'], marker: ['b'] },
	]);
});

test('with a limit, asks each page for no more than it still needs and stops at the limit', async () => {
	server.respondWith(page(['a', 'b'], 'r-1', 'b'), page(['c', 'd'], 'r-2', 'd'));
	expect((await listAll(3)).map((item) => item.data.id)).toEqual(['a', 'b', 'c']);
	expect(queries().map((query) => [query.limit, query.marker])).toEqual([
		[['3'], undefined],
		[['1'], ['b']],
	]);
});

test('a next_marker seen twice ends the listing with an error instead of going round forever', async () => {
	server.respondWith(page(['a', 'b'], 'r-1', 'b'), page(['c'], 'r-2', 'b'), page(['d'], 'r-3'));
	await expect(listAll()).rejects.toThrow('The list of traffic_mirror_sessions repeated the page marker "b"');
	expect(server.requests).toHaveLength(2);
});
