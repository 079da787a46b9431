/**
 * transport/paginate.ts on its own: the marker loop against the signature server's canned pages, small enough to
 * show every step (the node's Get Many operations go through it; session-getall.test.ts runs it at scale).
 */
import type { NodeApiError } from 'n8n-workflow';

import { createTransportContext } from '../../nodes/HuaweiCloudVpc/transport/context';
import { MAX_PAGES, vpcApiRequestAllItems } from '../../nodes/HuaweiCloudVpc/transport/paginate';
import { DEFAULT_REQUEST_POLICY } from '../../nodes/HuaweiCloudVpc/transport/policy';
import { isResource } from '../../nodes/HuaweiCloudVpc/transport/request';
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
		itemIndex: 3,
	});

/** The error the listing ends in. */
async function failure(limit?: number): Promise<NodeApiError> {
	try {
		await listAll(limit);
	} catch (error) {
		return error as NodeApiError;
	}
	throw new Error('The listing succeeded but was expected to fail.');
}

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

describe('a server that never ends its list is not followed for ever', () => {
	test.each([
		['Return All', undefined],
		['a Limit of 50', 50],
	])('%s: an empty page that points to a next one ends the listing at once', async (_, limit) => {
		server.respondWith(...Array.from({ length: 20 }, (__, index) => page([], `r-${index + 1}`, `m-${index + 1}`)));
		const error = await failure(limit);
		expect(error.message).toBe('Page 1 of the list of traffic_mirror_sessions is empty, yet points to a next page (marker "m-1")');
		expect(error.description).toContain('Request ID: r-1');
		expect(error.context.itemIndex).toBe(3);
		expect(server.requests).toHaveLength(1);
	});

	test('an empty last page, without a next marker, is no error', async () => {
		server.respondWith(page(['a'], 'r-1', 'a'), page([], 'r-2'));
		expect((await listAll()).map((item) => item.data.id)).toEqual(['a']);
	});

	test(`pages of one resource each, every one with a new marker, are followed for ${MAX_PAGES} pages and no more`, async () => {
		const ids = Array.from({ length: MAX_PAGES + 5 }, (_, index) => `s-${index + 1}`);
		server.respondWith(...ids.map((id, index) => page([id], `r-${index + 1}`, id)));
		const error = await failure();
		expect(error.message).toBe(
			`The list of traffic_mirror_sessions did not end after ${MAX_PAGES} pages (${MAX_PAGES} resources), and was given up`,
		);
		expect(error.description).toContain(`Request ID: r-${MAX_PAGES}`);
		expect(error.context.itemIndex).toBe(3);
		expect(server.requests).toHaveLength(MAX_PAGES);
	});
});

describe('a list of the wrong shape is asked for again, then a clear error, never a crash', () => {
	/** Every attempt (the first and Max Retries more) gets the same answer. */
	const always = (response: CannedResponse) => Array.from({ length: DEFAULT_REQUEST_POLICY.maxRetries + 1 }, () => response);

	const answer = (body: unknown): CannedResponse => ({ status: 200, body });
	test.each([
		['no list key', answer({ request_id: 'r-1' }), 'the answer has no "traffic_mirror_sessions": {"request_id":"r-1"}'],
		['a string', answer({ [KEY]: 'sessions', request_id: 'r-1' }), 'got "sessions"'],
		['a number', answer({ [KEY]: 0, request_id: 'r-1' }), 'got 0'],
		['null', answer({ [KEY]: null, request_id: 'r-1' }), 'got null'],
		['an object where the array belongs', answer({ [KEY]: { id: 'a' }, request_id: 'r-1' }), 'got {"id":"a"}'],
		['an entry that is not an object', answer({ [KEY]: [{ id: 'a' }, 'b'], request_id: 'r-1' }), 'entry 2 is "b", not a resource with an ID'],
		['an entry that is an array', answer({ [KEY]: [[{ id: 'a' }]], request_id: 'r-1' }), 'entry 1 is [{"id":"a"}], not a resource with an ID'],
		['an entry without an ID', answer({ [KEY]: [{ name: 'a' }], request_id: 'r-1' }), 'entry 1 is {"name":"a"}, not a resource with an ID'],
		['an entry whose ID is a number', answer({ [KEY]: [{ id: 7 }], request_id: 'r-1' }), 'entry 1 is {"id":7}, not a resource with an ID'],
	])('%s', async (_, response, got) => {
		server.respondWith(...always(response));
		const error = await failure();
		expect(error.message).toBe(`Huawei Cloud answered 200 with page 1 of the list of traffic_mirror_sessions that is not a list of resources: ${got}`);
		expect(error.description).toContain('Request ID: r-1');
		expect(error.context.itemIndex).toBe(3);
		expect(server.requests).toHaveLength(DEFAULT_REQUEST_POLICY.maxRetries + 1);
	});

	test('a page of the wrong shape once, then the page: the listing goes on', async () => {
		server.respondWith(answer({ request_id: 'r-1' }), page(['a'], 'r-2'));
		expect((await listAll()).map((item) => item.data.id)).toEqual(['a']);
	});

	test('on a later page, with the request ID of its header, and what came shortened', async () => {
		server.respondWith(page(['a'], 'r-1', 'a'), ...always({ status: 200, body: { [KEY]: 'x'.repeat(1000) }, headers: { 'X-Request-Id': 'h-2' } }));
		const error = await failure();
		expect(error.message).toBe(
			`Huawei Cloud answered 200 with page 2 of the list of traffic_mirror_sessions that is not a list of resources: got "${'x'.repeat(196)}...`,
		);
		expect(error.description).toContain('Request ID: h-2');
	});

	test('a resource is an object with a non-empty string ID', () => {
		expect(isResource({ id: 'a', name: 'n' })).toBe(true);
		for (const value of [undefined, null, {}, 'a', [{ id: 'a' }], { id: '' }, { id: ['a'] }, { id: 7 }]) {
			expect(isResource(value)).toBe(false);
		}
	});
});
