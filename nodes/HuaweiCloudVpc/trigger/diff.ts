import type { IDataObject } from 'n8n-workflow';

import type { Change } from './kinds';

/** A compared field's value as the trigger keeps it. */
export type DigestValue = string | number | boolean | null | string[];

/**
 * What the trigger keeps of one resource between polls: its compared fields, as they are compared. Small (IDs,
 * numbers, names), and enough to say what a field was before it changed, or what a deleted resource was.
 */
export type Digest = Record<string, DigestValue>;

/** The digests of one kind of resource, by ID. */
export type Digests = Record<string, Digest>;

export interface FieldChange {
	before: DigestValue;
	after: DigestValue;
}

export interface ResourceEvent {
	change: Change;
	id: string;
	/** By field, what changed; empty for created and deleted. */
	changes: Record<string, FieldChange>;
	/** The resource as listed; for a deleted one, what the trigger last saw of it (its ID and compared fields). */
	resource: IDataObject;
}

/**
 * A field's value as compared: a list sorted (the order the service lists a session's sources in means nothing), an
 * absent field null (the service leaves a rule's unset CIDR blocks and port ranges out), anything else unexpected
 * as its JSON.
 */
function digestValue(value: unknown): DigestValue {
	if (value === undefined || value === null) return null;
	if (Array.isArray(value)) return value.map((entry) => (typeof entry === 'string' ? entry : JSON.stringify(entry))).sort();
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	return JSON.stringify(value);
}

export function digestOf(resource: IDataObject, fields: readonly string[]): Digest {
	return Object.fromEntries(fields.map((field) => [field, digestValue(resource[field])]));
}

const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

const same = (a: DigestValue, b: DigestValue) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields whose values differ, with both values. Only fields both digests hold are compared: a field a newer
 * version of the node compares was not kept by the older one, and is compared from the next poll on.
 */
export function changesBetween(before: Digest, after: Digest): Record<string, FieldChange> {
	const changes: Record<string, FieldChange> = {};
	for (const [field, value] of Object.entries(after)) {
		if (!hasOwn(before, field) || same(before[field], value)) continue;
		changes[field] = { before: before[field], after: value };
	}
	return changes;
}

/**
 * What happened to one kind of resource between two polls, and the digests to keep for the next. Without a previous
 * poll's digests (the first poll, or the first since this kind was chosen) the listing is the baseline: no events.
 * Events come created, changed, then deleted; the first two in the order listed, the deleted in the order kept.
 */
export function diffResources(
	previous: Digests | undefined,
	listed: readonly IDataObject[],
	fields: readonly string[],
): { events: ResourceEvent[]; digests: Digests } {
	// Own properties only, whatever an ID is: fromEntries defines them rather than assigning.
	const digests: Digests = Object.fromEntries(listed.map((resource) => [resource.id as string, digestOf(resource, fields)]));
	if (previous === undefined) return { events: [], digests };
	const created: ResourceEvent[] = [];
	const changed: ResourceEvent[] = [];
	for (const resource of listed) {
		const id = resource.id as string;
		const before = hasOwn(previous, id) ? previous[id] : undefined;
		if (before === undefined) {
			created.push({ change: 'created', id, changes: {}, resource });
			continue;
		}
		const changes = changesBetween(before, digests[id]);
		if (Object.keys(changes).length > 0) changed.push({ change: 'changed', id, changes, resource });
	}
	const deleted = Object.entries(previous)
		.filter(([id]) => !hasOwn(digests, id))
		.map(([id, digest]): ResourceEvent => ({ change: 'deleted', id, changes: {}, resource: { id, ...digest } }));
	return { events: [...created, ...changed, ...deleted], digests };
}
