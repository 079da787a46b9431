import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { resolveElbEndpoint, resolveEndpoint } from './endpoint';
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

/** A URL that starts with this goes to the credential's ELB endpoint; any other relative URL to its VPC endpoint. */
export const ELB_ENDPOINT_PLACEHOLDER = '{elb_endpoint}';

const PROJECT_ID = /^[A-Za-z0-9_-]{1,64}$/;
// Headers this function owns: dropped from the input, so options that were signed before can be signed afresh.
const SIGNING_HEADERS = [HEADER_AUTHORIZATION, HEADER_SDK_DATE, HEADER_HOST, HEADER_SECURITY_TOKEN, HEADER_PROJECT_ID].map(
	(name) => name.toLowerCase(),
);

/**
 * Turns the node's request options into the exact request sent: absolute URL with the project and the query in it,
 * the body as the string whose bytes are signed, and the SDK-HMAC-SHA256 headers. n8n calls it for every request
 * (and again on its own 401 retry with the already signed options, hence the idempotence).
 */
export function signHuaweiCloudRequest(
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
	signingDate: Date = new Date(),
): IHttpRequestOptions {
	const projectId = String(credentials.projectId ?? '').trim();
	if (!PROJECT_ID.test(projectId)) {
		throw new Error('The credential\'s Project ID must be 1–64 letters, digits, "_" or "-"');
	}
	const url = new URL(targetUrl(credentials, options.url.split(PROJECT_PLACEHOLDER).join(projectId)));
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
		{ method: options.method ?? 'GET', url: url.toString(), headers, body },
		{ accessKeyId: String(credentials.accessKeyId ?? '').trim(), secretAccessKey: String(credentials.secretAccessKey ?? '') },
		signingDate,
	);
	return {
		...options,
		url: url.toString(),
		baseURL: undefined,
		qs: undefined,
		headers: signed.headers,
		body,
		json: false,
	};
}

function targetUrl(credentials: ICredentialDataDecryptedObject, url: string): string {
	if (url.startsWith(ELB_ENDPOINT_PLACEHOLDER)) {
		const elb = resolveElbEndpoint(credentials);
		if ('unknownBecause' in elb) throw new Error(elb.unknownBecause);
		return `${elb.url}${url.slice(ELB_ENDPOINT_PLACEHOLDER.length)}`;
	}
	return /^https?:\/\//i.test(url) ? url : `${resolveEndpoint(credentials)}${url.startsWith('/') ? '' : '/'}${url}`;
}

function serialiseBody(body: IHttpRequestOptions['body']): string | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	return typeof body === 'string' ? body : JSON.stringify(body);
}
