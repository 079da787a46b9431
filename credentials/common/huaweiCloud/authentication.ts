import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { resolveElbEndpoint, resolveEndpoint, signingScope, signsFor } from './endpoint';
import {
	canonicalQueryString,
	collectQuery,
	HEADER_AUTHORIZATION,
	HEADER_HOST,
	HEADER_PROJECT_ID,
	HEADER_SDK_DATE,
	HEADER_SECURITY_TOKEN,
	signRequest,
	type QueryParameters,
} from './signer';

/** Paths are written with this placeholder; the credential fills in its project. */
export const PROJECT_PLACEHOLDER = '{project_id}';
// The placeholder as typed, or as a URL field may have percent-encoded it.
const PROJECT_PLACEHOLDERS = /\{project_id\}|%7Bproject_id%7D/gi;

/** A URL that starts with this goes to the credential's ELB endpoint; any other relative URL to its VPC endpoint. */
export const ELB_ENDPOINT_PLACEHOLDER = '{elb_endpoint}';

const PROJECT_ID = /^[A-Za-z0-9_-]{1,64}$/;
// Headers this function owns: dropped from the input, so options that were signed before can be signed afresh.
const SIGNING_HEADERS = [HEADER_AUTHORIZATION, HEADER_SDK_DATE, HEADER_HOST, HEADER_SECURITY_TOKEN, HEADER_PROJECT_ID].map(
	(name) => name.toLowerCase(),
);

/**
 * Request-library options (n8n-workflow's deprecated IRequestOptions), as n8n's HTTP Request node hands them to
 * `requestWithAuthentication`: the URL under `uri`, `json` saying how n8n reads the answer, maybe a form.
 */
export interface RequestLibraryOptions extends Omit<IHttpRequestOptions, 'url' | 'encoding'> {
	uri: string;
	url?: undefined;
	form?: unknown;
	formData?: unknown;
	followRedirect?: boolean;
	followAllRedirects?: boolean;
	[option: string]: unknown;
}

/**
 * Turns the caller's request options into the exact request sent: absolute URL with the project and the query in it,
 * the body as the bytes signed, and the SDK-HMAC-SHA256 headers. n8n calls it for every request (and again on its own
 * 401 retry with the already signed options, hence the idempotence). Besides this node's transport, any node can ask
 * n8n to sign with this credential: n8n's HTTP Request node hands over request-library options, and those come back
 * in that form. An absolute URL is signed only where `signsFor` allows.
 */
export function signHuaweiCloudRequest(
	credentials: ICredentialDataDecryptedObject,
	options: RequestLibraryOptions,
	signingDate?: Date,
): RequestLibraryOptions;
export function signHuaweiCloudRequest(
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
	signingDate?: Date,
): IHttpRequestOptions;
export function signHuaweiCloudRequest(
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions | RequestLibraryOptions,
	signingDate: Date = new Date(),
): IHttpRequestOptions | RequestLibraryOptions {
	const projectId = String(credentials.projectId ?? '').trim();
	if (!PROJECT_ID.test(projectId)) {
		throw new Error('The credential\'s Project ID must be 1–64 letters, digits, "_" or "-"');
	}
	const { uri, form, formData } = options as Partial<RequestLibraryOptions>;
	const requestLibrary = options.url === undefined && uri !== undefined;
	const given = String((requestLibrary ? uri : options.url) ?? '');
	if (given === '') throw new Error('The request to sign with the Huawei Cloud credential has no URL');
	if (form !== undefined || formData !== undefined) {
		throw new Error('The Huawei Cloud credential signs JSON, text or binary bodies, not form-encoded or multipart ones');
	}
	const url = new URL(targetUrl(credentials, given.replace(PROJECT_PLACEHOLDERS, projectId)));
	if (!signsFor(credentials, url)) {
		throw new Error(
			`Refused to sign a request to ${url.protocol}//${url.host}: this Huawei Cloud credential signs only requests to ${signingScope(credentials)}. Nothing was sent.`,
		);
	}
	// The query is folded into the URL in its canonical form, so the bytes sent are the bytes signed.
	url.search = canonicalQueryString(collectQuery(url, (options.qs ?? {}) as QueryParameters));

	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries((options.headers ?? {}) as IDataObject)) {
		if (!SIGNING_HEADERS.includes(name.toLowerCase()) && value !== undefined) headers[name] = String(value);
	}
	// A second content-type in another case would be signed twice but sent once, and the signature would not match.
	if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
	headers[HEADER_PROJECT_ID] = projectId;
	const securityToken = String(credentials.securityToken ?? '').trim();
	if (securityToken) headers[HEADER_SECURITY_TOKEN] = securityToken;

	const body = serialiseBody(options.body);
	const signed = signRequest(
		// n8n's HTTP client sends the method upper-cased.
		{ method: (options.method ?? 'GET').toUpperCase(), url: url.toString(), headers, body },
		// A key pasted with a line break or spaces around it is still the key.
		{ accessKeyId: String(credentials.accessKeyId ?? '').trim(), secretAccessKey: String(credentials.secretAccessKey ?? '').trim() },
		signingDate,
	);
	// A redirect followed would carry the security token, and n8n may put the signature back, to wherever it points.
	const sent = { headers: signed.headers, body, qs: undefined, baseURL: undefined, sendCredentialsOnCrossOriginRedirect: false };
	if (requestLibrary) return { ...options, ...sent, uri: url.toString(), followRedirect: false, followAllRedirects: false };
	return { ...options, ...sent, url: url.toString(), json: false, disableFollowRedirect: true };
}

function targetUrl(credentials: ICredentialDataDecryptedObject, url: string): string {
	if (url.startsWith(ELB_ENDPOINT_PLACEHOLDER)) {
		const elb = resolveElbEndpoint(credentials);
		if ('unknownBecause' in elb) throw new Error(elb.unknownBecause);
		return `${elb.url}${url.slice(ELB_ENDPOINT_PLACEHOLDER.length)}`;
	}
	return /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `${resolveEndpoint(credentials)}${url.startsWith('/') ? '' : '/'}${url}`;
}

/** The bytes to send and sign: a string or bytes as they are, a JSON value serialised once. */
function serialiseBody(body: unknown): string | Buffer | undefined {
	if (body === undefined || body === null || body === '' || (Buffer.isBuffer(body) && body.length === 0)) return undefined;
	if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
	const prototype = typeof body === 'object' ? Object.getPrototypeOf(body) : undefined;
	if (typeof body !== 'object' || Array.isArray(body) || prototype === Object.prototype || prototype === null) {
		return JSON.stringify(body);
	}
	// A stream, FormData or URLSearchParams: its bytes are not known before it is sent, so they cannot be signed.
	throw new Error('The Huawei Cloud credential signs JSON, text or binary bodies, not streams or forms');
}
