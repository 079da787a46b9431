/**
 * A local emulator of the Huawei Cloud VPC v3 traffic-mirroring API (and the v1 ports list), behind an emulated
 * API gateway: AK/SK signature check, throttling, injected faults. Never shipped; tests and demos only.
 *
 * A request goes: control API? → route (404 APIGW.0101) → body → signature (401 APIGW.0301) → rate limit
 * (429 APIGW.0308) → planned faults, latency and redirects → project check → operation → answer (late, or a fault
 * after it).
 */
import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';

import { Authenticator } from './auth';
import { CONTROL_PREFIX, handleControl } from './control';
import { Counters, CountersSnapshot, FaultKind } from './counters';
import { ApiError, apiNotFound, backendFailure, ERROR_CODES, throttled } from './errors';
import { FaultEngine, FaultPlan, PlannedFailure } from './faults';
import { echoedSecretBody, errorBody, htmlErrorPage, readBody, sendJson, sendText } from './http';
import { EmulatorState, formatTimestamp, LoadBalancer, Port } from './model';
import { OperationResult } from './operation';
import { EmulatorOptions, FaultSettings, resolveOptions, SecretSpelling, WrongShape } from './options';
import { addLoadBalancer, seedDemoLoadBalancers } from './resources/loadbalancers';
import { addPort, seedDemoPorts } from './resources/ports';
import { DEFAULT_QUOTAS, type MirrorQuotas, parseQuotas, setServerFlavor } from './resources/quotas';
import { matchRoute, RouteMatch } from './router';
import { parseAuthorization, receivedHeader, recomputeSignature } from './signature';
import { isObject } from './validation';

export type { EmulatorOptions, FaultSettings, ScriptedFault } from './options';
export type { CountersSnapshot } from './counters';
export { DEMO_LOAD_BALANCERS } from './resources/loadbalancers';
export { DEMO_PORTS, DEMO_SERVERS } from './resources/ports';

export interface RunningEmulator {
	/** `http://host:port`, to use as the endpoint. */
	url: string;
	port: number;
	/** The options in effect (defaults filled in). */
	options: EmulatorOptions;
	counters(): CountersSnapshot;
	faults(): FaultSettings;
	/** Changes the named fault settings only. */
	setFaults(partial: Partial<FaultSettings>): void;
	/** Resources (demo ports and load balancers re-seeded), counters, faults and lockouts back to how it started. */
	reset(): void;
	/** Adds a port to the v1 ports list (same input as `POST /__emulator/ports`). */
	addPort(port: Record<string, unknown>): Port;
	/**
	 * Resources created or changed from now on carry `created_at`/`updated_at` this many seconds off the emulator's
	 * clock (negative: in the past), so that old resources exist without waiting; the gateway's signature window
	 * keeps the true clock. `reset()` sets it back to 0.
	 */
	setTimestampOffset(seconds: number): void;
	/** Adds a load balancer to the ELB list (same input as `POST /__emulator/loadbalancers`). */
	addLoadBalancer(loadBalancer: Record<string, unknown>): LoadBalancer;
	/** Changes the named traffic-mirroring quotas (-1: no limit) until the next reset; returns those in force. */
	setQuotas(quotas: Partial<MirrorQuotas>): MirrorQuotas;
	/** Gives a server a flavor: its interfaces are refused as sources unless the flavor supports mirroring. */
	setServerFlavor(server: { server: string; flavor: string }): { server: string; flavor: string };
	/** Stops listening and closes every connection, keep-alive ones included. */
	close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The query of an endless list's page: no marker (the client's is one the emulator made up), and no items. */
function emptyPageQuery(rawQuery: string): string {
	const query = new URLSearchParams(rawQuery);
	query.delete('marker');
	query.set('limit', '0');
	return query.toString();
}

/** A success body in a wrong shape; `request_id` and `page_info` stay where the shape keeps any key. */
function reshape(body: Record<string, unknown>, shape: WrongShape): Record<string, unknown> {
	if (shape === 'empty') return {};
	if (shape === 'withoutResource') return { request_id: body.request_id };
	return Object.fromEntries(
		Object.entries(body).map(([key, value]) => [key, key === 'request_id' || key === 'page_info' ? value : 'unavailable']),
	);
}

export async function startEmulator(overrides: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
	const options = resolveOptions(overrides);
	const state = new EmulatorState();
	const counters = new Counters();
	const faults = new FaultEngine(options.faults);
	const authenticator = new Authenticator(options);
	const seed = () => {
		state.quotas = { ...DEFAULT_QUOTAS, ...options.quotas };
		seedDemoPorts(state, options.projectId);
		seedDemoLoadBalancers(state, options.projectId, formatTimestamp(options.clock()));
	};
	seed();
	let timestampOffsetMs = 0;

	const control = {
		counters: () => counters.snapshot(state),
		faults: () => faults.current(),
		setFaults: (partial: Partial<FaultSettings>) => faults.update(partial),
		replaceFaults: (settings: Partial<FaultSettings>) => faults.replace(settings),
		reset: () => {
			state.clear();
			seed();
			counters.reset();
			faults.reset();
			authenticator.reset();
			timestampOffsetMs = 0;
		},
		addPort: (body: unknown) => {
			const port = addPort(state, options.projectId, body);
			counters.resourceCreated('ports');
			return port;
		},
		setTimestampOffset: (seconds: number) => {
			if (!Number.isInteger(seconds)) throw new Error('The timestamp offset must be a whole number of seconds.');
			timestampOffsetMs = seconds * 1000;
		},
		addLoadBalancer: (body: unknown) => addLoadBalancer(state, options.projectId, body, formatTimestamp(options.clock())),
		setQuotas: (body: unknown) => {
			state.quotas = { ...state.quotas, ...parseQuotas(body) };
			return { ...state.quotas };
		},
		setServerFlavor: (body: unknown) => setServerFlavor(state, body),
	};

	/** Runs the operation; service errors become answers here, the gateway's are thrown before. */
	function execute(match: RouteMatch, request: IncomingMessage, body: Buffer, rawQuery: string, now: Date) {
		try {
			const headerProject = request.headers['x-project-id'];
			// The project in the path must be the caller's: 400 VPC.0007, as in the VPC API reference's error
			// codes; not confirmed for the v3 APIs.
			if (match.projectId !== options.projectId || (headerProject !== undefined && headerProject !== options.projectId)) {
				throw new ApiError(400, ERROR_CODES.projectMismatch, 'urlTenantId is not equal to tokenTenantId');
			}
			return match.route.operation({
				state,
				counters,
				options,
				id: match.id,
				query: new URLSearchParams(rawQuery),
				body,
				timestamp: formatTimestamp(new Date(now.getTime() + timestampOffsetMs)),
			});
		} catch (error) {
			if (error instanceof ApiError) return error;
			throw error;
		}
	}

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		// The Date header is the emulator's clock, not the host's, stamped again after each wait below, as a server
		// dates an answer when it makes it: clients can judge `created_at` by it.
		const stampDate = () => response.setHeader('Date', options.clock().toUTCString());
		stampDate();
		const method = request.method ?? 'GET';
		const rawUrl = request.url ?? '/';
		const queryStart = rawUrl.indexOf('?');
		const rawPath = queryStart < 0 ? rawUrl : rawUrl.slice(0, queryStart);
		const rawQuery = queryStart < 0 ? '' : rawUrl.slice(queryStart + 1);
		const body = await readBody(request).catch((error: unknown) => error);

		if (rawPath.startsWith(CONTROL_PREFIX)) {
			if (body instanceof Buffer) handleControl(method, rawPath, body, response, control);
			else sendJson(response, 413, { error: 'The body is too large.' });
			return;
		}

		const requestId = randomUUID();
		const match = matchRoute(method, rawPath);
		const operation = match?.route.name ?? 'Unknown';
		const apiVersion = match?.route.apiVersion ?? 'v3';
		const finish = (outcome: number | 'dropped', fault?: FaultKind) => {
			counters.request(operation, outcome);
			if (fault) counters.fault(fault);
		};
		const answerError = (error: ApiError, fault?: FaultKind, headers: Record<string, string> = {}) => {
			sendJson(response, error.status, errorBody(error, requestId, apiVersion), { 'X-Request-Id': requestId, ...headers });
			finish(error.status, fault);
		};
		const drop = () => {
			request.socket.destroy();
			finish('dropped', 'dropped');
		};
		const answerThrottled = () => {
			const { rateLimit, retryAfterSeconds } = faults.current();
			const retryAfter: Record<string, string> = retryAfterSeconds > 0 ? { 'Retry-After': String(retryAfterSeconds) } : {};
			answerError(throttled(rateLimit), 'throttled', retryAfter);
		};
		const echoSecret = (spelling: SecretSpelling) => {
			const parsed = parseAuthorization(receivedHeader(request.headers, 'authorization'));
			const received = { method, rawPath, rawQuery, headers: request.headers, body: body as Buffer };
			const canonical = parsed ? recomputeSignature(received, parsed.signedHeaders, options)?.canonicalRequest : undefined;
			const token = receivedHeader(request.headers, 'x-security-token') ?? '';
			const text = echoedSecretBody(spelling, token, canonical ?? '', requestId);
			sendText(response, 401, 'application/json', text, { 'X-Request-Id': requestId });
			finish(401, 'echoed');
		};
		const fail = (failure: PlannedFailure) => {
			if (failure.kind === 'json') return answerError(backendFailure(failure.code), 'status');
			sendText(response, failure.code, 'text/html', htmlErrorPage(failure.code), { 'X-Request-Id': requestId });
			finish(failure.code, 'malformed');
		};

		let plan: FaultPlan;
		try {
			if (!(body instanceof Buffer)) throw body;
			if (!match) throw apiNotFound();
			const now = options.clock().getTime();
			authenticator.verify({ method, rawPath, rawQuery, headers: request.headers, body }, now);
			if (!faults.admit(now)) return answerThrottled();
			plan = faults.plan(operation);
			if (plan.throttle) return answerThrottled();
		} catch (error) {
			if (error instanceof ApiError) return answerError(error);
			throw error;
		}

		if (plan.latencyMs > 0) {
			await sleep(plan.latencyMs);
			stampDate();
		}
		if (plan.drop === 'before') return drop();
		if (plan.failure?.when === 'before') return fail(plan.failure);
		if (plan.echoSecret) return echoSecret(plan.echoSecret);
		if (plan.redirect) {
			response.writeHead(plan.redirect.code, { Location: `${plan.redirect.origin}${rawUrl}`, 'X-Request-Id': requestId }).end();
			return finish(plan.redirect.code, 'redirected');
		}

		const query = plan.endlessPages ? emptyPageQuery(rawQuery) : rawQuery;
		const result: OperationResult | ApiError = execute(match, request, body, query, options.clock());
		if (plan.lateAnswerMs > 0) {
			await sleep(plan.lateAnswerMs);
			stampDate();
		}

		if (plan.drop === 'after') return drop();
		if (plan.failure?.when === 'after') return fail(plan.failure);
		if (result instanceof ApiError) return answerError(result);
		const headers = { 'X-Request-Id': requestId };
		let answer: Record<string, unknown> | undefined = result.body ? { ...result.body, request_id: requestId } : undefined;
		let fault: FaultKind | undefined;
		if (plan.endlessPages && answer && isObject(answer.page_info)) {
			answer.page_info = { ...answer.page_info, next_marker: randomUUID() };
			fault = 'endless';
		}
		if (plan.wrongShape && answer) {
			answer = reshape(answer, plan.wrongShape);
			fault = 'reshaped';
		}
		if (plan.cut) {
			// Announced whole, sent in part: the client's connection breaks in the middle of a success.
			const text = JSON.stringify(answer ?? { request_id: requestId });
			const status = answer ? result.status : 200;
			response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
			response.write(text.slice(0, Math.ceil(text.length / 2)), () => request.socket.destroy());
			return finish(status, 'cut');
		}
		if (plan.truncate) {
			// The real answer cut in the middle; an empty 204 becomes a 200 with a cut body, since 204 has none.
			const text = JSON.stringify(answer ?? { request_id: requestId });
			sendText(response, answer ? result.status : 200, 'application/json', text.slice(0, Math.ceil(text.length / 2)), headers);
			return finish(answer ? result.status : 200, 'malformed');
		}
		if (answer) sendJson(response, result.status, answer, headers);
		else response.writeHead(result.status, headers).end();
		finish(result.status, fault);
	}

	const sockets = new Set<Socket>();
	const server = createServer((request, response) => {
		handle(request, response).catch((error: unknown) => {
			// A bug in the emulator: answer like the gateway's internal error rather than hanging the client.
			if (!response.headersSent) {
				sendJson(response, 500, {
					error_msg: `Emulator failure: ${error instanceof Error ? error.message : String(error)}`,
					error_code: ERROR_CODES.gatewayInternal,
					request_id: randomUUID(),
				});
			}
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, options.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;

	return {
		url: `http://${options.host}:${port}`,
		port,
		options,
		counters: control.counters,
		faults: control.faults,
		setFaults: control.setFaults,
		reset: control.reset,
		addPort: control.addPort,
		setTimestampOffset: control.setTimestampOffset,
		addLoadBalancer: control.addLoadBalancer,
		setQuotas: control.setQuotas,
		setServerFlavor: control.setServerFlavor,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				for (const socket of sockets) socket.destroy();
			}),
	};
}
