/**
 * List queries: filters, `limit` + `marker`, and the `page_info` of the answer, as Huawei Cloud's
 * ListTrafficMirrorSessions, ListTrafficMirrorFilters and ListTrafficMirrorFilterRules API references give them.
 */
import { invalid } from './errors';
import { Collection } from './store';

/** How a list filter compares: text as given, integers and booleans by value, `upper` case-insensitively. */
export type FilterKind = 'text' | 'upper' | 'integer' | 'boolean';

export interface FilterField {
	kind: FilterKind;
	/** Repeated keys are alternatives (`?id=a&id=b`), as the 2025 documentation describes; `enabled` is single. */
	multi: boolean;
	/** Accepted but without effect: `created_at`/`updated_at` are documented as sort keys, not how they sort. */
	ignored?: boolean;
	/** Checks one value of the query (throwing a 400) and returns it in the form `matches` compares. */
	parse?: (value: string, key: string) => string;
	/** For a field not compared by its value alone (lists, `fixed_ips`): whether the item matches the values. */
	matches?: (item: Record<string, unknown>, values: ReadonlySet<string>) => boolean;
}

/** Default and maximum page size of the v3 lists; the default is not documented, other VPC v3 lists use 2000. */
export const MAX_LIMIT = 2000;

/** How a list takes `limit`: the largest value it accepts, and the page size when it is absent. */
export interface LimitRule {
	max: number;
	default: number;
}

const V3_LIMIT: LimitRule = { max: MAX_LIMIT, default: MAX_LIMIT };

interface Condition {
	key: string;
	field: FilterField;
	values: Set<string>;
}

interface ParsedListQuery {
	limit: number;
	marker: string | undefined;
	conditions: Condition[];
}

function single(query: URLSearchParams, key: string): string | undefined {
	const values = query.getAll(key);
	if (values.length > 1) throw invalid(`Query parameter ${key} must not be repeated.`);
	return values[0];
}

function normalise(value: string, key: string, kind: FilterKind): string {
	switch (kind) {
		case 'integer':
			if (!/^-?\d{1,10}$/.test(value)) throw invalid(`Query parameter ${key} must be an integer.`);
			return String(Number(value));
		case 'boolean':
			if (value !== 'true' && value !== 'false') throw invalid(`Query parameter ${key} must be true or false.`);
			return value;
		case 'upper':
			return value.toUpperCase();
		default:
			return value;
	}
}

/**
 * Unknown query keys are refused, so that a misspelt filter shows up instead of silently listing everything (the real
 * service may ignore them; not confirmed against the live API).
 */
export function parseListQuery(
	query: URLSearchParams,
	fields: Record<string, FilterField>,
	limitRule: LimitRule = V3_LIMIT,
): ParsedListQuery {
	for (const key of new Set(query.keys())) {
		if (key !== 'limit' && key !== 'marker' && !Object.prototype.hasOwnProperty.call(fields, key)) {
			throw invalid(`Unknown query parameter ${key}.`);
		}
	}
	const limitText = single(query, 'limit');
	let limit = limitRule.default;
	if (limitText !== undefined) {
		if (!/^\d{1,10}$/.test(limitText) || Number(limitText) > limitRule.max) {
			throw invalid(`Query parameter limit must be an integer between 0 and ${limitRule.max}.`);
		}
		// Huawei's List API references document `limit` as the number per page, 0 to 2000: 0 asks for a page of
		// nothing, not for the default (the real answer to 0 is not known). A client that sends it gets no items and
		// is caught.
		limit = Number(limitText);
	}
	const conditions: Condition[] = [];
	for (const [key, field] of Object.entries(fields)) {
		const values = field.multi ? query.getAll(key) : [single(query, key)].filter((v) => v !== undefined);
		if (values.length === 0 || field.ignored) continue;
		const parse = field.parse ?? ((value: string) => normalise(value, key, field.kind));
		conditions.push({ key, field, values: new Set(values.map((value) => parse(value, key))) });
	}
	return { limit, marker: single(query, 'marker') || undefined, conditions };
}

export interface ListAnswer<T> {
	items: T[];
	page_info: { previous_marker?: string; current_count: number; next_marker?: string };
}

/** One page of `collection` matching the query; `next_marker` only when more items follow. */
export function listPage<T extends { id: string }>(
	collection: Collection<T>,
	query: URLSearchParams,
	fields: Record<string, FilterField>,
	limitRule?: LimitRule,
): ListAnswer<T> {
	const { limit, marker, conditions } = parseListQuery(query, fields, limitRule);
	const matches = (item: T) =>
		conditions.every(({ key, field, values }) => {
			const record = item as unknown as Record<string, unknown>;
			if (field.matches) return field.matches(record, values);
			const value = record[key];
			if (value === undefined) return false;
			return values.has(field.kind === 'upper' ? String(value).toUpperCase() : String(value));
		});
	const { items, hasMore } = collection.page(limit, marker, matches);
	const pageInfo: ListAnswer<T>['page_info'] = { current_count: items.length };
	// An empty page has no first record, so no previous_marker (the real answer for an empty list is not known).
	if (items.length > 0) pageInfo.previous_marker = items[0].id;
	// A page of `limit=0` has no last record to continue after, so it ends the listing (not confirmed against the live
	// API).
	if (hasMore && items.length > 0) pageInfo.next_marker = items[items.length - 1].id;
	return { items, page_info: pageInfo };
}
