import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { PROJECT_PLACEHOLDER } from './authentication';

export const CREDENTIAL_NAME = 'huaweiCloudApi';
export const DEFAULT_TIMEOUT_MS = 30_000;

export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path after `/v3/{project_id}` for the VPC v3 API, e.g. `/vpc/traffic-mirror-sessions`. */
	path: string;
	/** API version prefix; the ports list is a VPC v1 API. */
	version?: 'v1' | 'v3';
	body?: IDataObject;
	qs?: IDataObject;
	itemIndex?: number;
	timeoutMs?: number;
}

/** The answer's JSON body, with the request ID kept (from the body, or the X-Request-Id header). */
export type ApiResponse = IDataObject & { request_id?: string };

interface FullResponse {
	body: unknown;
	headers: Record<string, string | string[] | undefined>;
	statusCode: number;
}

/** A path segment from user input (an ID), encoded so it can never change the request's target. */
export function pathSegment(value: string): string {
	return encodeURIComponent(value);
}

/** Sends one signed request to the VPC API and returns its JSON body, or throws a NodeApiError with Huawei's details. */
export async function vpcApiRequest(this: RequestContext, request: ApiRequest): Promise<ApiResponse> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `/${request.version ?? 'v3'}/${PROJECT_PLACEHOLDER}${request.path}`,
		qs: request.qs,
		body: request.body === undefined ? undefined : JSON.stringify(request.body),
		headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		// Status codes are judged here: n8n's own handling would resend a 401 (and five failed signatures lock an AK).
		ignoreHttpStatusErrors: true,
		timeout: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
	};
	let response: FullResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, options)) as FullResponse;
	} catch (error) {
		throw connectionError(this.getNode(), error, request.itemIndex);
	}
	const requestId = headerValue(response.headers, 'x-request-id');
	const parsed = parseJson(response.body);
	if (response.statusCode >= 200 && response.statusCode < 300) {
		if (response.statusCode === 204 || response.body === '' || response.body === undefined) return {};
		if (!isObject(parsed)) {
			throw new NodeApiError(this.getNode(), { body: truncate(String(response.body)) } as JsonObject, {
				message: `Huawei Cloud answered ${response.statusCode} with a body that is not JSON`,
				description: requestId ? `Request ID: ${requestId}` : undefined,
				httpCode: String(response.statusCode),
				itemIndex: request.itemIndex,
			});
		}
		if (parsed.request_id === undefined && requestId) parsed.request_id = requestId;
		return parsed as ApiResponse;
	}
	throw apiError(this.getNode(), response.statusCode, parsed, String(response.body ?? ''), requestId, request.itemIndex);
}

/** Huawei's error body (`error_code`, `error_msg`, `request_id`; older APIs `code`/`message`) as a NodeApiError. */
export function apiError(
	node: INode,
	statusCode: number,
	parsed: unknown,
	rawBody: string,
	headerRequestId: string | undefined,
	itemIndex?: number,
): NodeApiError {
	const body = isObject(parsed) ? parsed : {};
	const nested = isObject(body.error) ? body.error : {};
	const code = firstString(body.error_code, body.code, nested.code);
	const text = firstString(body.error_msg, body.message, nested.message);
	const requestId = firstString(body.request_id, headerRequestId);
	const summary = [code, text].filter(Boolean).join(': ') || truncate(rawBody) || 'no error details in the answer';
	return new NodeApiError(
		node,
		{ ...body, ...(isObject(parsed) ? {} : { body: truncate(rawBody) }) } as JsonObject,
		{
			message: `Huawei Cloud API error ${statusCode}: ${summary}`,
			description: [
				`HTTP status: ${statusCode}`,
				code && `Error code: ${code}`,
				text && `Error message: ${text}`,
				requestId && `Request ID: ${requestId}`,
			]
				.filter(Boolean)
				.join('\n'),
			httpCode: String(statusCode),
			itemIndex,
		},
	);
}

/**
 * A request that got no HTTP answer. The error is rebuilt from its code and message only: the original carries the
 * request's headers, and with them the security token.
 */
function connectionError(node: INode, error: unknown, itemIndex?: number): NodeApiError {
	const cause = (error as { cause?: unknown })?.cause ?? error;
	const code = firstString((cause as IDataObject)?.code, (error as IDataObject)?.code);
	const text = firstString((cause as IDataObject)?.message, (error as IDataObject)?.message) ?? 'unknown error';
	return new NodeApiError(node, { code: code ?? null, message: text } as JsonObject, {
		message: `Could not reach Huawei Cloud: ${text}`,
		description: code ? `Network error code: ${code}` : undefined,
		itemIndex,
	});
}

function parseJson(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return undefined;
	}
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstString(...values: unknown[]): string | undefined {
	return values.find((value): value is string => typeof value === 'string' && value !== '');
}

function headerValue(headers: FullResponse['headers'], name: string): string | undefined {
	const value = headers?.[name];
	return Array.isArray(value) ? value[0] : value;
}

function truncate(text: string): string {
	return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}
