/**
 * Security through the node: the endpoint must be https except on loopback, IDs cannot steer the request's path
 * or inject headers, and the secret key and the security token never appear in output items or in anything
 * thrown (cause, context and description included), under every failure mode.
 */
import type { INodeParameters } from 'n8n-workflow';

import { runNode, shutDownEngine } from '../helpers/engine';
import { MISSING_ID } from '../helpers/ids';
import { byId, sessionCreateParameters } from '../helpers/parameters';
import { refusedEndpoint } from '../helpers/refused-endpoint';
import { deepText, expectNoSecrets } from '../helpers/secrets';
import { startSignatureServer, TEST_CREDENTIALS, type SignatureServer } from '../helpers/signature-server';
import { namedItems, startFaultyApi, type FaultyApi } from './helpers';

const SECURITY_TOKEN = 'temporary-security-token-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const SESSION_ID = '3f9c2d6e-8a41-4b7e-9c55-1d2e3f4a5b6c';

let server: SignatureServer | undefined;
let api: FaultyApi | undefined;
afterEach(async () => {
	await server?.close();
	await api?.close();
	server = undefined;
	api = undefined;
});
afterAll(() => shutDownEngine());

const getSession = (id: string): INodeParameters => ({
	resource: 'trafficMirrorSession',
	operation: 'get',
	trafficMirrorSessionId: byId(id),
});

describe('the endpoint', () => {
	test.each(['http://vpc.example.com', 'http://10.0.0.5:9780', 'ftp://127.0.0.1'])(
		'%s is refused with a clear error before any request',
		async (endpoint) => {
			const result = await runNode({
				parameters: getSession(SESSION_ID),
				credentials: { ...TEST_CREDENTIALS, region: 'custom', endpoint },
			});
			expect(result.error?.message).toMatch(/must use https/);
		},
	);

	test('http on a loopback address (the emulator) is allowed', async () => {
		server = await startSignatureServer();
		server.respondWith({ status: 200, body: { traffic_mirror_session: { id: SESSION_ID } } });
		const result = await runNode({
			parameters: getSession(SESSION_ID),
			credentials: server.credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
	});
});

describe('IDs in the path', () => {
	test.each([
		'../traffic-mirror-filters',
		'..',
		'.',
		'a/b',
		`${SESSION_ID}/add-sources`,
		`${SESSION_ID}?marker=x`,
		`${SESSION_ID}#x`,
		`${SESSION_ID}\r\nX-Injected: 1`,
		'%2e%2e',
		'',
	])('%j from an upstream item is refused, and nothing is sent', async (id) => {
		server = await startSignatureServer();
		// From an expression, as an attacker-controlled ID would arrive: the UI's own check does not run then.
		const result = await runNode({
			parameters: getSession('={{ $json.id }}'),
			credentials: server.credentials(),
			items: [{ id }],
		});
		expect(result.error?.name).toBe('NodeOperationError');
		expect(server.requests).toHaveLength(0);
	});

	test('a valid ID, surrounding whitespace and line breaks trimmed, is the one last path segment', async () => {
		server = await startSignatureServer();
		server.respondWith({ status: 200, body: { traffic_mirror_session: { id: SESSION_ID } } });
		await runNode({
			parameters: getSession('={{ $json.id }}'),
			credentials: server.credentials(),
			items: [{ id: ` ${SESSION_ID}\r\n` }],
		});
		expect(server.requests.map((request) => request.path)).toEqual([
			`/v3/${TEST_CREDENTIALS.projectId}/vpc/traffic-mirror-sessions/${SESSION_ID}`,
		]);
		expect(server.requests[0].headers['x-injected']).toBeUndefined();
	});
});

describe('secrets never leave the credential', () => {
	async function runWithToken(faults: object, extra: INodeParameters = {}, continueOnFail = false) {
		api = await startFaultyApi({ securityToken: SECURITY_TOKEN });
		api.emulator.setFaults(faults);
		return await runNode({
			parameters: sessionCreateParameters(api.filterId, { requestOptions: { maxRetries: 1, timeout: 150 }, ...extra }),
			credentials: api.credentials({ securityToken: SECURITY_TOKEN }),
			items: namedItems(1),
			settings: continueOnFail ? { onError: 'continueRegularOutput' } : {},
		});
	}

	test.each([
		['success', {}],
		['429 storm', { script: [{ throttle: true }, { throttle: true }] }],
		['503 before processing', { script: [{ status: 503 }, {}, { status: 503 }] }],
		['503 after processing', { script: [{ status: 503, when: 'after' }] }],
		['dropped connection', { script: [{ drop: 'before' }, {}, { drop: 'before' }] }],
		['slower than the timeout', { latencyMs: 300 }],
		['HTML error page', { script: [{ malformed: 'html', status: 500 }] }],
		['truncated answer', { script: [{ malformed: 'truncated' }] }],
	])('%s, failing the run and as Continue On Fail items', async (_, faults) => {
		for (const continueOnFail of [false, true]) {
			const result = await runWithToken(faults, {}, continueOnFail);
			expectNoSecrets(result, [api!.emulator.options.secretAccessKey, SECURITY_TOKEN]);
			await api!.close();
			api = undefined;
		}
	});

	test('a refused signature: the gateway echoes its canonical request, token included, and the node removes it', async () => {
		api = await startFaultyApi({ securityToken: SECURITY_TOKEN });
		const wrongSecret = 'wrong-secret-key-0123456789abcdefghijklmnopqrstuvwxyz';
		for (const continueOnFail of [false, true]) {
			const result = await runNode({
				parameters: sessionCreateParameters(api.filterId),
				credentials: api.credentials({ securityToken: SECURITY_TOKEN, secretAccessKey: wrongSecret }),
				items: namedItems(1),
				settings: continueOnFail ? { onError: 'continueRegularOutput' } : {},
			});
			const text = deepText(result.items) + deepText(result.error);
			expect(text).toMatch(/APIGW\.0301/);
			expect(text).toContain('[redacted]');
			expectNoSecrets(result, [wrongSecret, SECURITY_TOKEN]);
		}
		// Never retried: five failed signatures lock the AK.
		expect(api.requestsOf('CreateTrafficMirrorSession')).toBe(2);
	});

	test('a validation failure and a refused connection', async () => {
		const validation = await runWithToken({}, { priority: 0 });
		expect(validation.error?.name).toBe('NodeOperationError');
		expectNoSecrets(validation, [api!.emulator.options.secretAccessKey, SECURITY_TOKEN]);
		const refused = await runNode({
			parameters: sessionCreateParameters(MISSING_ID),
			credentials: api!.credentials({ securityToken: SECURITY_TOKEN, endpoint: await refusedEndpoint() }),
			items: namedItems(1),
		});
		expect(refused.error?.message).toMatch(/refused the connection/);
		expectNoSecrets(refused, [api!.emulator.options.secretAccessKey, SECURITY_TOKEN]);
	});
});
