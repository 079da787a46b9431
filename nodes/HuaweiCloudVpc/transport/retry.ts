/**
 * Which failed requests may be sent again, and after how long (docs/reliability.md). Pure: no n8n context, no clock
 * of its own.
 *
 * Retried: 429 (APIGW.0308, refused before the service saw the request), 502/503/504, connection failures and timeouts.
 * Never retried: other 4xx (five failed signatures lock an AK for five minutes) and 500.
 */

/** Default number of retries after the first attempt (so five attempts), as Huawei's guidance suggests. */
export const DEFAULT_MAX_RETRIES = 4;
export const MAX_RETRIES_LIMIT = 10;
/** Full-jitter exponential backoff: the n-th retry waits a random time in [0, min(MAX, BASE × 2^(n-1))]. */
export const RETRY_BASE_DELAY_MS = 1_000;
export const RETRY_MAX_DELAY_MS = 30_000;
/** No retry starts later than this after the first attempt, whatever Max Retries says. */
export const RETRY_MAX_TOTAL_MS = 120_000;

/**
 * Whether the service acted on a request that failed: `no` (it never saw it), `maybe` (the answer was lost or is a
 * 5xx), `yes` (a 2xx whose body cannot be read: it acted, and what it made is unknown).
 */
export type Processed = 'no' | 'maybe' | 'yes';

export interface FailureClass {
	retryable: boolean;
	processed: Processed;
	/** No answer within the timeout: the request may still be running on the service. */
	timedOut: boolean;
	/** From a `Retry-After` header. */
	retryAfterMs?: number;
}

const AMBIGUOUS_STATUSES = [502, 503, 504];
// Refused connections and failed DNS look-ups never reached the service; passing faults, worth another attempt.
const UNSENT_CODES = ['ECONNREFUSED', 'EAI_AGAIN'];
// An unknown host or an untrusted certificate: nothing was sent, and sending again would meet the same.
const UNSENT_FOR_GOOD = /^(ENOTFOUND|ERR_TLS_.*|.*CERT.*|.*SELF_SIGNED.*|UNABLE_TO_VERIFY.*)$/;
// Broken connections, and an answer cut off after its status line (the HTTP client's ERR_BAD_RESPONSE, "stream has
// been aborted"): the request may have been processed.
const BROKEN_CONNECTION_CODES = ['ECONNRESET', 'EPIPE', 'ENETRESET', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_BAD_RESPONSE'];

export function classifyStatus(statusCode: number, retryAfter?: string, now = Date.now()): FailureClass {
	if (statusCode === 429) {
		return { retryable: true, processed: 'no', timedOut: false, retryAfterMs: parseRetryAfter(retryAfter, now) };
	}
	if (AMBIGUOUS_STATUSES.includes(statusCode)) {
		return { retryable: true, processed: 'maybe', timedOut: false, retryAfterMs: parseRetryAfter(retryAfter, now) };
	}
	// A 500 is the service failing on this very request: sending it again is unlikely to help, yet it may have acted.
	if (statusCode >= 500) return { retryable: false, processed: 'maybe', timedOut: false };
	return { retryable: false, processed: 'no', timedOut: false };
}

/** A request without an HTTP answer, from the network error's code (e.g. `ECONNRESET`) and its messages. */
export function classifyNetworkFailure(code: string | undefined, message: string): FailureClass {
	const upper = code?.toUpperCase();
	if (upper && UNSENT_CODES.includes(upper)) return { retryable: true, processed: 'no', timedOut: false };
	if (upper && UNSENT_FOR_GOOD.test(upper)) return { retryable: false, processed: 'no', timedOut: false };
	const timedOut = upper === 'ETIMEDOUT' || upper === 'ESOCKETTIMEDOUT' || /timeout|timed out/i.test(message);
	if (timedOut) return { retryable: true, processed: 'maybe', timedOut: true };
	if ((upper && BROKEN_CONNECTION_CODES.includes(upper)) || /socket hang up|aborted/i.test(message)) {
		return { retryable: true, processed: 'maybe', timedOut: false };
	}
	// Any other network code came after the request may have left (a cancelled execution aborts a request on its
	// way): no passing fault, but not known to be unsent either. Without a code, the failure came before sending (the
	// credential refused to sign), so there is nothing to look for.
	return { retryable: false, processed: upper ? 'maybe' : 'no', timedOut: false };
}

/**
 * A 2xx answer whose body is not the JSON it should be (unreadable, or without the resource): the request was
 * processed, its answer lost on the way. A request that is idempotent is sent again; any other is looked for.
 */
export const MALFORMED_SUCCESS: FailureClass = { retryable: true, processed: 'yes', timedOut: false };

/** A 3xx: Huawei's API never redirects, so the service never saw the request, and sending it again would not help. */
export const REDIRECTED: FailureClass = { retryable: false, processed: 'no', timedOut: false };

/**
 * `Retry-After` as seconds or an HTTP date, in milliseconds from `now`; undefined when absent or unreadable. Seconds
 * may have a fraction (`1.5`), which some servers send although RFC 9110 has whole ones; a header sent twice arrives
 * joined by a comma (`1, 2`), and its first value counts. Anything else is read as a date only in the forms of an
 * HTTP-date: `Date.parse` would take `1.5` for a day in 2001.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
	const text = value?.trim();
	if (!text) return undefined;
	const first = text.split(',')[0].trim();
	if (/^\d+(\.\d+)?$/.test(first)) return Math.ceil(Number(first) * 1000);
	const date = parseHttpDate(text, now);
	return date === undefined ? undefined : Math.max(0, date - now);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// The forms of RFC 9110's HTTP-date: `Sun, 06 Nov 1994 08:49:37 GMT`, and the obsolete `Sunday, 06-Nov-94 08:49:37 GMT`
// and `Sun Nov  6 08:49:37 1994`.
const IMF_FIXDATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const RFC850_DATE = /^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\d{2})-([A-Z][a-z]{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const ASCTIME_DATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

/** An HTTP-date in milliseconds since the epoch; undefined when the text is none, or names no real time. */
function parseHttpDate(text: string, now: number): number | undefined {
	const fixed = IMF_FIXDATE.exec(text) ?? RFC850_DATE.exec(text);
	const asctime = ASCTIME_DATE.exec(text);
	// Day, month, year, hour, minute, second.
	const fields = fixed ? fixed.slice(1) : asctime ? [asctime[2], asctime[1], asctime[6], ...asctime.slice(3, 6)] : undefined;
	if (!fields) return undefined;
	const [day, year, hour, minute, second] = [fields[0], ...fields.slice(2)].map(Number);
	const month = MONTHS.indexOf(fields[1]);
	if (month < 0 || hour > 23 || minute > 59 || second > 60) return undefined;
	// A leap second is read as the second before it, which keeps the date on its day.
	const date = new Date(Date.UTC(2000, 0, 1, hour, minute, Math.min(second, 59)));
	// Set apart, as Date.UTC reads the years 0 to 99 as 1900 to 1999.
	date.setUTCFullYear(fields[2].length === 2 ? fullYear(year, now) : year, month, day);
	// A day the month does not have (31 Apr) rolls over into the next month.
	return date.getUTCMonth() === month && date.getUTCDate() === day ? date.getTime() : undefined;
}

/** A two-digit year: the one in this century, unless that is more than 50 years ahead (RFC 9110), then the century before. */
function fullYear(twoDigits: number, now: number): number {
	const thisYear = new Date(now).getUTCFullYear();
	const year = thisYear - (thisYear % 100) + twoDigits;
	return year > thisYear + 50 ? year - 100 : year;
}

/** How long to wait before retry number `retry` (1-based): full jitter, but never sooner than `Retry-After`. */
export function backoffDelay(retry: number, retryAfterMs: number | undefined, random: () => number = Math.random): number {
	const ceiling = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** (retry - 1));
	return Math.max(Math.floor(random() * ceiling), retryAfterMs ?? 0);
}
