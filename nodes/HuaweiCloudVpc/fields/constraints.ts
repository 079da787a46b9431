/**
 * The rules an API field's value must follow, each stated once: `describeConstraint` turns a rule into the words of
 * an error ("must be …"), `constraintHint` into the sentence the editor shows under a field where it helps to type
 * the value, and `checkConstraint` applies it and returns the value in the form the API takes, or undefined when the
 * value breaks the rule.
 */
export type Constraint =
	| { kind: 'text'; minLength: number; maxLength: number; pattern?: RegExp; patternRule?: string; forbidden?: string[] }
	| { kind: 'integer'; min: number; max: number }
	| { kind: 'boolean' }
	| { kind: 'choice'; values: readonly string[]; caseInsensitive?: boolean }
	| { kind: 'id' }
	| { kind: 'idList'; minItems: number; maxItems: number }
	| { kind: 'server' }
	| { kind: 'serverList'; minItems: number; maxItems: number }
	| { kind: 'cidr' }
	| { kind: 'portRange' };

export type ApiValue = string | number | boolean | string[];

// Huawei Cloud resource IDs are UUIDs, which the service writes in lower case: an ID is sent and compared in lower case
// whatever case it was given in. Checking the form also keeps `/`, `?`, `#`, `..`, CR and LF out of URL paths.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * A whole number in decimal digits, without a sign (no field of this API takes a negative one) or leading zeros: what
 * JavaScript's Number() would also read from "0x10", "1e2", "0b11", "12.0" or "+5" is refused, and a leading 0 can
 * mean octal elsewhere. Surrounding whitespace is trimmed first, as for IDs and CIDR blocks.
 */
const DECIMAL = /^(0|[1-9]\d*)$/;
const PORT_RANGE = /^([1-9]\d{0,4})-([1-9]\d{0,4})$/;
// A prefix length, or an IPv4 octet of a CIDR block: decimal, no leading zero (inet_aton reads 010 as 8).
const SMALL_DECIMAL = /^(0|[1-9]\d{0,2})$/;

export function describeConstraint(constraint: Constraint): string {
	switch (constraint.kind) {
		case 'text': {
			const length =
				constraint.minLength === 0
					? `at most ${constraint.maxLength} characters`
					: `${constraint.minLength}–${constraint.maxLength} characters`;
			const parts = [length];
			if (constraint.patternRule) parts.push(constraint.patternRule);
			if (constraint.forbidden) parts.push(`without ${constraint.forbidden.map((c) => `"${c}"`).join(' or ')}`);
			return parts.join(', ');
		}
		case 'integer':
			return `an integer from ${constraint.min} to ${constraint.max}`;
		case 'boolean':
			return 'true or false';
		case 'choice':
			return `one of ${constraint.values.map((v) => `"${v}"`).join(', ')}`;
		case 'id':
			return 'a resource ID (UUID)';
		case 'idList':
			return `${constraint.minItems} to ${constraint.maxItems} distinct resource IDs (UUIDs), comma-separated or an array`;
		case 'server':
			return 'an ECS instance ID (UUID) or a private IPv4 or IPv6 address';
		case 'serverList':
			return `${constraint.minItems} to ${constraint.maxItems} distinct ECS instance IDs (UUIDs) or private IPv4 or IPv6 addresses, comma-separated or an array`;
		case 'cidr':
			return 'an IPv4 or IPv6 CIDR block such as 192.168.0.0/24';
		case 'portRange':
			return 'a port range "low-high" with ports from 1 to 65535 and low ≤ high, such as 80-200';
	}
}

/**
 * The rule as the editor shows it, a sentence in HTML (n8n renders descriptions as HTML), or undefined where the
 * control itself keeps the value within the rule: a toggle, a dropdown, an ID picked from a list or checked in By ID.
 */
export function constraintHint(constraint: Constraint): string | undefined {
	switch (constraint.kind) {
		case 'text': {
			const length =
				constraint.minLength === 0 ? `At most ${constraint.maxLength} characters` : `Up to ${constraint.maxLength} characters`;
			const parts = [length];
			if (constraint.patternRule) parts.push(constraint.patternRule);
			const forbidden = constraint.forbidden?.map(escapeHtml).join(' or ');
			return `${parts.join(': ')}${forbidden ? `, without ${forbidden}` : ''}`;
		}
		case 'integer':
			return `From ${constraint.min} to ${constraint.max}`;
		case 'idList':
			return `Up to ${constraint.maxItems}; an expression gives their IDs separated by commas or as an array`;
		case 'server':
			return 'An ECS instance ID or a private IPv4 or IPv6 address';
		case 'serverList':
			return `Up to ${constraint.maxItems}, each an ECS instance ID or a private IPv4 or IPv6 address, separated by commas or as an array`;
		case 'cidr':
			return 'An IPv4 or IPv6 CIDR block';
		case 'portRange':
			return 'First and last port with a hyphen, from 1 to 65535, such as 80-443 (443-443 for one port)';
		case 'boolean':
		case 'choice':
		case 'id':
			return undefined;
	}
}

function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function checkConstraint(constraint: Constraint, value: unknown): ApiValue | undefined {
	const fail = () => undefined;
	switch (constraint.kind) {
		case 'text': {
			if (typeof value !== 'string') return fail();
			const length = [...value].length;
			if (length < constraint.minLength || length > constraint.maxLength) return fail();
			if (constraint.pattern && !constraint.pattern.test(value)) return fail();
			if (constraint.forbidden?.some((c) => value.includes(c))) return fail();
			return value;
		}
		case 'integer': {
			const number = typeof value === 'string' ? (DECIMAL.test(value.trim()) ? Number(value.trim()) : undefined) : value;
			if (typeof number !== 'number' || !Number.isInteger(number)) return fail();
			if (number < constraint.min || number > constraint.max) return fail();
			return number;
		}
		case 'boolean':
			if (typeof value === 'boolean') return value;
			if (value === 'true' || value === 'false') return value === 'true';
			return fail();
		case 'choice': {
			if (typeof value !== 'string') return fail();
			const match = constraint.values.find((allowed) =>
				constraint.caseInsensitive ? allowed.toLowerCase() === value.toLowerCase() : allowed === value,
			);
			return match ?? fail();
		}
		case 'id':
			return typeof value === 'string' && UUID.test(value.trim()) ? value.trim().toLowerCase() : fail();
		case 'idList': {
			const items = toList(value)?.map((item) => item.toLowerCase());
			if (!items || items.length < constraint.minItems || items.length > constraint.maxItems) return fail();
			if (items.some((item) => !UUID.test(item))) return fail();
			if (new Set(items).size !== items.length) return fail();
			return items;
		}
		case 'server':
			return typeof value === 'string' ? serverReference(value.trim()) ?? fail() : fail();
		case 'serverList': {
			const items = toList(value)?.map(serverReference);
			if (!items || items.length < constraint.minItems || items.length > constraint.maxItems) return fail();
			if (items.some((item) => item === undefined)) return fail();
			if (new Set(items.map((item) => item?.toLowerCase())).size !== items.length) return fail();
			return items as string[];
		}
		case 'cidr':
			return typeof value === 'string' && isCidr(value.trim()) ? value.trim() : fail();
		case 'portRange': {
			const match = typeof value === 'string' ? PORT_RANGE.exec(value.trim()) : null;
			if (!match) return fail();
			const [low, high] = [Number(match[1]), Number(match[2])];
			return low >= 1 && high <= 65535 && low <= high ? `${low}-${high}` : fail();
		}
	}
}

/** A comma-separated string or an array (from an expression), trimmed; undefined when it is neither. */
function toList(value: unknown): string[] | undefined {
	const raw = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : undefined;
	if (!raw || raw.some((item) => typeof item !== 'string')) return undefined;
	const items = (raw as string[]).map((item) => item.trim());
	// A trailing comma is forgiven; an empty ID between two others is not.
	if (typeof value === 'string' && items[items.length - 1] === '') items.pop();
	return items;
}

/**
 * A CIDR block a rule matches on, strictly: an octet written with a leading zero is refused, as it means octal to
 * some readers and decimal to others. (A server's address, by contrast, is read as the zero-padded decimal some
 * logs print, and looked up in its canonical spelling.)
 */
function isCidr(value: string): boolean {
	const [address, prefix, extra] = value.split('/');
	if (extra !== undefined || prefix === undefined || !SMALL_DECIMAL.test(prefix)) return false;
	const ipv4Part = address.slice(address.lastIndexOf(':') + 1);
	if (ipv4Part.includes('.') && !ipv4Part.split('.').every((octet) => SMALL_DECIMAL.test(octet))) return false;
	const bits = Number(prefix);
	if (isIpv4(address)) return bits <= 32;
	return isIpv6(address) && bits <= 128;
}

/** A server as alerts name it: its ECS instance ID (a UUID), or a private IP address, each in its canonical spelling. */
function serverReference(value: string): string | undefined {
	return UUID.test(value) ? value.toLowerCase() : canonicalIpAddress(value);
}

/**
 * An IP address in one spelling, so that two spellings of one address compare equal and the ports API is asked in
 * the form it stores: IPv4 without leading zeros, IPv6 in RFC 5952's form (lower case, the longest run of two or
 * more zero groups as "::"). Undefined when it is not an address.
 */
export function canonicalIpAddress(address: string): string | undefined {
	if (isIpv4(address)) return address.split('.').map(Number).join('.');
	if (!isIpv6(address)) return undefined;
	const [head, tail] = address.toLowerCase().split('::');
	const groupsOf = (part: string | undefined) => (part ? part.split(':') : []);
	const expand = (groups: string[]) =>
		groups.flatMap((group) => {
			if (!group.includes('.')) return [parseInt(group, 16)];
			const [a, b, c, d] = group.split('.').map(Number);
			return [a * 256 + b, c * 256 + d];
		});
	const front = expand(groupsOf(head));
	const back = expand(groupsOf(tail));
	const words = tail === undefined ? front : [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
	let bestStart = -1;
	let bestLength = 1;
	for (let start = 0; start < 8; start++) {
		let length = 0;
		while (start + length < 8 && words[start + length] === 0) length++;
		if (length > bestLength) [bestStart, bestLength] = [start, length];
	}
	const hex = words.map((word) => word.toString(16));
	if (bestStart < 0) return hex.join(':');
	return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

function isIpv4(address: string): boolean {
	const octets = address.split('.');
	return octets.length === 4 && octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255);
}

function isIpv6(address: string): boolean {
	if (!/^[0-9a-f:.]+$/i.test(address) || (address.match(/::/g) ?? []).length > 1) return false;
	const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
	const groups = [...(head ? head.split(':') : []), ...(tail ? tail.split(':') : [])];
	const last = groups[groups.length - 1];
	const embeddedIpv4 = last !== undefined && last.includes('.');
	if (embeddedIpv4 && !isIpv4(groups.pop() as string)) return false;
	const size = groups.length + (embeddedIpv4 ? 2 : 0);
	if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return false;
	return tail === undefined ? size === 8 : size < 8;
}
