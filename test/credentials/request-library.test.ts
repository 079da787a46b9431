/**
 * The credential used by other nodes: n8n's HTTP Request node (v4, "Predefined Credential Type" Huawei Cloud API)
 * hands n8n-core's `requestWithAuthentication` request-library options (`uri`, `json`, an object body, `qs`), and
 * n8n-core sends what the credential returns through its `proxyRequestToAxios`. Here that path of n8n-core runs for
 * real, with the options the HTTP Request node v4.2 of n8n 2.8 builds, against the test signature server, which
 * checks every signature with the official SDK's signer. The node itself is run in real n8n by
 * test/e2e/http-request-node.test.ts.
 */
import { requestWithAuthentication } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions';
import type { ICredentialDataDecryptedObject, INode, IRequestOptions, IWorkflowExecuteAdditionalData, Workflow } from 'n8n-workflow';

import { SESSIONS_PATH } from '../../nodes/HuaweiCloudVpc/actions/trafficMirrorSession/session.resource';
import { runNode, shutDownEngine, TestCredentialsHelper } from '../helpers/engine';
import { startForeignOrigin, type ForeignOrigin } from '../helpers/foreign-origin';
import { startSignatureServer, type SignatureServer } from '../helpers/signature-server';
import { PROJECT_ID, SECURITY_TOKEN, SK } from '../signer/vectors';

const HTTP_REQUEST_NODE: INode = {
	id: 'c4a1e0f2-0000-4000-8000-000000000002',
	name: 'HTTP Request',
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	position: [0, 0],
	parameters: {},
	credentials: { huaweiCloudApi: { id: '1', name: 'Huawei Cloud' } },
};

/** What HttpRequestV3 of n8n 2.8 (node version 4.2) passes for a request with the default options. */
function httpRequestNodeOptions(method: 'GET' | 'POST', uri: string, extra: Partial<IRequestOptions> = {}): IRequestOptions {
	return {
		headers: {
			accept: 'application/json,text/html,application/xhtml+xml,application/xml,text/*;q=0.9, image/*;q=0.8, */*;q=0.7',
		},
		method,
		uri,
		gzip: true,
		rejectUnauthorized: true,
		followRedirect: true,
		followAllRedirects: true,
		resolveWithFullResponse: true,
		sendCredentialsOnCrossOriginRedirect: true,
		timeout: 300_000,
		json: true,
		...extra,
	};
}

interface FullResponse {
	statusCode: number;
	body: unknown;
}

/** n8n-core's `requestWithAuthentication`, as a node's execute context calls it, with n8n's credential flow. */
async function sendWithCredential(credentials: ICredentialDataDecryptedObject, options: IRequestOptions): Promise<FullResponse> {
	const helper = new TestCredentialsHelper(credentials);
	const context = {
		getCredentials: async () => await helper.getDecrypted(),
		getNode: () => HTTP_REQUEST_NODE,
		helpers: {},
	};
	const additionalData = { credentialsHelper: helper } as unknown as IWorkflowExecuteAdditionalData;
	return (await requestWithAuthentication.call(
		context as never,
		'huaweiCloudApi',
		options,
		{ id: 'request-library-test' } as Workflow,
		HTTP_REQUEST_NODE,
		additionalData,
	)) as FullResponse;
}

let server: SignatureServer;
let foreign: ForeignOrigin;
beforeEach(async () => {
	server = await startSignatureServer();
	foreign = await startForeignOrigin();
});
afterEach(async () => {
	await server.close();
	await foreign.close();
});
afterAll(() => shutDownEngine());

const SESSION = {
	traffic_mirror_session: {
		name: 'from-the-http-request-node',
		traffic_mirror_filter_id: '6b1f0a3e-6c2f-4a8e-9a51-2f3c4d5e6f70',
		traffic_mirror_sources: ['5e3a1b2c-0d4e-4f6a-8b7c-9d0e1f2a3b4c'],
		traffic_mirror_target_type: 'eni',
		traffic_mirror_target_id: '7c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
		priority: 11,
	},
};

describe('the HTTP Request node\'s request-library options, signed and sent by n8n-core', () => {
	test('a GET with {project_id} and query parameters: signed as sent, the query in canonical form', async () => {
		server.respondWith({ status: 200, body: { traffic_mirror_sessions: [], request_id: 'listed' } });
		const response = await sendWithCredential(
			server.credentials({ securityToken: SECURITY_TOKEN }),
			httpRequestNodeOptions('GET', `${server.url}/v3/{project_id}${SESSIONS_PATH}`, { qs: { name: 'a b', limit: '5' } }),
		);
		expect(response).toMatchObject({ statusCode: 200, body: { request_id: 'listed' } });
		expect(server.requests).toHaveLength(1);
		const [request] = server.requests;
		expect(request).toMatchObject({ method: 'GET', path: `/v3/${PROJECT_ID}${SESSIONS_PATH}`, signatureValid: true });
		expect(request.query).toEqual({ limit: ['5'], name: ['a b'] });
		expect(request.headers['x-security-token']).toBe(SECURITY_TOKEN);
	});

	test('a POST with %7Bproject_id%7D and an object body: the body serialised once, the bytes signed are the bytes sent', async () => {
		const response = await sendWithCredential(
			server.credentials(),
			httpRequestNodeOptions('POST', `${server.url}/v3/%7Bproject_id%7D${SESSIONS_PATH}`, { body: SESSION }),
		);
		expect(response.statusCode).toBe(201);
		expect(response.body).toMatchObject({ traffic_mirror_session: { name: 'from-the-http-request-node', priority: 11 } });
		const [request] = server.requests;
		expect(request).toMatchObject({ method: 'POST', path: `/v3/${PROJECT_ID}${SESSIONS_PATH}`, signatureValid: true });
		expect(request.body).toBe(JSON.stringify(SESSION));
	});

	test('the default "autodetect" response format (a stream, json false) and the full URL with the project ID', async () => {
		server.respondWith({ status: 200, body: { traffic_mirror_sessions: [], request_id: 'streamed' } });
		const response = await sendWithCredential(
			server.credentials(),
			httpRequestNodeOptions('GET', `${server.url}/v3/${PROJECT_ID}${SESSIONS_PATH}?limit=1`, {
				encoding: null,
				json: false,
				useStream: true,
			}),
		);
		const chunks: Buffer[] = [];
		for await (const chunk of response.body as AsyncIterable<Buffer>) chunks.push(chunk);
		expect(JSON.parse(Buffer.concat(chunks).toString('utf8'))).toMatchObject({ request_id: 'streamed' });
		expect(server.requests[0]).toMatchObject({ query: { limit: ['1'] }, signatureValid: true });
	});

	test('a URL outside the credential\'s endpoints is refused with a clear error, and nothing reaches it', async () => {
		const sending = sendWithCredential(
			server.credentials({ securityToken: SECURITY_TOKEN }),
			httpRequestNodeOptions('POST', `${foreign.origin}/v3/{project_id}${SESSIONS_PATH}`, { body: SESSION }),
		);
		await expect(sending).rejects.toThrow(
			`Refused to sign a request to ${foreign.origin}: this Huawei Cloud credential signs only requests to ${server.url}. Nothing was sent.`,
		);
		expect(foreign.requests).toEqual([]);
		expect(server.requests).toEqual([]);
	});

	test('a redirect from the endpoint is not followed, though the node asked for redirects and credentials on them', async () => {
		server.respondWith({ status: 302, headers: { Location: `${foreign.origin}/elsewhere` } });
		const sending = sendWithCredential(
			server.credentials({ securityToken: SECURITY_TOKEN }),
			httpRequestNodeOptions('GET', `${server.url}/v3/{project_id}${SESSIONS_PATH}`),
		);
		await expect(sending).rejects.toMatchObject({ httpCode: '302' });
		expect(server.requests).toHaveLength(1);
		expect(foreign.requests).toEqual([]);
	});
});

test('a Secret Access Key pasted with a line break and spaces after it signs requests the server accepts', async () => {
	server.respondWith({ status: 200, body: { traffic_mirror_sessions: [], page_info: { current_count: 0 }, request_id: 'listed' } });
	const result = await runNode({
		parameters: { resource: 'trafficMirrorSession', operation: 'getAll', returnAll: false, limit: 5 },
		credentials: server.credentials({ secretAccessKey: `${SK}\n  ` }),
	});
	expect(result.error).toBeUndefined();
	expect(server.requests.map((request) => request.signatureValid)).toEqual([true]);
	const response = await sendWithCredential(
		server.credentials({ secretAccessKey: ` ${SK}\r\n` }),
		httpRequestNodeOptions('GET', `${server.url}/v3/{project_id}${SESSIONS_PATH}`),
	);
	expect(response.statusCode).toBe(200);
	expect(server.requests.map((request) => request.signatureValid)).toEqual([true, true]);
});
