/**
 * AK/SK authentication as the API gateway performs it (Huawei Cloud's API Request Signing Guide): the signature is
 * recomputed from the request as received — method, raw path, raw query, the headers the client listed in
 * SignedHeaders, the exact body bytes — by the official SDK's signer (signature.ts), never by the node's, so a
 * mistake in the node's signing is refused.
 */
import { timingSafeEqual } from 'node:crypto';

import { authenticationFailed } from './errors';
import { parseAuthorization, ParsedAuthorization, receivedHeader as header, ReceivedRequest, recomputeSignature } from './signature';

export type { ReceivedRequest } from './signature';

/** The gateway accepts X-Sdk-Date within 15 minutes of its own clock. */
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const LOCKOUT_FAILURES = 5;
const LOCKOUT_MS = 5 * 60 * 1000;

export interface AuthSettings {
	accessKeyId: string;
	secretAccessKey: string;
	securityToken?: string;
	securityTokenExpiresAt?: Date;
	akLockout: boolean;
}

/** `YYYYMMDDTHHMMSSZ` → epoch ms, or undefined when not of that form. */
function parseSdkDate(value: string): number | undefined {
	const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
	if (!match) return undefined;
	const [, year, month, day, hour, minute, second] = match.map(Number);
	const time = Date.UTC(year, month - 1, day, hour, minute, second);
	return Number.isNaN(time) ? undefined : time;
}

function sameText(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

export class Authenticator {
	/** Consecutive failures and lock expiry per AK (counted unless `akLockout` is off). */
	private failures = new Map<string, { count: number; lockedUntil: number }>();

	constructor(private readonly settings: AuthSettings) {}

	reset(): void {
		this.failures.clear();
	}

	/** Throws 401 APIGW.0301 unless the request is signed by the configured AK/SK (and token). */
	verify(request: ReceivedRequest, now: number): void {
		const authorization = header(request.headers, 'authorization');
		if (authorization === undefined) {
			// With neither a token nor a signature the gateway complains about the token it looked for first.
			throw authenticationFailed(
				header(request.headers, 'x-auth-token') === undefined ? 'x-auth-token not found' : 'decrypt token fail',
			);
		}
		const parsed = parseAuthorization(authorization);
		if (!parsed) throw authenticationFailed('verify aksk signature fail, unsupported Authorization header format');
		const ak = parsed.accessKeyId;
		const record = this.failures.get(ak);
		if (this.settings.akLockout && record && record.lockedUntil > now) {
			throw authenticationFailed('AK access failed to reach the limit,forbidden.');
		}
		try {
			this.check(request, parsed, now);
		} catch (error) {
			if (this.settings.akLockout) {
				// A lock that has run out starts a fresh count.
				const count = record && record.lockedUntil === 0 ? record.count + 1 : 1;
				this.failures.set(ak, { count, lockedUntil: count >= LOCKOUT_FAILURES ? now + LOCKOUT_MS : 0 });
			}
			throw error;
		}
		this.failures.delete(ak);
	}

	private check(request: ReceivedRequest, authorization: ParsedAuthorization, now: number): void {
		const { accessKeyId: ak, signedHeaders, signature } = authorization;
		if (ak !== this.settings.accessKeyId) throw authenticationFailed(`ak ${ak} not exist`);
		const sdkDate = header(request.headers, 'x-sdk-date');
		if (sdkDate === undefined) throw authenticationFailed('verify aksk signature fail, x-sdk-date not found');
		const signedAt = parseSdkDate(sdkDate);
		if (signedAt === undefined) throw authenticationFailed('verify aksk signature fail, invalid x-sdk-date format');
		if (Math.abs(now - signedAt) > MAX_CLOCK_SKEW_MS) throw authenticationFailed('signature expired');
		this.checkSecurityToken(request, signedHeaders, now);

		const expected = recomputeSignature(request, signedHeaders, this.settings);
		if (!expected) {
			throw authenticationFailed(
				'verify aksk signature fail, SignedHeaders must include host and x-sdk-date and name only headers that were sent',
			);
		}
		const { canonicalRequest, signedHeaders: signedList } = expected;
		if (!sameText(expected.signature, signature)) {
			// The real gateway also echoes its canonical request, newlines as `|`, to help find the difference.
			throw authenticationFailed(
				`verify aksk signature fail, SignedHeaders:${signedList}, canonicalRequest:${canonicalRequest.replace(/\n/g, '|')}`,
			);
		}
	}

	/** Temporary credentials come with a token that must be sent and signed; permanent ones come without. */
	private checkSecurityToken(request: ReceivedRequest, signedHeaders: string[], now: number): void {
		const token = header(request.headers, 'x-security-token');
		const expected = this.settings.securityToken;
		if (expected === undefined) {
			if (token !== undefined) throw authenticationFailed('decrypt token fail');
			return;
		}
		if (token === undefined) throw authenticationFailed('x-security-token not found');
		if (!signedHeaders.includes('x-security-token')) {
			throw authenticationFailed('verify aksk signature fail, x-security-token is not signed');
		}
		if (!sameText(token, expected)) throw authenticationFailed('decrypt token fail');
		const expiresAt = this.settings.securityTokenExpiresAt;
		if (expiresAt && now >= expiresAt.getTime()) throw authenticationFailed('token expires');
	}
}
