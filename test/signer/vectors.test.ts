import { createHash } from 'node:crypto';

import {
	EMPTY_BODY_SHA256,
	buildAuthorizationHeader,
	buildCanonicalRequest,
	buildStringToSign,
	canonicalHeaders,
	canonicalQueryString,
	canonicalUri,
	collectQuery,
	computeSignature,
	formatSdkDate,
	payloadHash,
	percentEncode,
	signRequest,
} from '../../credentials/common/huaweiCloud/signer';
import { AK, ENDPOINT, HOST, SDK_DATE, SIGNING_DATE, SK, VECTORS } from './vectors';

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');
const keys = { accessKeyId: AK, secretAccessKey: SK };

describe.each(VECTORS)('test vector $name', ({ input, expected }) => {
	const url = new URL(input.url);
	const headersWithHost: Record<string, string> = { ...input.headers, host: url.host };
	if (!Object.keys(headersWithHost).some((name) => name.toLowerCase() === 'x-sdk-date')) {
		headersWithHost['X-Sdk-Date'] = formatSdkDate(input.date);
	}

	it('stage 1: canonical request', () => {
		const { canonical, signedHeaders } = canonicalHeaders(headersWithHost);
		const canonicalRequest = buildCanonicalRequest({
			method: input.method,
			uri: canonicalUri(url.pathname),
			query: canonicalQueryString(collectQuery(url, input.query)),
			headers: canonical,
			signedHeaders,
			payloadHash: payloadHash(headersWithHost, input.body),
		});
		expect(canonicalRequest).toBe(expected.canonicalRequest);
		expect(signedHeaders).toBe(expected.signedHeaders);
	});

	it('stage 2: string to sign', () => {
		expect(buildStringToSign(SDK_DATE, expected.canonicalRequest)).toBe(expected.stringToSign);
	});

	it('stage 3: signature and Authorization header', () => {
		const signature = computeSignature(SK, expected.stringToSign);
		expect(signature).toBe(expected.signature);
		expect(buildAuthorizationHeader(AK, expected.signedHeaders, signature)).toBe(expected.authorization);
	});

	it('end to end: signRequest', () => {
		const signed = signRequest(
			{ method: input.method, url: input.url, query: input.query, headers: input.headers, body: input.body },
			keys,
			input.date,
		);
		expect(signed.canonicalRequest).toBe(expected.canonicalRequest);
		expect(signed.stringToSign).toBe(expected.stringToSign);
		expect(signed.signature).toBe(expected.signature);
		expect(signed.headers.Authorization).toBe(expected.authorization);
		expect(signed.headers.host).toBe(HOST);
		expect(signed.headers['X-Sdk-Date']).toBe(SDK_DATE);
		// The caller's headers are not mutated.
		expect(input.headers).not.toHaveProperty('Authorization');
		expect(input.headers).not.toHaveProperty('host');
	});
});

describe('formatSdkDate', () => {
	it('formats UTC as YYYYMMDDTHHMMSSZ, dropping milliseconds', () => {
		expect(formatSdkDate(SIGNING_DATE)).toBe(SDK_DATE);
		expect(formatSdkDate(new Date('2024-12-31T23:59:59.999Z'))).toBe('20241231T235959Z');
		expect(formatSdkDate(new Date('2024-01-02T04:04:05+01:00'))).toBe(SDK_DATE);
	});
});

describe('percentEncode', () => {
	it('keeps exactly the RFC 3986 unreserved set', () => {
		const unreserved = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~';
		expect(percentEncode(unreserved)).toBe(unreserved);
		for (let code = 0; code < 0x80; code++) {
			const c = String.fromCharCode(code);
			if (unreserved.includes(c)) continue;
			expect(percentEncode(c)).toBe(`%${code.toString(16).toUpperCase().padStart(2, '0')}`);
		}
	});

	it('encodes space as %20, never +, and + itself as %2B', () => {
		expect(percentEncode('a b')).toBe('a%20b');
		expect(percentEncode('a+b')).toBe('a%2Bb');
	});

	it("encodes !'()* (which encodeURIComponent leaves alone)", () => {
		expect(percentEncode("!'()*")).toBe('%21%27%28%29%2A');
	});

	it('leaves ~ alone', () => {
		expect(percentEncode('~user')).toBe('~user');
	});

	it('encodes Unicode as upper-case UTF-8 bytes, astral characters included', () => {
		expect(percentEncode('镜像')).toBe('%E9%95%9C%E5%83%8F');
		expect(percentEncode('é')).toBe('%C3%A9');
		expect(percentEncode('😀')).toBe('%F0%9F%98%80');
	});

	it('encodes an already-encoded sequence once more', () => {
		expect(percentEncode('%20')).toBe('%2520');
	});
});

describe('canonicalUri', () => {
	it('appends a trailing slash when missing and keeps one that is there (never doubles it)', () => {
		expect(canonicalUri('/v3/p/vpc/traffic-mirror-sessions')).toBe('/v3/p/vpc/traffic-mirror-sessions/');
		expect(canonicalUri('/v3/p/vpc/traffic-mirror-sessions/')).toBe('/v3/p/vpc/traffic-mirror-sessions/');
		expect(canonicalUri('/')).toBe('/');
	});

	it('encodes each segment but not the separators', () => {
		expect(canonicalUri('/a b/c%20d/e:f/镜')).toBe('/a%20b/c%2520d/e%3Af/%E9%95%9C/');
	});

	it('signs the same canonical URI with and without a trailing slash on the wire', () => {
		const a = signRequest({ method: 'GET', url: `${ENDPOINT}/v3/p/vpc` }, keys, SIGNING_DATE);
		const b = signRequest({ method: 'GET', url: `${ENDPOINT}/v3/p/vpc/` }, keys, SIGNING_DATE);
		expect(a.canonicalRequest.split('\n')[1]).toBe('/v3/p/vpc/');
		expect(a.headers.Authorization).toBe(b.headers.Authorization);
	});
});

describe('canonicalQueryString', () => {
	it('is empty without a query', () => {
		expect(canonicalQueryString({})).toBe('');
	});

	it('sorts keys and encodes keys and values (space as %20, reserved characters, Unicode)', () => {
		expect(canonicalQueryString({ z: 'a b', 'a key': "x!'()*y", m: '镜像', t: '~' })).toBe(
			'a%20key=x%21%27%28%29%2Ay&m=%E9%95%9C%E5%83%8F&t=~&z=a%20b',
		);
	});

	it('writes key= for an empty value and skips undefined', () => {
		expect(canonicalQueryString({ b: '', a: undefined, c: [] })).toBe('b=');
	});

	it('emits a repeated key once per value, values sorted', () => {
		expect(canonicalQueryString({ id: ['c', 'a', 'b', ''] })).toBe('id=&id=a&id=b&id=c');
		// Values sort as strings, as the SDK's Array.prototype.sort does.
		expect(canonicalQueryString({ n: [10, 9, 1] })).toBe('n=1&n=10&n=9');
	});

	it('does not sort the caller array in place', () => {
		const values = ['b', 'a'];
		canonicalQueryString({ k: values });
		expect(values).toEqual(['b', 'a']);
	});

	it('stringifies numbers and booleans', () => {
		expect(canonicalQueryString({ limit: 10, all: true })).toBe('all=true&limit=10');
	});

	it('sorts keys by UTF-16 code unit (upper case before lower case)', () => {
		expect(canonicalQueryString({ b: '1', B: '2', a: '3', _: '4' })).toBe('B=2&_=4&a=3&b=1');
	});
});

describe('collectQuery', () => {
	it('merges the query of the URL with the query object, so repeated keys sort together', () => {
		const url = new URL(`${ENDPOINT}/v3/p?b=2&a=x%20y&b=1`);
		expect(canonicalQueryString(collectQuery(url, { b: '0', c: ['z', 'y'] }))).toBe('a=x%20y&b=0&b=1&b=2&c=y&c=z');
	});

	it('accepts keys that are names of Object.prototype members', () => {
		const url = new URL(`${ENDPOINT}/v3/p?toString=1`);
		const query = JSON.parse('{"constructor":"a","__proto__":"b","hasOwnProperty":["c"]}');
		expect(canonicalQueryString(collectQuery(url, query))).toBe(
			'__proto__=b&constructor=a&hasOwnProperty=c&toString=1',
		);
	});
});

describe('canonicalHeaders', () => {
	it('lower-cases names and sorts them; values are kept as given', () => {
		expect(
			canonicalHeaders({ 'X-Sdk-Date': SDK_DATE, Host: HOST, 'Content-Type': 'application/json', 'X-Project-Id': 'p' }),
		).toEqual({
			canonical: `content-type:application/json\nhost:${HOST}\nx-project-id:p\nx-sdk-date:${SDK_DATE}\n`,
			signedHeaders: 'content-type;host;x-project-id;x-sdk-date',
		});
	});
});

describe('payloadHash', () => {
	it('hashes an absent or empty body as the empty string', () => {
		expect(payloadHash({})).toBe(EMPTY_BODY_SHA256);
		expect(payloadHash({}, '')).toBe(EMPTY_BODY_SHA256);
		expect(payloadHash({}, Buffer.alloc(0))).toBe(EMPTY_BODY_SHA256);
		expect(EMPTY_BODY_SHA256).toBe(sha256(''));
	});

	it('hashes the UTF-8 bytes of the body, string or Buffer alike', () => {
		const body = '{"name":"镜像"}';
		expect(payloadHash({}, body)).toBe(sha256(body));
		expect(payloadHash({}, Buffer.from(body, 'utf8'))).toBe(sha256(body));
	});

	it('uses X-Sdk-Content-Sha256 literally, whatever its case', () => {
		expect(payloadHash({ 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' }, 'x')).toBe('UNSIGNED-PAYLOAD');
		expect(payloadHash({ 'x-sdk-content-sha256': 'UNSIGNED-PAYLOAD' })).toBe('UNSIGNED-PAYLOAD');
	});
});

describe('signRequest', () => {
	it('honours an explicit X-Sdk-Date header over the signing date, whatever its case', () => {
		const other = new Date('2030-01-01T00:00:00Z');
		const signed = signRequest(
			{ method: 'DELETE', url: VECTORS[4].input.url, headers: { 'x-sdk-date': SDK_DATE } },
			keys,
			other,
		);
		expect(signed.stringToSign.split('\n')[1]).toBe(SDK_DATE);
		expect(signed.headers).not.toHaveProperty('X-Sdk-Date');
		expect(signed.headers.Authorization).toBe(VECTORS[4].expected.authorization);
	});

	it('signs X-Sdk-Content-Sha256 as a header and as the payload hash', () => {
		const signed = signRequest(
			{
				method: 'POST',
				url: `${ENDPOINT}/v3/p/vpc`,
				headers: { 'Content-Type': 'text/plain', 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' },
				body: 'anything',
			},
			keys,
			SIGNING_DATE,
		);
		const lines = signed.canonicalRequest.split('\n');
		expect(lines[lines.length - 1]).toBe('UNSIGNED-PAYLOAD');
		expect(lines).toContain('x-sdk-content-sha256:UNSIGNED-PAYLOAD');
		expect(signed.headers.Authorization).toContain('SignedHeaders=content-type;host;x-sdk-content-sha256;x-sdk-date,');
	});

	it('keeps an explicit host header, and signs a non-default port', () => {
		const explicit = signRequest({ method: 'GET', url: `${ENDPOINT}/v3`, headers: { Host: 'other.example' } }, keys);
		expect(explicit.canonicalRequest).toContain('\nhost:other.example\n');
		expect(explicit.headers).not.toHaveProperty('host');
		const port = signRequest({ method: 'GET', url: 'https://127.0.0.1:8443/v3' }, keys);
		expect(port.headers.host).toBe('127.0.0.1:8443');
	});

	it('upper-cases the method', () => {
		const lower = signRequest({ method: 'get', url: `${ENDPOINT}/v3` }, keys, SIGNING_DATE);
		const upper = signRequest({ method: 'GET', url: `${ENDPOINT}/v3` }, keys, SIGNING_DATE);
		expect(lower.canonicalRequest.startsWith('GET\n')).toBe(true);
		expect(lower.signature).toBe(upper.signature);
	});
});
