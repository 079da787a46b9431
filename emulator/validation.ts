/**
 * The service's own input rules, written from the request tables of Huawei Cloud's VPC API reference (e.g.
 * https://support.huaweicloud.com/intl/en-us/api-vpc/CreateTrafficMirrorSession.html). Deliberately independent of the
 * node's field declarations: the emulator is the second authority that catches a wrong rule in the node.
 */
import { isIPv4, isIPv6 } from 'node:net';

import { invalid } from './errors';

export type JsonObject = Record<string, unknown>;

const NAME_PATTERN = /^[\p{Script=Han}A-Za-z0-9_.-]{1,64}$/u;

export function parseJsonBody(raw: Buffer): unknown {
	if (raw.length === 0) throw invalid('The request body is empty.');
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		throw invalid('The request body is not valid JSON.');
	}
}

export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{"<key>": {...}}` and nothing else: the one-key envelope every request body uses. */
export function unwrapEnvelope(body: unknown, key: string): JsonObject {
	if (!isObject(body) || !(key in body)) throw invalid(`The request body must be an object with the key "${key}".`);
	rejectUnknownKeys(body, [key], 'the request body');
	const inner = body[key];
	if (!isObject(inner)) throw invalid(`"${key}" must be an object.`);
	return inner;
}

export function rejectUnknownKeys(object: JsonObject, allowed: readonly string[], where: string): void {
	for (const key of Object.keys(object)) {
		if (!allowed.includes(key)) throw invalid(`Unknown field "${key}" in ${where}.`);
	}
}

/** The fields of `object` that are present; `null` is refused rather than taken as "absent". */
export function present(object: JsonObject, key: string, path: string): boolean {
	if (!(key in object) || object[key] === undefined) return false;
	if (object[key] === null) throw invalid(`${path} must not be null.`);
	return true;
}

export function required(object: JsonObject, key: string, path: string): unknown {
	if (!present(object, key, path)) throw invalid(`${path} is required.`);
	return object[key];
}

function string(value: unknown, path: string): string {
	if (typeof value !== 'string') throw invalid(`${path} must be a string.`);
	return value;
}

export function nonEmptyString(value: unknown, path: string): string {
	const text = string(value, path);
	if (text.trim() === '') throw invalid(`${path} must not be empty.`);
	return text;
}

/** 1–64 characters: letters, digits, Chinese characters, `_`, `-`, `.`. */
export function resourceName(value: unknown, path: string): string {
	const text = string(value, path);
	if (!NAME_PATTERN.test(text)) {
		throw invalid(`${path} must be 1-64 characters of letters, digits, Chinese characters, "_", "-" or ".".`);
	}
	return text;
}

/** 0–255 characters without `<` or `>`. */
export function description(value: unknown, path: string): string {
	const text = string(value, path);
	if ([...text].length > 255) throw invalid(`${path} must be at most 255 characters.`);
	if (/[<>]/.test(text)) throw invalid(`${path} must not contain "<" or ">".`);
	return text;
}

export function oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
	const text = string(value, path);
	if (!(allowed as readonly string[]).includes(text)) throw invalid(`${path} must be one of: ${allowed.join(', ')}.`);
	return text as T;
}

/** A case-insensitive enum answered in its canonical spelling (`tcp` → `TCP`, `ipv4` → `IPv4`). */
export function oneOfIgnoringCase<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
	const text = string(value, path);
	const match = allowed.find((candidate) => candidate.toLowerCase() === text.toLowerCase());
	if (match === undefined) throw invalid(`${path} must be one of: ${allowed.join(', ')}.`);
	return match;
}

/** An integer in [min, max]; with `acceptString`, also its decimal string (create documents some as strings). */
export function integer(value: unknown, path: string, min: number, max: number, acceptString = false): number {
	let number: number | undefined;
	if (typeof value === 'number' && Number.isInteger(value)) number = value;
	else if (acceptString && typeof value === 'string' && /^-?\d{1,10}$/.test(value)) number = Number(value);
	if (number === undefined) throw invalid(`${path} must be an integer.`);
	if (number < min || number > max) throw invalid(`${path} must be between ${min} and ${max}.`);
	return number;
}

/** `true`/`false`; with `acceptString`, also `"true"`/`"false"` (create documents `enabled` as a string). */
export function boolean(value: unknown, path: string, acceptString = false): boolean {
	if (typeof value === 'boolean') return value;
	if (acceptString && (value === 'true' || value === 'false')) return value === 'true';
	throw invalid(`${path} must be true or false.`);
}

/** Non-empty, distinct ENI ids (how many a session may hold is a quota: resources/quotas.ts). */
export function sourceList(value: unknown, path: string): string[] {
	if (!Array.isArray(value)) throw invalid(`${path} must be an array of strings.`);
	if (value.length === 0) throw invalid(`${path} must not be empty.`);
	const sources = value.map((item, index) => nonEmptyString(item, `${path}[${index}]`));
	if (new Set(sources).size !== sources.length) throw invalid(`${path} contains duplicate sources.`);
	return sources;
}

export type IpVersion = 4 | 6;

/** An IPv4 or IPv6 CIDR (`address/prefix`), surrounding spaces trimmed as the service does. */
export function cidr(value: unknown, path: string): { cidr: string; version: IpVersion } {
	const text = string(value, path).trim();
	const match = /^([^/]+)\/(\d{1,3})$/.exec(text);
	const prefix = match ? Number(match[2]) : NaN;
	if (match && isIPv4(match[1]) && prefix <= 32) return { cidr: text, version: 4 };
	if (match && isIPv6(match[1]) && prefix <= 128) return { cidr: text, version: 6 };
	throw invalid(`${path} must be an IPv4 or IPv6 CIDR such as 192.168.0.0/24.`);
}

/** `lo-hi` with 1 ≤ lo ≤ hi ≤ 65535. */
export function portRange(value: unknown, path: string): string {
	const text = string(value, path).trim();
	const match = /^(\d{1,5})-(\d{1,5})$/.exec(text);
	const low = match ? Number(match[1]) : NaN;
	const high = match ? Number(match[2]) : NaN;
	if (!match || low < 1 || high > 65535 || low > high) {
		throw invalid(`${path} must be a port range "low-high" with 1 <= low <= high <= 65535.`);
	}
	return `${low}-${high}`;
}
