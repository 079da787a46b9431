import { EMULATOR_DEFAULTS } from './defaults';
import type { MirrorQuotas } from './resources/quotas';

/** Whether a fault strikes before the operation runs (nothing changed) or after it ran (the change happened). */
export type FaultWhen = 'before' | 'after';

/** `truncated`: the real answer cut in the middle of its JSON. `html`: a proxy's HTML error page instead of JSON. */
export type MalformedKind = 'truncated' | 'html';

/**
 * A 2xx body of the wrong shape. `withoutResource`: only `{"request_id": …}`, as if the resource (or the list)
 * were left out; `empty`: `{}`; `string`: the resource's (or the list's) key holds a string.
 */
export type WrongShape = 'withoutResource' | 'empty' | 'string';

/**
 * How an echoed secret is spelt in a body: `raw` as it was sent, `json` JSON-escaped with `/` written `\/`, `url`
 * percent-encoded.
 */
export type SecretSpelling = 'raw' | 'json' | 'url';

/** One scripted fault: the next request gets exactly this; several keys may be combined. */
export interface ScriptedFault {
	/** Answer with this HTTP status and a gateway-style error body instead of the real answer. */
	status?: number;
	/** With `status` or `malformed: 'html'`: before or after the operation ran (default `before`). */
	when?: FaultWhen;
	/** Destroy the connection without an answer, before or after the operation ran. */
	drop?: FaultWhen;
	/**
	 * `truncated`: the real answer (status included) cut in the middle of its JSON, after the operation ran.
	 * `html`: a 502 HTML error page from a proxy instead of JSON (or `status`, when given).
	 */
	malformed?: MalformedKind;
	/** Answer 429 APIGW.0308 whatever the current rate. */
	throttle?: boolean;
	/** Extra delay before the request is handled. */
	latencyMs?: number;
	/**
	 * The operation runs at once, and its answer is held back this long: a client whose timeout is shorter meets a
	 * request that was processed.
	 */
	lateAnswerMs?: number;
	/**
	 * After the operation ran, the real success answer's status and headers, its Content-Length the whole body's,
	 * then only the first half of the body, then the connection destroyed: an answer cut off mid-stream. An empty
	 * 204 becomes a 200 with a body to cut, since 204 has none.
	 */
	cut?: boolean;
	/** After the operation ran, its real 2xx status with a body of this wrong shape; an answer without a body stays. */
	wrongShape?: WrongShape;
	/**
	 * Answer 401 APIGW.0301 before the operation runs, whose error_msg echoes the request's X-Security-Token and its
	 * canonical request, spelt this way on the wire.
	 */
	echoSecret?: SecretSpelling;
	/**
	 * Every list request (`List…`; of `operation` when given) gets an empty page with a fresh
	 * `page_info.next_marker`: a list that never ends. Unlike the other faults it is not used up: it stays in the
	 * script, striking every such request, until the script is replaced. Other requests pass it by.
	 */
	endlessPages?: boolean;
	/**
	 * Answer `status` (a 3xx, default 302) with `Location: <redirect><the request's path and query>` instead of
	 * handling the request, as a misconfigured gateway or a hostile endpoint might: `redirect` is an origin such as
	 * `http://127.0.0.1:8080`.
	 */
	redirect?: string;
	/**
	 * Only a request of this API operation (e.g. `CreateTrafficMirrorSession`) takes this fault; requests of other
	 * operations pass it by, and it waits for the next one that matches. Without it, the next request takes it.
	 */
	operation?: string;
}

export interface FaultSettings {
	/** Requests per second accepted before 429 APIGW.0308; 0 = unlimited. */
	rateLimit: number;
	/**
	 * When > 0, 429 answers carry `Retry-After: <seconds>`. Huawei documents none; whether the real gateway sends one
	 * is not confirmed.
	 */
	retryAfterSeconds: number;
	/** Share (0–1) of requests answered with one of `errorStatuses`. */
	errorRate: number;
	errorStatuses: number[];
	/** `random` picks before/after per fault with the seeded generator. */
	errorWhen: FaultWhen | 'random';
	/** Added to every API request. */
	latencyMs: number;
	/** Share (0–1) of requests whose connection is destroyed. */
	dropRate: number;
	dropWhen: FaultWhen | 'random';
	/** Share (0–1) of requests answered with a malformed body. */
	malformedRate: number;
	malformedKind: MalformedKind;
	/** Seed of the generator behind the random faults, so a run can be replayed. */
	seed: number;
	/** The next requests get these faults, in order; random faults are off for a scripted request. */
	script: ScriptedFault[];
}

export interface EmulatorOptions {
	host: string;
	/** 0 = a free port chosen by the system. */
	port: number;
	accessKeyId: string;
	secretAccessKey: string;
	/** When set, requests must carry and sign `X-Security-Token` with this value (temporary credentials). */
	securityToken?: string;
	/**
	 * With `securityToken`: when the temporary credentials expire (IAM issues them for 15 minutes to 24 hours). From
	 * then on the token is refused as expired.
	 */
	securityTokenExpiresAt?: Date;
	projectId: string;
	faults: Partial<FaultSettings>;
	/**
	 * Lock an AK for 5 minutes after 5 consecutive authentication failures, as the real gateway always does (Huawei's
	 * API Gateway FAQ: APIGW.0301 "AK access failed to reach the limit,forbidden"); on unless a test turns it off.
	 */
	akLockout: boolean;
	/**
	 * The `enabled` of a session created without it. Huawei Cloud's CreateTrafficMirrorSession API reference gives
	 * both: its table says `false`, its own example shows `true`; not confirmed against the live API. `false` is the
	 * written default, and clients should always send the field.
	 */
	sessionEnabledDefault: boolean;
	/** Traffic-mirroring quotas other than the defaults (resources/quotas.ts); -1 is no limit. */
	quotas: Partial<MirrorQuotas>;
	/** The time the emulator lives in: timestamps, the X-Sdk-Date window, throttling, lockouts. */
	clock: () => Date;
}

export const DEFAULT_FAULTS: FaultSettings = {
	rateLimit: 0,
	retryAfterSeconds: 0,
	errorRate: 0,
	errorStatuses: [500, 502, 503, 504],
	errorWhen: 'before',
	latencyMs: 0,
	dropRate: 0,
	dropWhen: 'before',
	malformedRate: 0,
	malformedKind: 'truncated',
	seed: 1,
	script: [],
};

export function resolveOptions(options: Partial<EmulatorOptions> = {}): EmulatorOptions {
	return {
		host: options.host ?? EMULATOR_DEFAULTS.host,
		port: options.port ?? EMULATOR_DEFAULTS.port,
		accessKeyId: options.accessKeyId ?? EMULATOR_DEFAULTS.accessKeyId,
		secretAccessKey: options.secretAccessKey ?? EMULATOR_DEFAULTS.secretAccessKey,
		securityToken: options.securityToken || undefined,
		securityTokenExpiresAt: options.securityTokenExpiresAt,
		projectId: options.projectId ?? EMULATOR_DEFAULTS.projectId,
		faults: options.faults ?? {},
		akLockout: options.akLockout ?? true,
		sessionEnabledDefault: options.sessionEnabledDefault ?? false,
		quotas: options.quotas ?? {},
		clock: options.clock ?? (() => new Date()),
	};
}
