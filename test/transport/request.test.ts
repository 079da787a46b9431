/**
 * transport/request.ts on its own: vpcApiRequest called directly, through n8n's real HTTP helper and the credential's
 * signing, against the signature server's canned answers, on a clock that moves only when the transport waits.
 */
import type { NodeApiError } from 'n8n-workflow';

import type { Clock } from '../../nodes/HuaweiCloudVpc/transport/clock';
import { createTransportContext, type TransportContext } from '../../nodes/HuaweiCloudVpc/transport/context';
import type { RequestPolicy } from '../../nodes/HuaweiCloudVpc/transport/policy';
import { vpcApiRequest, type ApiRequest } from '../../nodes/HuaweiCloudVpc/transport/request';
import { instantClock } from '../helpers/clock';
import { loadOptionsContext, shutDownEngine } from '../helpers/engine';
import { startSignatureServer, TEST_CREDENTIALS, type CannedResponse, type SignatureServer } from '../helpers/signature-server';

const SESSIONS = '/vpc/traffic-mirror-sessions';
const UNAVAILABLE: CannedResponse = {
	status: 503,
	body: { error_code: 'APIGW.0201', error_msg: 'Service unavailable', request_id: 'r-503' },
};

let server: SignatureServer;
beforeEach(async () => {
	server = await startSignatureServer();
});
afterEach(async () => await server.close());
afterAll(() => shutDownEngine());

function transport(policy: Partial<RequestPolicy> = {}, clock: Clock = instantClock()): TransportContext {
	return createTransportContext(loadOptionsContext(server.credentials()), { timeoutMs: 5000, maxRetries: 0, ...policy }, clock);
}

async function failure(request: Promise<unknown>): Promise<NodeApiError> {
	try {
		await request;
	} catch (error) {
		return error as NodeApiError;
	}
	throw new Error('The request succeeded but was expected to fail.');
}

const list: ApiRequest = { method: 'GET', path: SESSIONS };
const create: ApiRequest = { method: 'POST', path: SESSIONS, body: { traffic_mirror_session: { name: 'lost' } } };

describe('retries', () => {
	test('a passing failure is sent again up to Max Retries times, each attempt signed, then its error is thrown', async () => {
		server.respondWith(UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, UNAVAILABLE);
		const error = await failure(vpcApiRequest(transport({ maxRetries: 2 }), list));
		expect(error.message).toBe('Huawei Cloud API error 503: APIGW.0201: Service unavailable');
		expect(server.requests).toHaveLength(3);
		expect(server.requests.every((request) => request.signatureValid)).toBe(true);
	});

	test('no retry starts later than two minutes after the first attempt, whatever Max Retries allows', async () => {
		const slow = { ...UNAVAILABLE, headers: { 'Retry-After': '50' } };
		server.respondWith(...Array.from({ length: 11 }, () => slow));
		const clock = instantClock();
		await failure(vpcApiRequest(transport({ maxRetries: 10 }, clock), list));
		// Attempts at 0 s, 50 s and 100 s; a fourth would start at 150 s.
		expect(clock.waits).toEqual([50_000, 50_000]);
		expect(server.requests).toHaveLength(3);
	});

	test('a Retry-After beyond the time the node retries for fails at once, saying why', async () => {
		server.respondWith({ status: 429, body: { error_code: 'APIGW.0308', error_msg: 'throttled', request_id: 'r-429' }, headers: { 'Retry-After': '3600' } });
		const clock = instantClock();
		const error = await failure(vpcApiRequest(transport({ maxRetries: 4 }, clock), list));
		expect(error.httpCode).toBe('429');
		expect(error.description).toContain('Huawei Cloud asked to wait 3600 s before sending it again (its Retry-After), longer than the 120 s left of the time the node retries for');
		expect(server.requests).toHaveLength(1);
		expect(clock.waits).toEqual([]);
	});

	test('with a shorter deadline of its caller (a poll\'s), the Retry-After is weighed against what is left of it', async () => {
		server.respondWith({ status: 429, body: { error_code: 'APIGW.0308', error_msg: 'throttled', request_id: 'r-429' }, headers: { 'Retry-After': '60' } });
		const clock = instantClock();
		const error = await failure(vpcApiRequest(transport({ maxRetries: 4 }, clock), { ...list, deadline: clock.now() + 40_000 }));
		expect(error.description).toContain('wait 60 s before sending it again (its Retry-After), longer than the 40 s left');
		expect(server.requests).toHaveLength(1);
	});

	test('a retry\'s Timeout ends by the deadline: the wall clock bounds the whole request', async () => {
		const slow = { ...UNAVAILABLE, headers: { 'Retry-After': '100' } };
		server.respondWith(slow, UNAVAILABLE);
		const clock = instantClock();
		const sent: number[] = [];
		const context = transport({ maxRetries: 1, timeoutMs: 60_000 }, clock);
		const original = context.context.helpers.httpRequestWithAuthentication;
		context.context.helpers.httpRequestWithAuthentication = async function (this: unknown, ...args: unknown[]) {
			sent.push((args[1] as { timeout: number }).timeout);
			return await (original as (...a: unknown[]) => Promise<unknown>).apply(this, args);
		} as typeof original;
		await failure(vpcApiRequest(context, list));
		// The first attempt has the whole Timeout; the retry, 100 s later, only the 20 s left of two minutes.
		expect(sent).toEqual([60_000, 20_000]);
	});

	test('a POST that may have been processed is not sent again without a look-up', async () => {
		server.respondWith(UNAVAILABLE);
		const error = await failure(vpcApiRequest(transport({ maxRetries: 3 }), create));
		expect(error.httpCode).toBe('503');
		expect(server.requests).toHaveLength(1);
	});

	test('after a failure that may have been processed, the look-up decides: what it found is the answer, or the POST goes again', async () => {
		const found = { traffic_mirror_session: { id: 'found-by-name' }, request_id: 'look-up' };
		server.respondWith(UNAVAILABLE);
		expect(await vpcApiRequest(transport({ maxRetries: 3 }), { ...create, recover: async () => found })).toBe(found);
		expect(server.requests.map((request) => request.method)).toEqual(['POST']);

		server.respondWith(UNAVAILABLE);
		const sentAgain = await vpcApiRequest(transport({ maxRetries: 3 }), { ...create, recover: async () => undefined });
		expect(sentAgain).toMatchObject({ traffic_mirror_session: { name: 'lost' } });
		expect(server.requests.map((request) => request.method)).toEqual(['POST', 'POST', 'POST']);
	});

	test('when the look-up fails too, the error says the request may have been processed, and it is not sent again', async () => {
		server.respondWith(UNAVAILABLE);
		const error = await failure(
			vpcApiRequest(transport({ maxRetries: 3 }), {
				...create,
				recover: async () => {
					throw new Error('the look-up was refused');
				},
			}),
		);
		expect(error.message).toBe('Huawei Cloud API error 503: APIGW.0201: Service unavailable');
		expect(error.description).toContain('The request may have been processed');
		expect(error.description).toContain('the look-up was refused');
		expect(server.requests).toHaveLength(1);
	});

	test('a 2xx whose body is not JSON was processed and its answer lost: retried, then it fails naming the status', async () => {
		const garbled = { status: 200, body: '{"traffic_mirror_sessions": [' };
		server.respondWith(garbled, garbled);
		const error = await failure(vpcApiRequest(transport({ maxRetries: 1 }), list));
		expect(error.message).toBe('Huawei Cloud answered 200 with a body that is not JSON');
		expect(server.requests).toHaveLength(2);
	});
});

describe('error answers', () => {
	test.each([
		[
			'VPC v3: error_code, error_msg and request_id',
			{ status: 404, body: { error_code: 'VPC.0003', error_msg: 'Not found', request_id: 'r-404' } },
			'Huawei Cloud API error 404: VPC.0003: Not found',
			'Request ID: r-404',
		],
		[
			'VPC v1: code and message, the request ID from the X-Request-Id header',
			{ status: 400, body: { code: 'VPC.0002', message: 'Bad port' }, headers: { 'X-Request-Id': 'r-header' } },
			'Huawei Cloud API error 400: VPC.0002: Bad port',
			'Request ID: r-header',
		],
		[
			'an error object nested under "error"',
			{ status: 409, body: { error: { code: 'VPC.0409', message: 'In use' } } },
			'Huawei Cloud API error 409: VPC.0409: In use',
			'Error code: VPC.0409',
		],
		[
			'a body that is not JSON: its start, cut at 500 characters',
			{ status: 403, body: `<html><h1>403 Forbidden by the firewall</h1>${'x'.repeat(1000)}</html>`, headers: { 'Content-Type': 'text/html' } },
			`Huawei Cloud API error 403: <html><h1>403 Forbidden by the firewall</h1>${'x'.repeat(497 - 44)}...`,
			'HTTP status: 403',
		],
	])('%s', async (_, answer, message, detail) => {
		server.respondWith(answer);
		const error = await failure(vpcApiRequest(transport(), list));
		expect(error.message).toBe(message);
		expect(error.httpCode).toBe(String(answer.status));
		expect(error.description).toContain(detail);
	});
});

test.each(['/vpc/traffic-mirror-sessions/..', '/vpc/traffic-mirror-sessions/%2E%2e', '/vpc//traffic-mirror-sessions', '/vpc/a?b', '/vpc/a#b', '/vpc/a b'])(
	'the path %j, with a segment that could steer the request elsewhere, is refused before anything is sent',
	async (path) => {
		const error = await failure(vpcApiRequest(transport(), { method: 'GET', path }));
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toMatch(/^Refused to send a request to an unsafe path segment/);
		expect(server.requests).toHaveLength(0);
	},
);

test('the request goes to the credential\'s project, version and path, with its query', async () => {
	server.respondWith({ status: 200, body: { ports: [] } });
	await vpcApiRequest(transport(), { method: 'GET', version: 'v1', path: '/ports', qs: { limit: 3, name: 'a b' } });
	expect(server.requests.map(({ method, path, query }) => ({ method, path, query }))).toEqual([
		{ method: 'GET', path: `/v1/${TEST_CREDENTIALS.projectId}/ports`, query: { limit: ['3'], name: ['a b'] } },
	]);
});
