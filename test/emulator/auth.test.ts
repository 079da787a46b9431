/** The emulated API gateway's authentication: what the official SDK and hand-signed requests get. */
import { v3 } from '@huaweicloud/huaweicloud-sdk-vpc';

import { startEmulator, RunningEmulator } from '../../emulator/server';
import { signRequest } from '../../credentials/common/huaweiCloud/signer';
import { AK, PROJECT_ID, SK, SessionsAnswer, sdkClient, sdkError, signedRequest, v3Path, wire, withoutHost } from './helpers';

const NOW = new Date('2024-01-02T03:04:05Z');
const TOKEN = 'EXAMPLE-SECURITY-TOKEN';
const listRequest = () => new v3.ListTrafficMirrorSessionsRequest();

describe('AK/SK signatures', () => {
	let emulator: RunningEmulator;

	beforeAll(async () => {
		emulator = await startEmulator({ port: 0 });
	});

	afterAll(() => emulator.close());

	it('accepts the SDK-signed request and rejects the same call signed with a wrong secret key', async () => {
		const ok = await wire<SessionsAnswer>(sdkClient(emulator).listTrafficMirrorSessions(listRequest()));
		expect(ok.httpStatusCode).toBe(200);

		const error = await sdkError(sdkClient(emulator, { sk: 'wrong-secret' }).listTrafficMirrorSessions(listRequest()));
		expect(error).toMatchObject({ httpStatusCode: 401, errorCode: 'APIGW.0301' });
		expect(error.errorMsg).toContain('Incorrect IAM authentication information: verify aksk signature fail');
		expect(error.requestId).toBeDefined();
	});

	it('rejects an unknown AK, and writes the gateway error body', async () => {
		const error = await sdkError(sdkClient(emulator, { ak: 'UNKNOWNAK' }).listTrafficMirrorSessions(listRequest()));
		expect(error).toMatchObject({ httpStatusCode: 401, errorCode: 'APIGW.0301' });
		expect(error.errorMsg).toBe('Incorrect IAM authentication information: ak UNKNOWNAK not exist');

		const raw = await signedRequest(emulator, 'GET', v3Path('traffic-mirror-sessions'), {
			keys: { accessKeyId: 'UNKNOWNAK', secretAccessKey: SK },
		});
		expect(Object.keys(raw.json()).sort()).toEqual(['error_code', 'error_msg', 'request_id']);
		expect(raw.headers.get('x-request-id')).toBe(raw.json().request_id);
	});

	it('rejects unsigned requests and a body changed after signing', async () => {
		const unsigned = await fetch(`${emulator.url}${v3Path('traffic-mirror-sessions')}`);
		expect(unsigned.status).toBe(401);
		expect(await unsigned.json()).toMatchObject({ error_code: 'APIGW.0301' });

		// Signed over one body, sent with another: the signature covers the exact bytes.
		const url = `${emulator.url}${v3Path('traffic-mirror-filters')}`;
		const signedBody = JSON.stringify({ traffic_mirror_filter: { name: 'a' } });
		const signed = signRequest(
			{ method: 'POST', url, headers: { 'Content-Type': 'application/json' }, body: signedBody },
			{ accessKeyId: AK, secretAccessKey: SK },
		);
		const headers = withoutHost(signed.headers);
		const tampered = await fetch(url, { method: 'POST', headers, body: signedBody.replace('"a"', '"b"') });
		expect(tampered.status).toBe(401);
		const intact = await fetch(url, { method: 'POST', headers, body: signedBody });
		expect(intact.status).toBe(201);
	});

	it('signs the query too: a parameter added after signing is refused', async () => {
		const url = new URL(v3Path('traffic-mirror-sessions'), emulator.url);
		const signed = signRequest({ method: 'GET', url: url.toString(), headers: {} }, { accessKeyId: AK, secretAccessKey: SK });
		url.searchParams.set('limit', '1');
		const headers = withoutHost(signed.headers);
		const response = await fetch(url, { headers });
		expect(response.status).toBe(401);
	});

	it('verifies a query whose keys are names of Object members, then lets the service refuse them', async () => {
		for (const key of ['constructor', 'toString', '__proto__']) {
			const answer = await signedRequest(emulator, 'GET', v3Path('traffic-mirror-sessions'), { query: { [key]: '1' } });
			expect(answer.status).toBe(400);
			expect(answer.json()).toMatchObject({ error_code: 'VPC.0002', error_msg: `Unknown query parameter ${key}.` });
		}
	});

	it('requires host and x-sdk-date among the signed headers', async () => {
		const url = `${emulator.url}${v3Path('traffic-mirror-sessions')}`;
		const signed = signRequest({ method: 'GET', url, headers: {} }, { accessKeyId: AK, secretAccessKey: SK });
		const forged = signed.headers.Authorization.replace('SignedHeaders=host;x-sdk-date', 'SignedHeaders=x-sdk-date');
		const response = await fetch(url, { headers: { 'X-Sdk-Date': signed.headers['X-Sdk-Date'], Authorization: forged } });
		expect(response.status).toBe(401);
		expect(((await response.json()) as { error_msg: string }).error_msg).toContain('SignedHeaders must include host and x-sdk-date');
	});

	it('refuses a project id in the path that is not the caller\'s', async () => {
		const error = await sdkError(
			sdkClient(emulator, { projectId: 'ffffffffffffffffffffffffffffffff' }).listTrafficMirrorSessions(listRequest()),
		);
		expect(error).toMatchObject({ httpStatusCode: 400, errorCode: 'VPC.0007' });
	});

	it('answers unknown paths and methods with 404 APIGW.0101 before authentication', async () => {
		const unknown = await fetch(`${emulator.url}/v3/${PROJECT_ID}/vpc/traffic-mirror-nothing`);
		expect(unknown.status).toBe(404);
		expect(await unknown.json()).toMatchObject({ error_code: 'APIGW.0101' });
		const wrongMethod = await signedRequest(emulator, 'PATCH', v3Path('traffic-mirror-sessions'));
		expect(wrongMethod.status).toBe(404);
		const trailingSlash = await signedRequest(emulator, 'GET', `${v3Path('traffic-mirror-sessions')}/`);
		expect(trailingSlash.status).toBe(404);
	});
});

describe('the X-Sdk-Date window', () => {
	let emulator: RunningEmulator;

	beforeAll(async () => {
		emulator = await startEmulator({ port: 0, clock: () => NOW });
	});

	afterAll(() => emulator.close());

	const at = (offsetMinutes: number) =>
		signedRequest(emulator, 'GET', v3Path('traffic-mirror-sessions'), {
			signingDate: new Date(NOW.getTime() + offsetMinutes * 60_000),
		});

	it('accepts up to 15 minutes of skew either way and refuses more as expired', async () => {
		expect((await at(15)).status).toBe(200);
		expect((await at(-15)).status).toBe(200);
		const late = await at(16);
		expect(late.status).toBe(401);
		expect(late.json().error_msg).toBe('Incorrect IAM authentication information: signature expired');
		expect((await at(-16)).status).toBe(401);
	});

	it('refuses a request without X-Sdk-Date', async () => {
		const response = await fetch(`${emulator.url}${v3Path('traffic-mirror-sessions')}`, {
			headers: {
				Authorization: `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=host;x-sdk-date, Signature=${'0'.repeat(64)}`,
			},
		});
		expect(response.status).toBe(401);
	});
});

describe('temporary credentials (X-Security-Token)', () => {
	let emulator: RunningEmulator;

	beforeAll(async () => {
		emulator = await startEmulator({ port: 0, securityToken: TOKEN });
	});

	afterAll(() => emulator.close());

	it('accepts the SDK with the matching token and refuses it without or with another token', async () => {
		const ok = await wire<SessionsAnswer>(sdkClient(emulator, { securityToken: TOKEN }).listTrafficMirrorSessions(listRequest()));
		expect(ok.httpStatusCode).toBe(200);

		const without = await sdkError(sdkClient(emulator).listTrafficMirrorSessions(listRequest()));
		expect(without).toMatchObject({ httpStatusCode: 401, errorCode: 'APIGW.0301' });

		const other = await sdkError(sdkClient(emulator, { securityToken: 'OTHER' }).listTrafficMirrorSessions(listRequest()));
		expect(other).toMatchObject({ httpStatusCode: 401, errorCode: 'APIGW.0301' });
	});

	it('refuses a token that is sent but not signed', async () => {
		const url = `${emulator.url}${v3Path('traffic-mirror-sessions')}`;
		const signed = signRequest({ method: 'GET', url, headers: {} }, { accessKeyId: AK, secretAccessKey: SK });
		const headers = withoutHost(signed.headers);
		const response = await fetch(url, { headers: { ...headers, 'X-Security-Token': TOKEN } });
		expect(response.status).toBe(401);
	});
});

describe('AK lockout', () => {
	let now = NOW.getTime();
	const clock = () => new Date(now);

	const attempt = (emulator: RunningEmulator, secretAccessKey: string) =>
		signedRequest(emulator, 'GET', v3Path('traffic-mirror-sessions'), {
			keys: { accessKeyId: AK, secretAccessKey },
			signingDate: new Date(now),
		});

	it('by default, as the real gateway, locks the AK after 5 consecutive failures, even for a correct signature, for 5 minutes', async () => {
		const emulator = await startEmulator({ port: 0, clock });
		try {
			for (let i = 0; i < 4; i++) expect((await attempt(emulator, 'wrong')).status).toBe(401);
			// A success in between starts the count again.
			expect((await attempt(emulator, SK)).status).toBe(200);
			for (let i = 0; i < 5; i++) expect((await attempt(emulator, 'wrong')).status).toBe(401);
			const locked = await attempt(emulator, SK);
			expect(locked.status).toBe(401);
			expect(locked.json().error_msg).toContain('AK access failed to reach the limit,forbidden');
			now += 5 * 60_000 - 1000;
			expect((await attempt(emulator, SK)).status).toBe(401);
			now += 2000;
			expect((await attempt(emulator, SK)).status).toBe(200);
		} finally {
			await emulator.close();
		}
	});

	it('can be turned off for a test that fails signatures on purpose', async () => {
		const emulator = await startEmulator({ port: 0, clock, akLockout: false });
		try {
			for (let i = 0; i < 6; i++) expect((await attempt(emulator, 'wrong')).status).toBe(401);
			expect((await attempt(emulator, SK)).status).toBe(200);
		} finally {
			await emulator.close();
		}
	});
});
