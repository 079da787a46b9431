import type {
	ICredentialsDecrypted,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INode,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ELB_ENDPOINT_PLACEHOLDER, PROJECT_PLACEHOLDER } from '../../../credentials/common/huaweiCloud/authentication';
import { CREDENTIAL_NAME, type RequestContext, type TransportContext } from './context';
import { huaweiErrorOf } from './huaweiError';
import { mayContain, redactDeep, redactText, secretsOf, type Secrets } from './redact';
import { apiOperationOf, iamAdvice, type ApiOperation } from './iam';
import {
	backoffDelay,
	classifyNetworkFailure,
	classifyStatus,
	MALFORMED_SUCCESS,
	REDIRECTED,
	RETRY_MAX_TOTAL_MS,
	type FailureClass,
} from './retry';

/** The shortest Timeout a retry is given when the deadline is near: less could not bring an answer at all. */
const MIN_ATTEMPT_MS = 1_000;

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path after `/v3/{project_id}` for the VPC v3 API, e.g. `/vpc/traffic-mirror-sessions`. */
	path: string;
	/** API version prefix; the ports list is a VPC v1 API. */
	version?: 'v1' | 'v3';
	/** The API the path belongs to: the VPC API (default), or the ELB API (load balancers, for the mirror target). */
	service?: 'vpc' | 'elb';
	body?: IDataObject;
	qs?: IDataObject;
	itemIndex?: number;
	/**
	 * Whether sending the request twice has the effect of sending it once. Defaults to true for GET, PUT and DELETE
	 * (their HTTP meaning) and false for POST. A request that is not idempotent is sent again only when it provably
	 * was not processed (429, connection refused), or after `recover` found that it had not been.
	 */
	idempotent?: boolean;
	/**
	 * What a 2xx answer must hold (`holdsResource(key)`, a page of a list): says what is wrong with it, or undefined.
	 * An answer that fails it was processed but says nothing readable of what it did: it is handled as an unreadable
	 * answer (sent again when idempotent, looked for otherwise).
	 */
	expect?: (answer: IDataObject) => string | undefined;
	/**
	 * When the last retry may start (this machine's clock); by default two minutes, or the Timeout when longer, after
	 * the first attempt. The look-ups of a `recover` share the deadline of the request they recover.
	 */
	deadline?: number;
	/**
	 * Called after a failure that may have been processed (a timeout, a broken connection, a 5xx, a 2xx that cannot be
	 * read) of a request that is not idempotent. Returns what the request made, or undefined when it made nothing; may
	 * throw an error that says what it found (several candidates, an outcome it cannot tell). Given undefined, the
	 * transport sends the request again when `lost.willRetry`, else fails saying it may have been processed.
	 */
	recover?: (lost: LostAnswer) => Promise<ApiResponse | undefined>;
}

/** A request whose outcome is unknown, as `recover` gets it. */
export interface LostAnswer {
	error: NodeApiError;
	failure: FailureClass;
	/** When the first attempt was sent (this machine's clock), for judging what is new since. */
	firstSentAt: number;
	/** Whether the request is sent again if `recover` finds that it made nothing. */
	willRetry: boolean;
	/** The deadline the look-ups share. */
	deadline: number;
}

/** The answer's JSON body, with the request ID kept (from the body, or the X-Request-Id header). */
export type ApiResponse = IDataObject & { request_id?: string };

/** One resource of an answer, kept apart from the ID of the request that returned it. */
export interface ApiItem {
	data: IDataObject;
	requestId?: string;
}

/** The resource in a one-key envelope such as `{ traffic_mirror_session: {…}, request_id }`. */
export function unwrapResource(response: ApiResponse, key: string): ApiItem {
	return { data: response[key] as IDataObject, requestId: response.request_id };
}

interface FullResponse {
	body: unknown;
	headers: Record<string, string | string[] | undefined>;
	statusCode: number;
}

type Attempt = { response: ApiResponse } | { error: NodeApiError; failure: FailureClass };

const IDEMPOTENT_METHODS: IHttpRequestMethods[] = ['GET', 'HEAD', 'PUT', 'DELETE'];

/** A path segment from user input (an ID), encoded so it can never change the request's target. */
export function pathSegment(value: string): string {
	return encodeURIComponent(value);
}

/**
 * Sends one signed request to the VPC API and returns its JSON body, or throws a NodeApiError with Huawei's details.
 * Passing faults are retried as `retry.ts` decides, each attempt signed afresh by the credential; the timeout, the
 * retries and the rate limit are the execution's policy, the waits its clock's. The wall clock bounds it all: no retry
 * starts after the deadline, and each retry's Timeout ends by it.
 */
export async function vpcApiRequest(transport: TransportContext, request: ApiRequest): Promise<ApiResponse> {
	const { context, policy, clock } = transport;
	assertSafePath(context, request);
	const idempotent = request.idempotent ?? IDEMPOTENT_METHODS.includes(request.method);
	let firstSentAt = 0;
	let deadline = 0;
	for (let retry = 1; ; retry++) {
		if (policy.rateLimiter) await pause(transport, policy.rateLimiter.delayFor(clock.now()));
		if (transport.cancelSignal?.aborted) {
			throw new NodeOperationError(context.getNode(), 'The execution was cancelled', {
				itemIndex: request.itemIndex,
				description: 'This request was not sent.',
			});
		}
		if (retry === 1) {
			// Taken after the rate limiter's wait: what is new since the send is judged from this time.
			firstSentAt = clock.now();
			deadline = request.deadline ?? firstSentAt + Math.max(RETRY_MAX_TOTAL_MS, policy.timeoutMs);
		}
		// A retry waits no longer than the deadline allows (but long enough for an answer to arrive at all).
		const timeoutMs = retry === 1 ? policy.timeoutMs : Math.min(policy.timeoutMs, Math.max(deadline - clock.now(), MIN_ATTEMPT_MS));
		const attempt = await sendOnce(transport, request, timeoutMs);
		if ('response' in attempt) return attempt.response;
		const { error, failure } = attempt;
		const delay = backoffDelay(retry, failure.retryAfterMs);
		const retriesLeft = failure.retryable && retry <= policy.maxRetries && transport.cancelSignal?.aborted !== true;
		const inTime = deadline - (clock.now() + delay) >= Math.min(policy.timeoutMs, MIN_ATTEMPT_MS);
		const canRetry = retriesLeft && inTime;
		if (retriesLeft && !inTime && failure.retryAfterMs !== undefined && failure.retryAfterMs >= delay) {
			error.description = [error.description, retryAfterBeyondDeadline(failure.retryAfterMs, deadline - clock.now())].filter(Boolean).join('\n');
		}
		if (idempotent || failure.processed === 'no') {
			if (!canRetry) throw mayHaveBeenProcessed(error, failure, request);
			await pause(transport, delay);
			continue;
		}
		if (!request.recover) throw mayHaveBeenProcessed(error, failure, request);
		const willRetry = canRetry && failure.processed === 'maybe';
		// A timed-out request may still be running: give it as long again to land before looking for what it made.
		if (willRetry) await pause(transport, failure.timedOut ? Math.max(delay, policy.timeoutMs) : delay);
		const recovered = await recoverAfter(context.getNode(), request, { error, failure, firstSentAt, willRetry, deadline });
		if (recovered) return recovered;
		if (!willRetry) throw mayHaveBeenProcessed(error, failure, request);
	}
}

/**
 * Why a throttled or unavailable request was not sent again although retries were left: the wait asked for is longer
 * than what is left of the request's deadline (2 minutes from its first send, or a caller's shorter one).
 */
function retryAfterBeyondDeadline(retryAfterMs: number, leftMs: number): string {
	return `Huawei Cloud asked to wait ${Math.ceil(retryAfterMs / 1000)} s before sending it again (its Retry-After), longer than the ${Math.max(0, Math.floor(leftMs / 1000))} s left of the time the node retries for, so it was not sent again.`;
}

/** Waits before a retry or for the next request slot; a cancelled execution ends the wait. */
async function pause(transport: TransportContext, ms: number): Promise<void> {
	if (ms > 0) await transport.clock.sleep(ms, transport.cancelSignal);
}

async function sendOnce(transport: TransportContext, request: ApiRequest, timeoutMs: number): Promise<Attempt> {
	const { context, clock } = transport;
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${request.service === 'elb' ? ELB_ENDPOINT_PLACEHOLDER : ''}/${request.version ?? 'v3'}/${PROJECT_PLACEHOLDER}${request.path}`,
		qs: request.qs,
		body: request.body === undefined ? undefined : JSON.stringify(request.body),
		headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		// Status codes are judged here: n8n's own handling would resend a 401 (and five failed signatures lock an AK).
		ignoreHttpStatusErrors: true,
		// Huawei's API never redirects, and a redirect followed would carry the signature and the security token to
		// wherever it points: a 3xx is answered as an error instead.
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		timeout: timeoutMs,
	};
	const credentialsDecrypted = await transport.credential();
	let response: FullResponse;
	try {
		response = (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_NAME, options, {
			credentialsDecrypted,
		})) as FullResponse;
	} catch (error) {
		const { code, texts: rawTexts } = networkFailure(error);
		const texts = rawTexts.map((text) => redactText(text, secretsFor(credentialsDecrypted)));
		const failure = classifyNetworkFailure(code, texts.join('\n'));
		return {
			error: connectionError(context.getNode(), code, texts, failure, timeoutMs, request.itemIndex),
			failure,
		};
	}
	transport.serviceClock.observe(headerValue(response.headers, 'date'), clock.now());
	const requestId = headerValue(response.headers, 'x-request-id');
	if (response.statusCode >= 300 && response.statusCode < 400) {
		const raw = headerValue(response.headers, 'location');
		const location = raw === undefined ? undefined : redactText(raw, secretsFor(credentialsDecrypted));
		return { error: redirectError(context.getNode(), response.statusCode, location, requestId, request.itemIndex), failure: REDIRECTED };
	}
	const success = response.statusCode >= 200 && response.statusCode < 300;
	if (success && (response.statusCode === 204 || response.body === '' || response.body === undefined)) {
		return { response: requestId ? { request_id: requestId } : {} };
	}
	// Secrets are removed after parsing too: parsing turns an escaped spelling back into the secret.
	const secrets = secretsFor(credentialsDecrypted);
	const text = String(response.body ?? '');
	const parsed = mayContain(text, secrets) ? redactDeep(parseJson(text), secrets) : parseJson(text);
	const parsedSuccess = success ? parsed : undefined;
	const problem = isObject(parsedSuccess) ? request.expect?.(parsedSuccess) : 'with a body that is not JSON';
	if (isObject(parsedSuccess) && problem === undefined) {
		if (parsedSuccess.request_id === undefined && requestId) parsedSuccess.request_id = requestId;
		return { response: parsedSuccess as ApiResponse };
	}
	const rawBody = redactText(text, secrets);
	if (success) {
		const data = { body: truncate(rawBody) } as JsonObject;
		const shownId = requestId ?? (isObject(parsedSuccess) ? firstString(parsedSuccess.request_id) : undefined);
		const error = new NodeApiError(context.getNode(), data, {
			message: `Huawei Cloud answered ${response.statusCode} ${problem as string}`,
			description: shownId ? `Request ID: ${shownId}` : undefined,
			httpCode: String(response.statusCode),
			itemIndex: request.itemIndex,
		});
		error.context.data = data;
		return { error, failure: MALFORMED_SUCCESS };
	}
	const operation = apiOperationOf(request.method, request.version ?? 'v3', request.path);
	return {
		error: apiError(context.getNode(), response.statusCode, parsed, rawBody, requestId, request.itemIndex, operation),
		failure: classifyStatus(response.statusCode, headerValue(response.headers, 'retry-after'), transport.clock.now()),
	};
}

/** A redirect was never Huawei's answer: nothing is sent to where it points. */
function redirectError(
	node: INode,
	statusCode: number,
	location: string | undefined,
	requestId: string | undefined,
	itemIndex?: number,
): NodeApiError {
	const error = new NodeApiError(node, { location: location ?? null } as JsonObject, {
		message: `The endpoint answered ${statusCode} with a redirect to ${location ?? 'no location'}, which was not followed`,
		description: [
			"Huawei Cloud's API never redirects, so this endpoint is not (only) Huawei Cloud: check the credential's region or endpoint. The request's signature and security token were not sent to the redirect's target.",
			requestId && `Request ID: ${requestId}`,
		]
			.filter(Boolean)
			.join('\n'),
		httpCode: String(statusCode),
		itemIndex,
	});
	error.context.data = { location: location ?? null };
	return error;
}

/** A request that changes something, given up after a failure it may have survived, says so in its error. */
function mayHaveBeenProcessed(error: NodeApiError, failure: FailureClass, request: ApiRequest): NodeApiError {
	if (failure.processed === 'no' || request.method === 'GET') return error;
	const said =
		failure.processed === 'yes'
			? 'Huawei Cloud processed the request, but its answer could not be read, so what it did is unknown: check before sending it again.'
			: 'The request may have been processed: check before sending it again.';
	error.description = [error.description, said].filter(Boolean).join('\n');
	return error;
}

const verdicts = new WeakSet<NodeApiError>();

/** Marks an error as what a `recover` found (several candidates, an outcome it cannot tell): it stands as it is. */
export function lookVerdict(error: NodeApiError): NodeApiError {
	verdicts.add(error);
	return error;
}

/**
 * Runs the request's `recover`. Its verdict (a NodeOperationError, or an error marked by `lookVerdict`) stands as it
 * is; if it failed to check, nobody knows whether the request was processed, and the error says so.
 */
async function recoverAfter(node: INode, request: ApiRequest, lost: LostAnswer): Promise<ApiResponse | undefined> {
	const { error } = lost;
	try {
		return await request.recover?.(lost);
	} catch (recoveryError) {
		// Given a NodeApiError or a NodeOperationError, the constructor hands back that same error.
		if (recoveryError instanceof NodeApiError && verdicts.has(recoveryError)) throw new NodeApiError(node, recoveryError as unknown as JsonObject);
		if (recoveryError instanceof NodeOperationError) throw new NodeOperationError(node, recoveryError);
		throw restated(node, error, request.itemIndex, error.message, [
			error.description,
			'The request may have been processed. Checking whether it was failed too, so it was not sent again: ' +
				(recoveryError as Error).message,
		]);
	}
}

/**
 * A failed request's error said anew: another message and description, with Huawei's answer, its HTTP status and its
 * details (`context.data`) kept. Empty description lines are left out.
 */
export function restated(
	node: INode,
	error: NodeApiError,
	itemIndex: number | undefined,
	message: string,
	description: Array<string | null | undefined>,
): NodeApiError {
	const said = new NodeApiError(node, (error.errorResponse ?? {}) as JsonObject, {
		message,
		description: description.filter(Boolean).join('\n'),
		httpCode: error.httpCode ?? undefined,
		itemIndex,
	});
	said.context.data = error.context.data;
	return said;
}

/**
 * Huawei's error body (`error_code`, `error_msg`, `request_id`; older APIs `code`/`message`) as a NodeApiError. The
 * body itself goes into `context.data`, the part of an error n8n keeps when it stores an execution; a 403 says which
 * IAM action the refused `operation` needs.
 */
export function apiError(
	node: INode,
	statusCode: number,
	parsed: unknown,
	rawBody: string,
	headerRequestId: string | undefined,
	itemIndex?: number,
	operation?: ApiOperation,
): NodeApiError {
	const body = isObject(parsed) ? parsed : {};
	const { code, text, requestId = headerRequestId } = huaweiErrorOf(parsed);
	const summary = [code, text].filter(Boolean).join(': ') || truncate(rawBody) || 'no error details in the answer';
	const data = { ...body, ...(isObject(parsed) ? {} : { body: truncate(rawBody) }) } as JsonObject;
	const error = new NodeApiError(
		node,
		data,
		{
			message: `Huawei Cloud API error ${statusCode}: ${summary}`,
			description: [
				`HTTP status: ${statusCode}`,
				code && `Error code: ${code}`,
				text && `Error message: ${text}`,
				requestId && `Request ID: ${requestId}`,
				statusCode === 403 && operation && iamAdvice(operation),
			]
				.filter(Boolean)
				.join('\n'),
			httpCode: String(statusCode),
			itemIndex,
		},
	);
	error.context.data = data;
	return error;
}

/**
 * The code and messages of a request that got no HTTP answer. n8n wraps the HTTP client's error in a NodeApiError
 * whose `httpCode` is the network code (`ECONNRESET`) and whose `messages` keep the original text ("socket hang
 * up", "timeout of 30000ms exceeded"); `code` and `cause` cover other wrappings.
 */
function networkFailure(error: unknown): { code?: string; texts: string[] } {
	const outer = (error ?? {}) as IDataObject;
	const cause = (outer.cause ?? {}) as IDataObject;
	const code = [outer.httpCode, outer.code, cause.code].find(
		(value): value is string => typeof value === 'string' && /^E[A-Z_]+$/.test(value),
	);
	const texts = [
		...(Array.isArray(outer.messages) ? outer.messages : []),
		outer.message,
		cause.message,
	].filter((text): text is string => typeof text === 'string' && text !== '');
	return { code, texts: [...new Set(texts)] };
}

/**
 * A request that got no HTTP answer. The error is rebuilt from its code and messages only: the original carries the
 * request's headers, and with them the security token. The code stays out of the message and out of a `code` key,
 * where n8n would swap the message for its generic text about that code.
 */
function connectionError(
	node: INode,
	code: string | undefined,
	texts: string[],
	failure: FailureClass,
	timeoutMs: number,
	itemIndex?: number,
): NodeApiError {
	const text = texts[texts.length - 1] ?? 'unknown error';
	const data = { networkCode: code ?? null, message: text } as JsonObject;
	const error = new NodeApiError(node, data, {
		message: connectionMessage(code, text, failure, timeoutMs),
		description: [code && `Network error code: ${code}`, ...texts].filter(Boolean).join('\n'),
		itemIndex,
	});
	error.context.data = data;
	return error;
}

function connectionMessage(code: string | undefined, text: string, failure: FailureClass, timeoutMs: number): string {
	if (failure.timedOut) return `Huawei Cloud did not answer within ${timeoutMs} ms (the Timeout request option)`;
	if (code === 'ECONNREFUSED') return 'Could not reach Huawei Cloud: the endpoint refused the connection';
	if (failure.retryable) return 'Could not reach Huawei Cloud: the connection broke before an answer arrived';
	if (code) return 'Could not reach Huawei Cloud: see the network error code in the details';
	return `The request to Huawei Cloud failed: ${text}`;
}

const compiledSecrets = new WeakMap<ICredentialsDecrypted, Secrets>();

/** The credential's secrets, compiled once per execution (the credential object is the execution's). */
function secretsFor(credentials: ICredentialsDecrypted): Secrets {
	let secrets = compiledSecrets.get(credentials);
	if (!secrets) compiledSecrets.set(credentials, (secrets = secretsOf(credentials.data)));
	return secrets;
}

/**
 * Empty, `.` and `..` segments would point the request elsewhere (the URL parser resolves `..`, and its `%2E`
 * spellings, away), and raw `?`, `#`, spaces or control characters would end or split the path. IDs go through
 * `pathSegment`; this catches any that did not.
 */
function assertSafePath(context: RequestContext, request: ApiRequest): void {
	const segments = request.path.split('/').slice(1);
	const unsafe = segments.find(
		(segment) => segment === '' || /^(\.|%2e){1,2}$/i.test(segment) || /[^A-Za-z0-9\-._~%!$&'()*+,;=:@]/.test(segment),
	);
	if (unsafe === undefined) return;
	throw new NodeOperationError(context.getNode(), `Refused to send a request to an unsafe path segment ${JSON.stringify(unsafe)}`, {
		itemIndex: request.itemIndex,
		description: 'A resource ID must be a single path segment; nothing was sent.',
	});
}

/** The body as JSON, or undefined when it is not JSON (a gateway's HTML page, a truncated answer). */
export function parseJson(body: string): unknown {
	try {
		return JSON.parse(body);
	} catch {
		return undefined;
	}
}

/** Whether a value is a resource: an object with its ID. */
export function isResource(value: unknown): value is IDataObject {
	return isObject(value) && typeof value.id === 'string' && value.id !== '';
}

/** An `expect` for an answer that holds one resource under `key`, e.g. `traffic_mirror_session`. */
export function holdsResource(key: string): (answer: IDataObject) => string | undefined {
	return (answer) => (isResource(answer[key]) ? undefined : `without the ${key} the answer should hold`);
}

export function isObject(value: unknown): value is IDataObject {
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
