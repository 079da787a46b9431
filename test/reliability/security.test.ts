/**
 * Security through the node: the endpoint must be https except on loopback, IDs cannot steer the request's path
 * or inject headers, and the secret key and the security token never appear in output items or in anything
 * thrown (cause, context and description included), under every failure mode.
 */
import type { INodeParameters } from 'n8n-workflow';

import { runNode, shutDownEngine } from '../helpers/engine';
import { MISSING_ID } from '../helpers/ids';
import { byId, ruleCreateParameters, sessionCreateParameters } from '../helpers/parameters';
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

/** A resource locator in ID mode, its value from the input item's `id` by expression. */
const idFromItem = byId('={{ $json.id }}');
const SOURCE = '6134900d-31a6-4b71-8453-dbca7f26982a';

/**
 * Every ID the node puts in a path or a query, with one of the values an upstream item could carry to steer the
 * request elsewhere, and the parameters the rest of the operation needs.
 */
const ID_PARAMETERS: Array<[string, string, string, INodeParameters]> = [
	['Traffic Mirror Session (id)', 'trafficMirrorSession:get', '../traffic-mirror-filters', { trafficMirrorSessionId: idFromItem }],
	['Traffic Mirror Session (id)', 'trafficMirrorSession:update', '..', { trafficMirrorSessionId: idFromItem, updateFields: { priority: 2 } }],
	['Traffic Mirror Session (id)', 'trafficMirrorSession:delete', '.', { trafficMirrorSessionId: idFromItem }],
	['Traffic Mirror Session (id)', 'trafficMirrorSession:addSources', 'a/b', { trafficMirrorSessionId: idFromItem, trafficMirrorSources: SOURCE }],
	['Traffic Mirror Session (id)', 'trafficMirrorSession:removeSources', `${SESSION_ID}/add-sources`, { trafficMirrorSessionId: idFromItem, trafficMirrorSources: SOURCE }],
	['Traffic Mirror Session (id)', 'trafficMirrorSession:getAll', `${SESSION_ID}?marker=x`, { filters: { trafficMirrorSessionId: '={{ $json.id }}' } }],
	['Traffic Mirror Filter (traffic_mirror_filter_id)', 'trafficMirrorSession:create', `${SESSION_ID}#x`, { ...sessionCreateParameters(SESSION_ID), name: 'web', trafficMirrorFilterId: idFromItem }],
	['Traffic Mirror Target (traffic_mirror_target_id)', 'trafficMirrorSession:create', `${SESSION_ID}\r\nX-Injected: 1`, { ...sessionCreateParameters(SESSION_ID), name: 'web', trafficMirrorTargetId: idFromItem }],
	['Traffic Mirror Filter (traffic_mirror_filter_id)', 'trafficMirrorSession:update', '%2e%2e', { trafficMirrorSessionId: byId(SESSION_ID), updateFields: { trafficMirrorFilterId: idFromItem } }],
	['Traffic Mirror Filter (id)', 'trafficMirrorFilter:get', '', { trafficMirrorFilterId: idFromItem }],
	['Traffic Mirror Filter (id)', 'trafficMirrorFilter:update', '../traffic-mirror-sessions', { trafficMirrorFilterId: idFromItem, updateFields: { name: 'renamed' } }],
	['Traffic Mirror Filter (id)', 'trafficMirrorFilter:delete', `${SESSION_ID}?x=1`, { trafficMirrorFilterId: idFromItem }],
	['Traffic Mirror Filter (id)', 'trafficMirrorFilter:getAll', 'abc', { filters: { trafficMirrorFilterId: '={{ $json.id }}' } }],
	['Traffic Mirror Filter (traffic_mirror_filter_id)', 'trafficMirrorFilterRule:create', 'filter-1', { ...ruleCreateParameters(SESSION_ID), trafficMirrorFilterId: idFromItem }],
	['Traffic Mirror Filter Rule (id)', 'trafficMirrorFilterRule:get', '..', { trafficMirrorFilterRuleId: idFromItem }],
	['Traffic Mirror Filter Rule (id)', 'trafficMirrorFilterRule:update', 'a b', { trafficMirrorFilterRuleId: idFromItem, updateFields: { priority: 2 } }],
	['Traffic Mirror Filter Rule (id)', 'trafficMirrorFilterRule:delete', `${SESSION_ID}/..`, { trafficMirrorFilterRuleId: idFromItem }],
	['Traffic Mirror Filter Rule (id)', 'trafficMirrorFilterRule:getAll', 'nope', { filters: { trafficMirrorFilterRuleId: '={{ $json.id }}' } }],
];

describe('IDs in the path', () => {
	test.each(ID_PARAMETERS)('%s of %s: %j from an upstream item is refused naming field and value, and nothing is sent', async (field, resourceOperation, id, parameters) => {
		server = await startSignatureServer();
		const [resource, operation] = resourceOperation.split(':');
		// From an expression, as an attacker-controlled ID would arrive: the UI's own check does not run then.
		const result = await runNode({
			parameters: { resource, operation, ...parameters },
			credentials: server.credentials(),
			items: [{ id }],
		});
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(new RegExp(`^Invalid ${field.replace(/[()]/g, '\\$&')}: must be a resource ID`));
		expect(result.error?.message).toContain(JSON.stringify(id.trim()).slice(1, -1));
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

	test.each(['raw', 'json', 'url'] as const)(
		'a 401 that echoes a token with "/", "+" and "=" %s-spelt: no spelling of it reaches the item, the error or its details',
		async (spelling) => {
			const token = 'temporary/token+with=slashes/0123456789ABCDEFGHIJ';
			api = await startFaultyApi({ securityToken: token });
			api.emulator.setFaults({ script: [{ echoSecret: spelling }] });
			for (const onError of ['stopWorkflow', 'continueRegularOutput'] as const) {
				api.emulator.setFaults({ script: [{ echoSecret: spelling }] });
				const result = await runNode({
					parameters: sessionCreateParameters(api.filterId),
					credentials: api.credentials({ securityToken: token }),
					items: namedItems(1),
					settings: { onError },
				});
				const text = deepText(result.items) + deepText(result.error);
				expect(text).toMatch(/APIGW\.0301/);
				expect(text).toContain('[redacted]');
				const spellings = [token, token.replace(/\//g, '\\/'), encodeURIComponent(token), encodeURIComponent(token).toLowerCase()];
				for (const spelt of spellings) expect(text).not.toContain(spelt);
			}
		},
	);

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
		// Never retried, nor followed by anything: five failed signatures lock the AK. One create per run, refused.
		expect(api.requestsOf('CreateTrafficMirrorSession')).toBe(2);
		expect(api.requestsOf('ListTrafficMirrorSessions')).toBe(0);
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
