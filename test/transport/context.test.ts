/**
 * The transport context of one execution, through n8n's engine: the credential is read once and handed to every
 * request, each request still signed for its own bytes; the Request Options reach the transport; and nothing an
 * execution read or set is left for the next one, or for another running beside it on the same worker.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { stoppedClock } from '../helpers/clock';
import { runNode, shutDownEngine } from '../helpers/engine';
import { sessionCreateParameters } from '../helpers/parameters';
import { startSignatureServer, type SignatureServer } from '../helpers/signature-server';

const FILTER_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const OTHER_SECRET = 'another-secret-access-key-of-another-account';

let servers: SignatureServer[] = [];
afterEach(async () => {
	await Promise.all(servers.map(async (server) => await server.close()));
	servers = [];
});
afterAll(() => shutDownEngine());

async function signatureServer(secretAccessKey?: string): Promise<SignatureServer> {
	const server = await startSignatureServer(secretAccessKey);
	servers.push(server);
	return server;
}

const named = (...names: string[]) => names.map((name) => ({ name }));
/** The creates a server received. */
const createsOf = (server: SignatureServer) => server.requests.filter((request) => request.method === 'POST');

describe('the credential', () => {
	test.each([1, 4])(
		'is read once per execution with %i in flight, and every request is signed for its own bytes',
		async (maxConcurrentRequests) => {
			const server = await signatureServer();
			const items = named('one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight');
			const result = await runNode({
				parameters: sessionCreateParameters(FILTER_ID, { requestOptions: { maxConcurrentRequests } }),
				credentials: server.credentials(),
				items,
			});
			expect(result.error).toBeUndefined();
			expect(result.credentialReads).toBe(1);
			expect(server.requests).toHaveLength(items.length);
			expect(server.requests.every((request) => request.signatureValid)).toBe(true);
			const sentNames = createsOf(server).map((request) => (request.json as { traffic_mirror_session: { name: string } }).traffic_mirror_session.name);
			expect(sentNames.sort()).toEqual(items.map((item) => item.name).sort());
		},
	);

	test('is read once for an item that sends several requests (look-up by name, then create)', async () => {
		const server = await signatureServer();
		server.respondWith({ status: 200, body: { traffic_mirror_sessions: [], page_info: {} } });
		const result = await runNode({
			parameters: sessionCreateParameters(FILTER_ID, { ifNameExists: 'fail' }),
			credentials: server.credentials(),
			items: named('looked-up'),
		});
		expect(result.error).toBeUndefined();
		expect(server.requests.map((request) => request.method)).toEqual(['GET', 'POST']);
		expect(server.requests.every((request) => request.signatureValid)).toBe(true);
		expect(result.credentialReads).toBe(1);
	});

	test('is not read when every item fails its checks, since nothing is sent', async () => {
		const server = await signatureServer();
		const result = await runNode({
			parameters: sessionCreateParameters(FILTER_ID, { priority: 0 }),
			credentials: server.credentials(),
			items: named('invalid'),
		});
		expect(result.error?.message).toMatch(/^Invalid Priority/);
		expect(result.credentialReads).toBe(0);
		expect(server.requests).toHaveLength(0);
	});
});

describe('nothing outlives an execution', () => {
	test('the next execution reads its own credential and has none of the previous Request Options', async () => {
		const first = await signatureServer();
		const clock = stoppedClock();
		await runNode({
			parameters: sessionCreateParameters(FILTER_ID, { requestOptions: { maxRequestsPerSecond: 1 } }),
			credentials: first.credentials(),
			items: named('a', 'b'),
			clock,
		});
		// Two requests (each create) in slots one second apart.
		expect(clock.waits).toEqual([1000]);

		const second = await signatureServer(OTHER_SECRET);
		const next = await runNode({
			parameters: sessionCreateParameters(FILTER_ID),
			credentials: second.credentials({ secretAccessKey: OTHER_SECRET }),
			items: named('c', 'd'),
			clock,
		});
		expect(next.error).toBeUndefined();
		expect(second.requests.every((request) => request.signatureValid)).toBe(true);
		// A rate limiter left over from the first run would have made these wait.
		expect(clock.waits).toEqual([1000]);
		expect(second.requests.map((request) => request.method)).toEqual(['POST', 'POST']);
	});

	test('two executions at once on one worker (queue mode) each sign with their own credential', async () => {
		const [mine, theirs] = await Promise.all([signatureServer(), signatureServer(OTHER_SECRET)]);
		const [a, b] = await Promise.all([
			runNode({
				parameters: sessionCreateParameters(FILTER_ID, { requestOptions: { maxConcurrentRequests: 3 } }),
				credentials: mine.credentials(),
				items: named('m1', 'm2', 'm3', 'm4', 'm5', 'm6'),
			}),
			runNode({
				parameters: sessionCreateParameters(FILTER_ID, { requestOptions: { maxConcurrentRequests: 3 } }),
				credentials: theirs.credentials({ secretAccessKey: OTHER_SECRET }),
				items: named('t1', 't2', 't3', 't4', 't5', 't6'),
			}),
		]);
		expect([a.error, b.error]).toEqual([undefined, undefined]);
		for (const server of [mine, theirs]) {
			expect(createsOf(server)).toHaveLength(6);
			expect(server.requests.every((request) => request.signatureValid)).toBe(true);
		}
	});
});

describe('the Request Options reach the transport', () => {
	test('Max Retries and Max Requests Per Second: three attempts, each in its own rate-limit slot', async () => {
		const server = await signatureServer();
		const throttled = { status: 429, body: { error_code: 'APIGW.0308', error_msg: 'throttled' }, headers: { 'Retry-After': '5' } };
		server.respondWith(throttled, throttled, throttled);
		const clock = stoppedClock();
		const result = await runNode({
			parameters: sessionCreateParameters(FILTER_ID, { requestOptions: { maxRetries: 2, maxRequestsPerSecond: 4 } }),
			credentials: server.credentials(),
			items: named('throttled'),
			clock,
		});
		expect(result.error?.message).toMatch(/429: APIGW\.0308/);
		expect(server.requests).toHaveLength(3);
		// Retry-After (5 s) after each 429, then the next free slot: 250 ms, then 500 ms after the clock's now.
		expect(clock.waits).toEqual([5000, 250, 5000, 500]);
	});

	test('Timeout: a server that never answers fails the request after the timeout set', async () => {
		const silent = createServer(() => {});
		await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
		const { port } = silent.address() as AddressInfo;
		const server = await signatureServer();
		try {
			const result = await runNode({
				parameters: sessionCreateParameters(FILTER_ID, { requestOptions: { timeout: 50, maxRetries: 0 } }),
				credentials: server.credentials({ endpoint: `http://127.0.0.1:${port}` }),
				items: named('unanswered'),
			});
			expect(result.error?.message).toBe('Huawei Cloud did not answer within 50 ms (the Timeout request option)');
		} finally {
			silent.closeAllConnections();
			await new Promise<void>((resolve) => silent.close(() => resolve()));
		}
	});
});
