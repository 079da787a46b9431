/**
 * The receiving side of SDK-HMAC-SHA256 (Huawei Cloud's API Request Signing Guide), independent of the node: a
 * request's signature is recomputed from the bytes that arrived (method, raw path, raw query, the headers the client
 * named in SignedHeaders with the values received, the raw body) by the official SDK's own signer, `AKSKSigner` of
 * `@huaweicloud/huaweicloud-sdk-core` (a devDependency). Nothing here comes from `nodes/`, so a mistake in the
 * node's signer is refused here instead of being agreed with.
 *
 * Both receivers use it: the emulator's gateway (auth.ts) and the tests' signature server.
 */
import type { IncomingHttpHeaders } from 'node:http';

import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import type { ICredential } from '@huaweicloud/huaweicloud-sdk-core/auth/ICredential';
import type { IHttpRequest } from '@huaweicloud/huaweicloud-sdk-core/http/IHttpRequest';

export interface ReceivedRequest {
	method: string;
	/** The path exactly as it arrived, without the query. */
	rawPath: string;
	/** The query exactly as it arrived, without the `?`. */
	rawQuery: string;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

export interface ParsedAuthorization {
	accessKeyId: string;
	/** The header names as the client listed them. */
	signedHeaders: string[];
	signature: string;
}

/** `SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…`, the form the SDKs write; undefined for any other. */
export function parseAuthorization(value: string | undefined): ParsedAuthorization | undefined {
	const match = /^SDK-HMAC-SHA256 Access=([^,\s]+), SignedHeaders=([^,\s]+), Signature=([0-9a-f]{64})$/.exec(
		value?.trim() ?? '',
	);
	if (!match) return undefined;
	return { accessKeyId: match[1], signedHeaders: match[2].split(';'), signature: match[3] };
}

/** A header as received; repeated headers joined with `,` as HTTP allows. */
export function receivedHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name.toLowerCase()];
	return Array.isArray(value) ? value.join(',') : value;
}

/**
 * The SDK's signer, with one input swapped: where the sending SDK hashes `JSON.stringify(data)` (the bytes it is
 * about to send), the receiver hashes the bytes it received. It also keeps the canonical request it built, which
 * the real gateway echoes in its refusal. Both are set and read within one synchronous `sign` call.
 */
class ReceivingSigner extends AKSKSigner {
	static receivedBody: Buffer = Buffer.alloc(0);
	static lastCanonicalRequest = '';

	protected static buildPayloadHash(request: IHttpRequest): string {
		if (this.receivedBody.length === 0 || request.headers[this.HeaderContentSha256] !== undefined) {
			return super.buildPayloadHash(request);
		}
		return this.Hex(this.receivedBody as unknown as string);
	}

	protected static buildCanonicalRequest(
		method: string | undefined,
		uri: string | undefined,
		query: string,
		headers: string,
		signedHeaders: string,
		payloadHash: string | undefined,
	): string {
		this.lastCanonicalRequest = super.buildCanonicalRequest(method, uri, query, headers, signedHeaders, payloadHash);
		return this.lastCanonicalRequest;
	}

	static signReceived(request: IHttpRequest, body: Buffer, credential: ICredential) {
		this.receivedBody = body;
		try {
			const headers = this.sign(request, credential) as { Authorization: string };
			return { authorization: headers.Authorization, canonicalRequest: this.lastCanonicalRequest };
		} finally {
			this.receivedBody = Buffer.alloc(0);
		}
	}
}

/** The header names the SDK's signer looks up with this exact spelling. */
const SDK_HEADER_SPELLING: Record<string, string> = {
	'x-sdk-date': 'X-Sdk-Date',
	'x-sdk-content-sha256': 'X-Sdk-Content-Sha256',
};

/**
 * The query decoded the way a server reads it (`+` and `%20` are spaces), in the SDK's `queryParams` shape: a
 * repeated key becomes an array. No prototype, so `constructor` or `__proto__` are plain keys.
 */
function decodedQuery(rawQuery: string): Record<string, string | string[]> {
	const query: Record<string, string | string[]> = Object.create(null);
	new URLSearchParams(rawQuery).forEach((value, key) => {
		const present = query[key];
		query[key] = present === undefined ? value : [...(Array.isArray(present) ? present : [present]), value];
	});
	return query;
}

export interface RecomputedSignature {
	signature: string;
	/** The lower-cased, sorted SignedHeaders list the signature covers. */
	signedHeaders: string;
	canonicalRequest: string;
}

/**
 * The signature the official signer gives the request as received, over the headers in `signedHeaders`; undefined
 * when that list lacks host or x-sdk-date, or names a header that did not arrive.
 */
export function recomputeSignature(
	request: ReceivedRequest,
	signedHeaders: string[],
	credentials: { accessKeyId: string; secretAccessKey: string },
): RecomputedSignature | undefined {
	// The SDK would add a host and an X-Sdk-Date of its own; a receiver takes only what the client signed.
	const names = signedHeaders.map((name) => name.toLowerCase());
	if (!names.includes('host') || !names.includes('x-sdk-date')) return undefined;
	const headers: Record<string, string> = {};
	for (const name of names) {
		const value = receivedHeader(request.headers, name);
		if (value === undefined) return undefined;
		headers[SDK_HEADER_SPELLING[name] ?? name] = value;
	}
	const credential = { getAk: () => credentials.accessKeyId, getSk: () => credentials.secretAccessKey } as ICredential;
	const { authorization, canonicalRequest } = ReceivingSigner.signReceived(
		// Only the endpoint's path is read (the host comes from the received host header, which must be signed).
		{ method: request.method, endpoint: `http://gateway${request.rawPath}`, queryParams: decodedQuery(request.rawQuery), headers },
		request.body,
		credential,
	);
	const parsed = parseAuthorization(authorization);
	if (!parsed) throw new Error(`The SDK's signer wrote an unexpected Authorization header: ${authorization}`);
	return { signature: parsed.signature, signedHeaders: parsed.signedHeaders.join(';'), canonicalRequest };
}
