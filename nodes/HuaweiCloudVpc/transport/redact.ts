/**
 * The credential's secrets found and removed in every spelling an answer can carry them in. A gateway that refuses a
 * signature echoes its canonical request, and with it the signed X-Security-Token: as it is, JSON-escaped (`/` as
 * `\/` or `\u002F`) or URL-encoded (`%2F`, `%2f`, `+` for a space). Parsing the body turns an escaped spelling back
 * into the secret, so both the text and the parsed body are redacted. Pure: no n8n context.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const REDACTED = '[redacted]';

/** The secrets of a credential, compiled once for the searches below. */
export interface Secrets {
	/**
	 * Per secret, its longest run of ASCII letters and digits. No JSON or URL encoder escapes those, so every
	 * spelling of the secret holds this run as it is.
	 */
	readonly anchors: readonly string[];
	/** Any spelling of any secret, the longest secret first; undefined when the credential has no secret. */
	readonly pattern: RegExp | undefined;
}

const ALPHANUMERIC = /[A-Za-z0-9]/;

/** The Secret Access Key and the Security Token, trimmed as the signer uses them. The Access Key ID is no secret. */
export function secretsOf(credentials: ICredentialDataDecryptedObject | undefined): Secrets {
	const secrets = [credentials?.secretAccessKey, credentials?.securityToken]
		.map((secret) => (typeof secret === 'string' ? secret.trim() : ''))
		.filter((secret) => secret !== '')
		// A secret inside a longer one must not be redacted first and leave the longer one's rest.
		.sort((a, b) => b.length - a.length);
	return {
		anchors: secrets.map(longestAlphanumericRun),
		pattern: secrets.length > 0 ? new RegExp(secrets.map(spellingsOf).join('|'), 'g') : undefined,
	};
}

/**
 * Whether the text, or what JSON.parse makes of it, may hold a secret in some spelling: a few `includes`, cheap
 * enough for every answer. False means that neither holds one; true, that `redactText` or `redactDeep` has to look.
 */
export function mayContain(text: string, secrets: Secrets): boolean {
	if (secrets.anchors.length === 0) return false;
	// JSON may spell any character as `\uXXXX`, letters and digits too, and parsing turns them back.
	return text.includes('\\u') || secrets.anchors.some((anchor) => text.includes(anchor));
}

/** The text with every spelling of every secret replaced by `[redacted]`. */
export function redactText(text: string, secrets: Secrets): string {
	if (secrets.pattern === undefined || !mayContain(text, secrets)) return text;
	return text.replace(secrets.pattern, REDACTED);
}

/**
 * A copy of parsed JSON with every string, keys included, redacted. It walks with a list rather than recursion: an
 * answer nested deeper than the call stack must not turn its redaction into a crash.
 */
export function redactDeep<T>(value: T, secrets: Secrets): T {
	const pending: Array<[source: object, target: object]> = [];
	const copy = (item: unknown): unknown => {
		if (typeof item === 'string') return redactText(item, secrets);
		if (typeof item !== 'object' || item === null) return item;
		const target = Array.isArray(item) ? [] : {};
		pending.push([item, target]);
		return target;
	};
	const root = copy(value);
	for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
		const [source, target] = next;
		for (const [key, item] of Object.entries(source)) {
			// Defined, not assigned: a `__proto__` key of parsed JSON stays a key and does not become the prototype.
			Object.defineProperty(target, Array.isArray(source) ? key : redactText(key, secrets), {
				value: copy(item),
				enumerable: true,
				writable: true,
				configurable: true,
			});
		}
	}
	return root as T;
}

function longestAlphanumericRun(secret: string): string {
	return (secret.match(/[A-Za-z0-9]+/g) ?? ['']).reduce((longest, run) => (run.length > longest.length ? run : longest));
}

/** A pattern of the secret in which each character may be spelled in any of the ways below. */
function spellingsOf(secret: string): string {
	return Array.from(secret, (char) => (ALPHANUMERIC.test(char) ? char : `(?:${charSpellings(char).join('|')})`)).join('');
}

/**
 * A character as it is; JSON-escaped (`\/`, `\"`, `\n`…, or `\uXXXX` per UTF-16 unit in either case); URL-encoded
 * (`%XX` per UTF-8 byte in either case, `+` for a space). Escapes may be doubled (`\\/`, `%252F`), as in JSON kept
 * in a JSON string or a URL kept in a URL.
 */
function charSpellings(char: string): string[] {
	const json = JSON.stringify(char).slice(1, -1);
	const units = Array.from({ length: char.length }, (_, index) => char.charCodeAt(index));
	const bytes = utf8Bytes(char);
	return [
		escapeRegExp(char),
		char === '/' ? '\\\\+/' : '',
		json.startsWith('\\') && !json.startsWith('\\u') ? `\\\\+${escapeRegExp(json.slice(1))}` : '',
		units.map((unit) => `\\\\+u${hexPattern(unit, 4)}`).join(''),
		bytes.map((byte) => `%(?:25)*${hexPattern(byte, 2)}`).join(''),
		char === ' ' ? '\\+' : '',
	].filter((spelling) => spelling !== '');
}

/** The UTF-8 bytes of one character; none for a lone surrogate, which has no UTF-8 form. */
function utf8Bytes(char: string): number[] {
	const code = char.charCodeAt(0);
	if (code < 0x80) return [code];
	try {
		return encodeURIComponent(char)
			.split('%')
			.slice(1)
			.map((byte) => parseInt(byte, 16));
	} catch {
		return [];
	}
}

/** `n` in hexadecimal, each letter in either case: `2F` matches `2F` and `2f`. */
function hexPattern(n: number, width: number): string {
	return Array.from(n.toString(16).padStart(width, '0'), (digit) =>
		/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit,
	).join('');
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
