/**
 * The credential's Test button (methods/credentialTest.ts) as n8n runs it: called by name through the node's
 * `testedBy`, in n8n-core's own credential test context, against the emulator's gateway answering each cause of a
 * refusal the way Huawei's gateway does, against a gateway that echoes the security token, and against endpoints
 * that are not Huawei's API at all.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { CredentialTestContext } from 'n8n-core';
import {
	NodeHelpers,
	type ICredentialDataDecryptedObject,
	type INodeCredentialTestResult,
	type INodeParameters,
} from 'n8n-workflow';

import { HuaweiCloudApi } from '../../credentials/HuaweiCloudApi.credentials';
import type { EmulatorOptions } from '../../emulator/server';
import { HuaweiCloudVpc } from '../../nodes/HuaweiCloudVpc/HuaweiCloudVpc.node';
import { CUSTOM_ENDPOINT } from '../../credentials/common/huaweiCloud/endpoint';
import { startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { shutDownEngine } from '../helpers/engine';
import { refusedEndpoint } from '../helpers/refused-endpoint';

const credentialType = new HuaweiCloudApi();
const node = new HuaweiCloudVpc();

/** As n8n's CredentialsTester does: the credential's defaults filled in, the node's test named by `testedBy`, called in n8n's context. */
async function testCredential(data: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
	const [{ testedBy }] = node.description.credentials ?? [];
	const test = node.methods.credentialTest[testedBy as keyof typeof node.methods.credentialTest];
	const withDefaults = NodeHelpers.getNodeParameters(credentialType.properties, data as INodeParameters, true, false, null, null);
	return await test.call(new CredentialTestContext(), {
		id: '1',
		name: 'Huawei Cloud',
		type: credentialType.name,
		data: withDefaults as ICredentialDataDecryptedObject,
	});
}

const fixtures: ApiFixture[] = [];
async function emulator(options: Partial<EmulatorOptions> = {}): Promise<ApiFixture> {
	const fixture = await startApiFixture(options);
	fixtures.push(fixture);
	return fixture;
}
afterAll(async () => {
	await Promise.all(fixtures.map((fixture) => fixture.close()));
	shutDownEngine();
});

test('a working credential: OK, in one request', async () => {
	const api = await emulator();
	const result = await testCredential(api.credentials());
	expect(result).toEqual({ status: 'OK', message: `Connected: the access key, project ${api.emulator.options.projectId} and ${api.emulator.url} work` });
	expect(api.emulator.counters().requests.byOperation).toEqual({ ListTrafficMirrorSessions: 1 });
});

describe('each refusal is named, with Huawei’s code and what to do', () => {
	test('an unknown Access Key ID', async () => {
		const api = await emulator();
		const result = await testCredential(api.credentials({ accessKeyId: 'UNKNOWNAK0000000' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^Huawei Cloud does not know this Access Key ID \(APIGW\.0301: Incorrect IAM authentication information: ak UNKNOWNAK0000000 not exist\)\. Check it for typos/,
		);
	});

	test('a wrong Secret Access Key, sent once only (n8n’s resend of a refused request would count twice towards the lock)', async () => {
		const api = await emulator();
		const result = await testCredential(api.credentials({ secretAccessKey: 'not-the-secret-key' }));
		expect(result.message).toMatch(
			/^The signature does not match \(APIGW\.0301: Incorrect IAM authentication information: verify aksk signature fail\): the Secret Access Key is not the one of this Access Key ID\./,
		);
		expect(result.message).not.toContain('canonicalRequest');
		expect(api.totalRequests()).toBe(1);
	});

	test('an access key locked after five wrong signatures', async () => {
		const api = await emulator();
		for (let attempt = 0; attempt < 5; attempt++) await testCredential(api.credentials({ secretAccessKey: 'wrong' }));
		const result = await testCredential(api.credentials());
		expect(result.message).toMatch(/^Huawei Cloud has locked this access key for 5 minutes after 5 wrong signatures in a row \(APIGW\.0301: .*AK access failed to reach the limit,forbidden\.\)\. Wait/);
	});

	test('a clock more than 15 minutes off', async () => {
		const api = await emulator({ clock: () => new Date(Date.now() + 20 * 60_000) });
		const result = await testCredential(api.credentials());
		expect(result.message).toMatch(/^Huawei Cloud refused the request's time \(APIGW\.0301: .*signature expired\): this n8n server's clock is more than 15 minutes off/);
	});

	test('an expired security token, and one that belongs to other keys', async () => {
		const expired = await emulator({ securityToken: 'TEMPORARY-TOKEN', securityTokenExpiresAt: new Date(Date.now() - 1000) });
		const wrong = await emulator({ securityToken: 'TEMPORARY-TOKEN' });
		for (const result of [
			await testCredential(expired.credentials()),
			await testCredential(wrong.credentials({ securityToken: 'ANOTHER-TOKEN' })),
		]) {
			expect(result.message).toMatch(/^Huawei Cloud cannot use the Security Token \(APIGW\.0301: .*(token expires|decrypt token fail)\): it has expired, or it belongs to other temporary keys\. Get a new temporary access key/);
		}
	});

	test('temporary keys without their security token', async () => {
		const api = await emulator({ securityToken: 'TEMPORARY-TOKEN' });
		const result = await testCredential(api.credentials({ securityToken: '' }));
		expect(result.message).toMatch(/^This is a temporary access key, and it needs its Security Token \(APIGW\.0301: .*x-security-token not found\)/);
	});

	test('a project that is not the access key’s', async () => {
		const api = await emulator();
		const result = await testCredential(api.credentials({ projectId: '0123456789abcdef0123456789abcdef' }));
		expect(result.message).toMatch(
			/^The Project ID is not a project of this access key's account in this endpoint \(VPC\.0007: urlTenantId is not equal to tokenTenantId\)\. Copy the ID/,
		);
	});

	test('an IAM user without the permission to list sessions', async () => {
		const api = await emulator({ faults: { script: [{ status: 403, operation: 'ListTrafficMirrorSessions' }] } });
		const result = await testCredential(api.credentials());
		expect(result.message).toMatch(
			/^The access key works, but it may not list traffic mirror sessions \(APIGW\.0302: .+\)\. Grant its IAM user the action vpc:trafficMirrorSessions:list/,
		);
	});

	test('a Huawei gateway without the traffic mirroring API', async () => {
		const api = await emulator();
		const result = await testCredential(api.credentials({ endpoint: `${api.emulator.url}/not-vpc` }));
		expect(result.message).toMatch(/is a Huawei Cloud API gateway, but it has no VPC traffic mirroring API \(APIGW\.0101: /);
	});

	test('the request ID of Huawei’s answer is given, for a support ticket', async () => {
		const api = await emulator();
		const result = await testCredential(api.credentials({ accessKeyId: 'UNKNOWNAK0000000' }));
		expect(result.message).toMatch(/ Request ID: [0-9a-f-]{36}\.$/);
	});
});

describe('an endpoint that is not Huawei’s API at all', () => {
	let server: Server;
	let url: string;
	let answer: { status: number; type: string; body: string; location?: string };
	beforeAll(async () => {
		server = createServer((_, response) => {
			response.writeHead(answer.status, { 'Content-Type': answer.type, ...(answer.location ? { Location: answer.location } : {}) });
			response.end(answer.body);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => await new Promise<void>((resolve) => server.close(() => resolve())));

	const credentials = () => ({
		accessKeyId: 'AK',
		secretAccessKey: 'SK',
		projectId: 'project',
		region: CUSTOM_ENDPOINT,
		endpoint: url,
	});

	test.each([
		['a web page', 200, 'text/html', '<html><body>Welcome</body></html>'],
		['a 404 page', 404, 'text/html', '<html><body>Not Found</body></html>'],
		['JSON of another API', 401, 'application/json', '{"message":"Unauthorized"}'],
	])('%s', async (_, status, type, body) => {
		answer = { status, type, body };
		const result = await testCredential(credentials());
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringMatching(new RegExp(`^${url} answered HTTP ${status}, but not as Huawei Cloud's VPC API does`)),
		});
	});

	test('a redirect, which is not followed', async () => {
		answer = { status: 302, type: 'text/html', body: '', location: 'https://elsewhere.example/' };
		const result = await testCredential(credentials());
		expect(result.message).toMatch(/answered with a redirect \(HTTP 302\), which Huawei Cloud's API never does, so it was not followed/);
	});

	test('nothing listening', async () => {
		const endpoint = await refusedEndpoint();
		const result = await testCredential({ ...credentials(), endpoint });
		expect(result.message).toBe(`${endpoint} refused the connection (ECONNREFUSED): nothing listens there; check Endpoint.`);
	});

	test('a credential that cannot be signed says why', async () => {
		const result = await testCredential({ ...credentials(), projectId: 'bad project' });
		expect(result).toEqual({ status: 'Error', message: 'The credential\'s Project ID must be 1–64 letters, digits, "_" or "-"' });
	});
});

describe('a gateway that echoes the security token', () => {
	/** Base64 as Huawei's tokens are, with "/", "+" and "=": the spellings differ from the token as it is. */
	const TOKEN = 'gQpjbi1ub3J0aC00/Ty+Vh3bW1hbmQiOnsi/cmVn+aW9u==';
	let server: Server;
	let url: string;
	beforeAll(async () => {
		// Echoes the X-Security-Token it received, in the body's JSON escaped as some encoders write it (`\/`,
		// `\u002b`) and URL-encoded with lower-case hex; its error code and message are Huawei's for a token it cannot use.
		server = createServer((request, response) => {
			const token = String(request.headers['x-security-token']);
			const escaped = JSON.stringify(token).slice(1, -1).replace(/\//g, '\\/').replace(/\+/g, '\\u002b');
			const encoded = encodeURIComponent(token).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
			response.writeHead(401, { 'Content-Type': 'application/json' });
			response.end(
				`{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information: decrypt token fail, token ${escaped}, query x-security-token=${encoded}","request_id":"r-echo"}`,
			);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => await new Promise<void>((resolve) => server.close(() => resolve())));

	test('the test names the cause, and its message carries the token in no spelling', async () => {
		const result = await testCredential({
			accessKeyId: 'HPUAL7TXLBFDKMGNQ2WE',
			secretAccessKey: 'Qv7RkJ2mN8xT4pL6wZ1yB3cD5fG9hK0sA2eU4iO6',
			securityToken: TOKEN,
			projectId: 'project',
			region: CUSTOM_ENDPOINT,
			endpoint: url,
		});
		expect(result.message).toBe(
			'Huawei Cloud cannot use the Security Token (APIGW.0301: Incorrect IAM authentication information: decrypt token fail, token [redacted], query x-security-token=[redacted]): it has expired, or it belongs to other temporary keys. Get a new temporary access key with its token from IAM; for a permanent key, leave Security Token empty. Request ID: r-echo.',
		);
		// Every spelling of the token holds its runs of letters and digits as they are.
		for (const run of TOKEN.match(/[A-Za-z0-9]{4,}/g) ?? []) expect(result.message).not.toContain(run);
	});
});
