/**
 * The receivers' signature check (emulator/signature.ts): the official SDK's signer run over the bytes a server
 * receives. Checked against the test vectors (test/signer/vectors.ts) as they travel on the wire, so that it is known
 * to be right independently of the node's signer.
 */
import type { IncomingHttpHeaders } from 'node:http';

import { parseAuthorization, recomputeSignature, type ReceivedRequest } from '../../emulator/signature';
import { AK, HOST, SDK_DATE, SK, VECTORS, type SignerVector } from '../signer/vectors';

const keys = { accessKeyId: AK, secretAccessKey: SK };

/** The vector's request as node:http hands it to a server: lower-case header names, the raw path and query. */
function received({ input }: SignerVector, rawQuery = ''): ReceivedRequest {
	const headers: IncomingHttpHeaders = { host: HOST, 'x-sdk-date': SDK_DATE };
	for (const [name, value] of Object.entries(input.headers)) headers[name.toLowerCase()] = value;
	return {
		method: input.method,
		rawPath: new URL(input.url).pathname,
		rawQuery,
		headers,
		body: Buffer.from(input.body ?? ''),
	};
}

const signedHeadersOf = (vector: SignerVector) => vector.expected.signedHeaders.split(';');

describe('recomputeSignature reproduces the test vectors from the wire', () => {
	test.each(VECTORS.filter(({ input }) => input.query === undefined))('$name', (vector) => {
		const recomputed = recomputeSignature(received(vector), signedHeadersOf(vector), keys);
		expect(recomputed).toEqual({
			signature: vector.expected.signature,
			signedHeaders: vector.expected.signedHeaders,
			canonicalRequest: vector.expected.canonicalRequest,
		});
	});

	// TV2's query in the vector's order with spaces as %20, and as a form encoder would send it (`+` for space).
	const tv2 = VECTORS.find(({ input }) => input.query !== undefined)!;
	test.each([
		'name=test%20session&description=%E9%95%9C%E5%83%8F&traffic_mirror_target_type=eni&limit=10&marker=16538eda-7e94-4b90-b5f3-a653f62dc817',
		'marker=16538eda-7e94-4b90-b5f3-a653f62dc817&limit=10&traffic_mirror_target_type=eni&description=%E9%95%9C%E5%83%8F&name=test+session',
	])('TV2 with the query %s', (rawQuery) => {
		expect(recomputeSignature(received(tv2, rawQuery), signedHeadersOf(tv2), keys)?.signature).toBe(tv2.expected.signature);
	});
});

describe('recomputeSignature covers exactly what arrived', () => {
	const [tv1] = VECTORS;

	test('one byte of the body, of the path or of a signed header changed gives another signature', () => {
		const original = received(tv1);
		const changes: ReceivedRequest[] = [
			{ ...original, body: Buffer.from(tv1.input.body!.replace('test-session', 'test-sessioN')) },
			{ ...original, rawPath: original.rawPath.replace('traffic-mirror-sessions', 'traffic-mirror-session') },
			{ ...original, headers: { ...original.headers, 'x-project-id': '7365fcd452924e398ec4cc1fe39c0d13' } },
			{ ...original, method: 'PUT' },
			{ ...original, rawQuery: 'limit=1' },
		];
		for (const changed of changes) {
			expect(recomputeSignature(changed, signedHeadersOf(tv1), keys)?.signature).not.toBe(tv1.expected.signature);
		}
	});

	test('a header that is not named in SignedHeaders is not signed', () => {
		const extra = received(tv1);
		extra.headers['user-agent'] = 'n8n';
		expect(recomputeSignature(extra, signedHeadersOf(tv1), keys)?.signature).toBe(tv1.expected.signature);
	});

	test('refuses to fill in host or x-sdk-date, or a named header that did not arrive', () => {
		expect(recomputeSignature(received(tv1), ['content-type', 'x-sdk-date'], keys)).toBeUndefined();
		expect(recomputeSignature(received(tv1), ['host', 'content-type'], keys)).toBeUndefined();
		expect(recomputeSignature(received(tv1), [...signedHeadersOf(tv1), 'x-security-token'], keys)).toBeUndefined();
	});
});

describe('parseAuthorization', () => {
	const good = VECTORS[0].expected.authorization;

	test('reads the access key, the signed headers and the signature, surrounding whitespace tolerated', () => {
		expect(parseAuthorization(`  ${good} `)).toEqual({
			accessKeyId: AK,
			signedHeaders: ['content-type', 'host', 'x-project-id', 'x-sdk-date'],
			signature: VECTORS[0].expected.signature,
		});
	});

	test.each([
		['undefined', undefined],
		['empty', ''],
		['another algorithm', good.replace('SDK-HMAC-SHA256', 'V11-HMAC-SHA256')],
		['a comma after the algorithm', good.replace('SDK-HMAC-SHA256 ', 'SDK-HMAC-SHA256, ')],
		['no space after a comma', good.replace(', SignedHeaders', ',SignedHeaders')],
		['fields out of order', `SDK-HMAC-SHA256 SignedHeaders=host, Access=${AK}, Signature=${'a'.repeat(64)}`],
		['a missing Access', good.replace(`Access=${AK}, `, '')],
		['an empty Access', good.replace(`Access=${AK}`, 'Access=')],
		['an empty SignedHeaders', good.replace(/SignedHeaders=[^,]+/, 'SignedHeaders=')],
		['a short signature', good.slice(0, -1)],
		['a long signature', `${good}0`],
		['an upper-case signature', good.replace(/Signature=.*/, `Signature=${'A'.repeat(64)}`)],
		['a non-hex signature', good.replace(/Signature=.*/, `Signature=${'g'.repeat(64)}`)],
		['trailing garbage', `${good}, Extra=1`],
		['a lower-case algorithm', good.replace('SDK-HMAC-SHA256', 'sdk-hmac-sha256')],
	])('rejects %s', (_label, value) => {
		expect(parseAuthorization(value)).toBeUndefined();
	});
});
