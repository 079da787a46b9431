import type { IHttpRequestOptions } from 'n8n-workflow';

import { parseAuthorization, recomputeSignature } from '../../emulator/signature';
import { signHuaweiCloudRequest } from '../../credentials/common/huaweiCloud/authentication';
import { AK, PROJECT_ID, SECURITY_TOKEN, SESSION_ID, SIGNING_DATE, SK, VECTORS } from '../signer/vectors';

const credentials = { accessKeyId: AK, secretAccessKey: SK, projectId: PROJECT_ID, region: 'cn-north-4' };
const vector = (prefix: string) => {
	const found = VECTORS.find(({ name }) => name.startsWith(prefix));
	if (!found) throw new Error(`no vector ${prefix}`);
	return found;
};
const sessionsPath = '/v3/{project_id}/vpc/traffic-mirror-sessions';
const header = (options: IHttpRequestOptions, name: string) =>
	Object.entries(options.headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
const LATER = new Date('2024-01-02T03:09:59Z');

describe('signHuaweiCloudRequest reproduces the test vectors', () => {
	it('TV1: POST create, the project placeholder filled in, the body string signed is the one sent', () => {
		const { input, expected } = vector('TV1');
		const signed = signHuaweiCloudRequest(credentials, { method: 'POST', url: sessionsPath, body: input.body }, SIGNING_DATE);
		expect(signed.url).toBe(input.url);
		expect(signed.body).toBe(input.body);
		expect(header(signed, 'Authorization')).toBe(expected.authorization);
		expect(header(signed, 'X-Sdk-Date')).toBe('20240102T030405Z');
		expect(header(signed, 'X-Project-Id')).toBe(PROJECT_ID);
		expect(header(signed, 'X-Security-Token')).toBeUndefined();
		expect(signed).toMatchObject({ json: false, qs: undefined, baseURL: undefined });
	});

	it('TV1: an object body is serialised once, and that string is what is sent and signed', () => {
		const { input, expected } = vector('TV1');
		const signed = signHuaweiCloudRequest(
			credentials,
			{ method: 'POST', url: sessionsPath, body: JSON.parse(input.body as string) },
			SIGNING_DATE,
		);
		expect(signed.body).toBe(input.body);
		expect(header(signed, 'Authorization')).toBe(expected.authorization);
	});

	it('TV2: the query is folded into the URL in canonical form (sorted, spaces as %20, UTF-8)', () => {
		const { input, expected } = vector('TV2');
		const signed = signHuaweiCloudRequest(credentials, { method: 'GET', url: sessionsPath, qs: input.query }, SIGNING_DATE);
		expect(signed.url).toBe(`${input.url}?${expected.canonicalRequest.split('\n')[2]}`);
		expect(signed.url).toContain('name=test%20session');
		expect(signed.body).toBeUndefined();
		expect(header(signed, 'Authorization')).toBe(expected.authorization);
	});

	it('TV3: X-Security-Token is sent and signed when a token is configured', () => {
		const { expected } = vector('TV3');
		const signed = signHuaweiCloudRequest(
			{ ...credentials, securityToken: SECURITY_TOKEN },
			{ method: 'GET', url: `${sessionsPath}/${SESSION_ID}` },
			SIGNING_DATE,
		);
		expect(header(signed, 'X-Security-Token')).toBe(SECURITY_TOKEN);
		expect(parseAuthorization(String(header(signed, 'Authorization')))?.signedHeaders).toContain('x-security-token');
		expect(header(signed, 'Authorization')).toBe(expected.authorization);
	});

	it('an empty or blank security token sends no X-Security-Token header', () => {
		for (const securityToken of ['', '   ']) {
			const signed = signHuaweiCloudRequest({ ...credentials, securityToken }, { method: 'GET', url: sessionsPath }, SIGNING_DATE);
			expect(header(signed, 'X-Security-Token')).toBeUndefined();
			expect(parseAuthorization(String(header(signed, 'Authorization')))?.signedHeaders).not.toContain('x-security-token');
		}
	});
});

describe('signHuaweiCloudRequest builds the request that is sent', () => {
	it('repeated keys and a query already in the URL are merged, sorted and encoded once', () => {
		const signed = signHuaweiCloudRequest(
			credentials,
			{ method: 'GET', url: `${sessionsPath}?z=last&id=b`, qs: { id: ['c', 'a'], name: "it's (a) test*", empty: '' } },
			SIGNING_DATE,
		);
		const url = new URL(signed.url);
		expect(url.search).toBe('?empty=&id=a&id=b&id=c&name=it%27s%20%28a%29%20test%2A&z=last');
		expect(url.searchParams.getAll('id')).toEqual(['a', 'b', 'c']);
	});

	it('signs what it sends: the official signer, given the returned URL, headers and body, gives the same signature', () => {
		const body = '{ "spaced" : "json" }';
		const signed = signHuaweiCloudRequest(
			{ ...credentials, securityToken: SECURITY_TOKEN },
			{ method: 'POST', url: sessionsPath, qs: { a: 'b c' }, body, headers: { Accept: 'application/json' } },
			SIGNING_DATE,
		);
		const url = new URL(signed.url);
		const headers = Object.fromEntries(Object.entries(signed.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]));
		const authorization = parseAuthorization(headers.authorization);
		expect(authorization?.signedHeaders).toEqual(['accept', 'content-type', 'host', 'x-project-id', 'x-sdk-date', 'x-security-token']);
		const received = { method: 'POST', rawPath: url.pathname, rawQuery: url.search.slice(1), headers, body: Buffer.from(body) };
		const recomputed = recomputeSignature(received, authorization!.signedHeaders, { accessKeyId: AK, secretAccessKey: SK });
		expect(recomputed?.signature).toBe(authorization?.signature);
		expect(signed.body).toBe(body);
	});

	it('keeps a caller-supplied Content-Type as one header, whatever its case', () => {
		const signed = signHuaweiCloudRequest(
			credentials,
			{ method: 'POST', url: sessionsPath, body: '{}', headers: { 'content-type': 'application/json;charset=utf8' } },
			SIGNING_DATE,
		);
		const contentTypes = Object.keys(signed.headers ?? {}).filter((name) => name.toLowerCase() === 'content-type');
		expect(contentTypes).toHaveLength(1);
		expect(header(signed, 'content-type')).toBe('application/json;charset=utf8');
	});

	it('uses the custom endpoint with its base path', () => {
		const signed = signHuaweiCloudRequest(
			{ ...credentials, region: 'custom', endpoint: 'https://hcs.example.com/gateway/' },
			{ method: 'GET', url: sessionsPath },
			SIGNING_DATE,
		);
		expect(signed.url).toBe(`https://hcs.example.com/gateway/v3/${PROJECT_ID}/vpc/traffic-mirror-sessions`);
		expect(header(signed, 'host')).toBe('hcs.example.com');
	});

	it('refuses a project ID that could change the path, and a refused endpoint stops signing', () => {
		for (const projectId of ['', '../other', 'a/b', 'p?x=1', 'x'.repeat(65)]) {
			expect(() => signHuaweiCloudRequest({ ...credentials, projectId }, { method: 'GET', url: sessionsPath })).toThrow(
				"The credential's Project ID must be 1–64 letters",
			);
		}
		expect(() =>
			signHuaweiCloudRequest({ ...credentials, region: 'custom', endpoint: 'http://10.0.0.1' }, { method: 'GET', url: sessionsPath }),
		).toThrow('must use https');
	});
});

describe('signing signed options again (n8n re-authenticates on its own retry)', () => {
	const original: IHttpRequestOptions = {
		method: 'POST',
		url: sessionsPath,
		qs: { b: '2', a: ['y', 'x'] },
		body: { traffic_mirror_session: { name: '镜像' } },
		headers: { Accept: 'application/json' },
	};
	const withToken = { ...credentials, securityToken: SECURITY_TOKEN };

	it('gives exactly what signing the original at the new time gives: a fresh date and a fresh valid signature', () => {
		const first = signHuaweiCloudRequest(withToken, original, SIGNING_DATE);
		const again = signHuaweiCloudRequest(withToken, first, LATER);
		expect(again).toEqual(signHuaweiCloudRequest(withToken, original, LATER));
		expect(header(again, 'X-Sdk-Date')).toBe('20240102T030959Z');
		expect(header(again, 'Authorization')).not.toBe(header(first, 'Authorization'));
		expect(again.url).toBe(first.url);
		expect(again.body).toBe(first.body);
	});

	it('at the same time gives the same request (idempotent), with no duplicated signing headers', () => {
		const first = signHuaweiCloudRequest(withToken, original, SIGNING_DATE);
		const again = signHuaweiCloudRequest(withToken, first, SIGNING_DATE);
		expect(again).toEqual(first);
		const names = Object.keys(again.headers ?? {}).map((name) => name.toLowerCase());
		expect(names).toEqual([...new Set(names)]);
	});
});

describe('request-library options, as n8n\'s HTTP Request node hands them over', () => {
	const absolute = `https://vpc.cn-north-4.myhuaweicloud.com${sessionsPath}`;

	it('come back in that form: the signed URL under uri, no url, the caller\'s json kept, the body serialised once', () => {
		const { input, expected } = vector('TV1');
		const signed = signHuaweiCloudRequest(
			credentials,
			{ method: 'POST', uri: absolute, body: JSON.parse(input.body as string), json: true },
			SIGNING_DATE,
		);
		expect(signed.uri).toBe(input.url);
		expect(signed.url).toBeUndefined();
		expect(signed).toMatchObject({ json: true, body: input.body, qs: undefined });
		expect(signed.headers?.Authorization).toBe(expected.authorization);
		expect(signHuaweiCloudRequest(credentials, { ...signed, uri: String(signed.uri) }, SIGNING_DATE)).toEqual(signed);
	});

	it('fill in the project ID however the placeholder is spelled', () => {
		for (const placeholder of ['{project_id}', '%7Bproject_id%7D', '%7bproject_id%7d']) {
			const signed = signHuaweiCloudRequest(credentials, { uri: absolute.replace('{project_id}', placeholder) }, SIGNING_DATE);
			expect(signed.uri).toBe(`https://vpc.cn-north-4.myhuaweicloud.com/v3/${PROJECT_ID}/vpc/traffic-mirror-sessions`);
		}
	});

	it('never follow a redirect, where the security token would go along', () => {
		const asked = { uri: absolute, followRedirect: true, followAllRedirects: true, sendCredentialsOnCrossOriginRedirect: true };
		expect(signHuaweiCloudRequest(credentials, asked, SIGNING_DATE)).toMatchObject({
			followRedirect: false,
			followAllRedirects: false,
			sendCredentialsOnCrossOriginRedirect: false,
		});
		expect(signHuaweiCloudRequest(credentials, { url: absolute }, SIGNING_DATE)).toMatchObject({
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
		});
	});

	it('sign binary bodies as their bytes, and refuse bodies whose bytes are not known before sending', () => {
		const bytes = Buffer.from([0, 1, 2, 255]);
		const signed = signHuaweiCloudRequest(credentials, { method: 'PUT', uri: absolute, body: bytes }, SIGNING_DATE);
		expect(signed.body).toBe(bytes);
		expect(() => signHuaweiCloudRequest(credentials, { method: 'POST', uri: absolute, form: { a: 'b' } })).toThrow(
			'The Huawei Cloud credential signs JSON, text or binary bodies, not form-encoded or multipart ones',
		);
		expect(() => signHuaweiCloudRequest(credentials, { method: 'POST', url: absolute, body: new URLSearchParams('a=b') })).toThrow(
			'not streams or forms',
		);
	});

	it('without any URL are refused with a clear error', () => {
		expect(() => signHuaweiCloudRequest(credentials, { method: 'GET' } as IHttpRequestOptions)).toThrow(
			'The request to sign with the Huawei Cloud credential has no URL',
		);
	});
});
