/**
 * Huawei Cloud SDK-HMAC-SHA256 request signing (API Gateway AK/SK authentication).
 *
 * Scope: the algorithm the official SDKs use for VPC, as Huawei Cloud's API Request Signing Guide describes it and
 * @huaweicloud/huaweicloud-sdk-core implements it (auth/AKSKSigner.js). Pure: no n8n import, no I/O, the clock is a
 * parameter. The tests check every stage against test vectors made with the official SDK's signer
 * (test/signer/vectors.ts) and against that signer itself, and the receivers that verify what the node sends (the
 * emulator, the tests' signature server) use the official SDK's signer, never this one.
 */
import { createHmac, hash } from 'node:crypto';

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';
export const HEADER_AUTHORIZATION = 'Authorization';
export const HEADER_SDK_DATE = 'X-Sdk-Date';
export const HEADER_SECURITY_TOKEN = 'X-Security-Token';
export const HEADER_PROJECT_ID = 'X-Project-Id';
export const HEADER_CONTENT_SHA256 = 'X-Sdk-Content-Sha256';
export const HEADER_HOST = 'host';

/** SHA-256 of the empty string: the payload hash of a request without a body. */
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export type QueryValue = string | number | boolean | Array<string | number | boolean>;
export type QueryParameters = Record<string, QueryValue | undefined>;

export interface SignableRequest {
	method: string;
	/** Absolute URL; its query string, if any, is signed together with `query`. */
	url: string;
	query?: QueryParameters;
	/** Every header that will be sent and signed; `host` and `X-Sdk-Date` are added when missing. */
	headers?: Record<string, string>;
	/** The exact body bytes that will be sent. */
	body?: string | Buffer;
}

export interface SigningKeys {
	accessKeyId: string;
	secretAccessKey: string;
}

export interface SignedRequest {
	/** The request headers to send, including `host`, `X-Sdk-Date` and `Authorization`. */
	headers: Record<string, string>;
	canonicalRequest: string;
	stringToSign: string;
	signature: string;
}

const UNRESERVED_ONLY = /^[A-Za-z0-9_.~-]*$/;

/** RFC 3986 unreserved characters stay; every other UTF-8 byte becomes `%XX` (upper-case hex). */
export function percentEncode(value: string): string {
	// IDs, paths and most query values need no encoding: skip the work for them (signing is on every request's path).
	if (UNRESERVED_ONLY.test(value)) return value;
	return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const twoDigits = (value: number) => (value < 10 ? `0${value}` : `${value}`);

/** `YYYYMMDDTHHMMSSZ` in UTC. */
export function formatSdkDate(date: Date): string {
	const day = `${date.getUTCFullYear()}${twoDigits(date.getUTCMonth() + 1)}${twoDigits(date.getUTCDate())}`;
	return `${day}T${twoDigits(date.getUTCHours())}${twoDigits(date.getUTCMinutes())}${twoDigits(date.getUTCSeconds())}Z`;
}

/**
 * Each segment of the path as sent on the wire encoded once more (as the official SDK does), and a trailing
 * slash that is signed but never sent.
 */
export function canonicalUri(path: string): string {
	const encoded = path.split('/').map(percentEncode).join('/');
	return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

/** Keys sorted, values of a repeated key sorted, every key and value percent-encoded, `key=` for empty values. */
export function canonicalQueryString(query: QueryParameters): string {
	const pairs: string[] = [];
	for (const key of Object.keys(query).sort()) {
		const value = query[key];
		if (value === undefined) continue;
		const values = (Array.isArray(value) ? value : [value]).map(String).sort();
		for (const item of values) pairs.push(`${percentEncode(key)}=${percentEncode(item)}`);
	}
	return pairs.join('&');
}

/** Lower-cased names in sorted order: the canonical header block and the `SignedHeaders` list. */
export function canonicalHeaders(headers: Record<string, string>): { canonical: string; signedHeaders: string } {
	const entries = Object.entries(headers)
		.map(([name, value]) => [name.toLowerCase(), value] as const)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return {
		canonical: entries.map(([name, value]) => `${name}:${value}\n`).join(''),
		signedHeaders: entries.map(([name]) => name).join(';'),
	};
}

export function sha256Hex(data: string | Buffer): string {
	return hash('sha256', data, 'hex');
}

export function payloadHash(headers: Record<string, string>, body?: string | Buffer): string {
	const declared = findHeader(headers, HEADER_CONTENT_SHA256);
	if (declared !== undefined) return declared;
	return body === undefined || body.length === 0 ? EMPTY_BODY_SHA256 : sha256Hex(body);
}

export function buildCanonicalRequest(parts: {
	method: string;
	uri: string;
	query: string;
	headers: string;
	signedHeaders: string;
	payloadHash: string;
}): string {
	return [parts.method.toUpperCase(), parts.uri, parts.query, parts.headers, parts.signedHeaders, parts.payloadHash].join(
		'\n',
	);
}

export function buildStringToSign(sdkDate: string, canonicalRequest: string): string {
	return [SIGNING_ALGORITHM, sdkDate, sha256Hex(canonicalRequest)].join('\n');
}

export function computeSignature(secretAccessKey: string, stringToSign: string): string {
	return createHmac('sha256', secretAccessKey).update(stringToSign).digest('hex');
}

export function buildAuthorizationHeader(accessKeyId: string, signedHeaders: string, signature: string): string {
	return `${SIGNING_ALGORITHM} Access=${accessKeyId}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

/**
 * The query of `url` and `query` together, as the server will see them. The collecting object has no prototype,
 * so keys such as `constructor` or `__proto__` are plain keys.
 */
export function collectQuery(url: URL, query: QueryParameters = {}): QueryParameters {
	const collected: Record<string, Array<string | number | boolean>> = Object.create(null);
	const add = (key: string, value: string | number | boolean) => (collected[key] ??= []).push(value);
	url.searchParams.forEach((value, key) => add(key, value));
	for (const [key, value] of Object.entries(query)) {
		if (value === undefined) continue;
		for (const item of Array.isArray(value) ? value : [value]) add(key, item);
	}
	return collected;
}

/**
 * Signs a request. `signingDate` is used unless the request already carries an `X-Sdk-Date` header, whose value
 * is then signed as given (it must be canonical).
 */
export function signRequest(request: SignableRequest, keys: SigningKeys, signingDate: Date = new Date()): SignedRequest {
	const url = new URL(request.url);
	const headers: Record<string, string> = { ...(request.headers ?? {}) };
	const sdkDate = findHeader(headers, HEADER_SDK_DATE) ?? (headers[HEADER_SDK_DATE] = formatSdkDate(signingDate));
	if (findHeader(headers, HEADER_HOST) === undefined) headers[HEADER_HOST] = url.host;

	const { canonical, signedHeaders } = canonicalHeaders(headers);
	const canonicalRequest = buildCanonicalRequest({
		method: request.method,
		uri: canonicalUri(url.pathname),
		query: canonicalQueryString(collectQuery(url, request.query)),
		headers: canonical,
		signedHeaders,
		payloadHash: payloadHash(headers, request.body),
	});
	const stringToSign = buildStringToSign(sdkDate, canonicalRequest);
	const signature = computeSignature(keys.secretAccessKey, stringToSign);
	headers[HEADER_AUTHORIZATION] = buildAuthorizationHeader(keys.accessKeyId, signedHeaders, signature);
	return { headers, canonicalRequest, stringToSign, signature };
}

function findHeader(headers: Record<string, string>, name: string): string | undefined {
	const lower = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value;
	return undefined;
}
