/** The judges of a cell's run: what each item ended with, held against what the emulator holds afterwards. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Ending } from './endings';
import { sameId, type Kind, type Resource, type World } from './world';

export const MAY_HAVE = /may have been/i;

export type Outcome = { ok: true; json: IDataObject } | { ok: false; text: string };

export function outcomeOf(item: INodeExecutionData | undefined): Outcome | undefined {
	if (!item) return undefined;
	const { error, description } = item.json;
	if (error === undefined) return { ok: true, json: item.json };
	return { ok: false, text: [error, description].filter(Boolean).join('\n') };
}

export const firstLine = (text: string) => text.split('\n')[0];

export interface Judgement {
	ending: Ending;
	/** Per input item, what it output (its first output item; a missing one counts as a failure). */
	outcomes: Outcome[];
	/** Per input item, every item it output (Get Many outputs one per resource). */
	outputs: Outcome[][];
}

export type Judge = (run: Judgement) => Promise<string[]>;

/** Judges a second run of the same items with no fault, by what each item output (its first output item). */
export type RerunJudge = (outcomes: Outcome[]) => Promise<string[]>;

/** A field as the service would hold it: IDs lower-case, whole numbers as numbers, lists in any order. */
function canonical(value: unknown): unknown {
	if (typeof value === 'string') {
		if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return value.toLowerCase();
		return /^\d+$/.test(value) ? Number(value) : value;
	}
	if (Array.isArray(value)) return value.map((item) => JSON.stringify(canonical(item))).sort();
	return value;
}

/** The fields of `expected` that `resource` does not carry, each as "key is X, it sent Y". */
export function differences(resource: IDataObject | undefined, expected: IDataObject, source = 'it sent'): string[] {
	return Object.keys(expected)
		.filter((key) => JSON.stringify(canonical(resource?.[key])) !== JSON.stringify(canonical(expected[key])))
		.map((key) => `${key} is ${JSON.stringify(resource?.[key])}, ${source} ${JSON.stringify(expected[key])}`);
}

/** An item failed after an ending that leaves its outcome unknown, and does not say that its change may have happened. */
export function unknownNotSaid(ending: Ending, text: string, index: number, happened: boolean): string | undefined {
	if (MAY_HAVE.test(text) || !(ending.ambiguous || happened)) return undefined;
	const why = happened ? 'its change happened' : `after "${ending.name}" the change may have happened`;
	return `unknown not said: item ${index} failed, ${why}, and its error does not say it may have: ${firstLine(text)}`;
}

export type NamePolicy = 'createAnother' | 'returnExisting' | 'fail';

export interface CreateSpec {
	kind: Kind;
	policy: NamePolicy;
	/** The identity a create is recognised by (sessions and filters: the name). */
	identity: (fields: IDataObject) => string;
	/** Whether a resource carries the fields an item asked for (the existing, looser check). */
	matches: (resource: IDataObject, item: IDataObject) => boolean;
	/** Every field item sent, as the API holds it: its resource must carry each. */
	sent: (item: IDataObject) => IDataObject;
}

/**
 * Judges a create: each identity created no more often than allowed, every output resource real, new (unless
 * returned as existing) and the one asked for down to every field, every created resource output or owned up to by a
 * failed item.
 */
export function judgeCreates(
	spec: CreateSpec,
	world: World,
	items: IDataObject[],
	before: Map<string, Resource>,
	lookalikeId: string | undefined,
): Judge {
	const { kind, policy, identity } = spec;
	return async ({ ending, outcomes }) => {
		const violations: string[] = [];
		const after = await world.list(kind);
		const created = [...after.values()].filter((resource) => !before.has(resource.id));
		const lookalikeIdentity = lookalikeId ? identity(before.get(lookalikeId) as Resource) : undefined;
		const keys = [...new Set(items.map(identity))];
		for (const key of keys) {
			const asked = items.filter((item) => identity(item) === key).length;
			const allowed = policy === 'createAnother' ? asked : key === lookalikeIdentity ? 0 : 1;
			const made = created.filter((resource) => identity(resource) === key).length;
			if (made > allowed) violations.push(`created twice: ${made} ${kind}s "${key}" were created, at most ${allowed} may be`);
		}
		// Twins share an identity: each set of fields may be made as often as items ask for exactly it.
		if (policy === 'createAnother') {
			const asks = new Map<string, { sent: IDataObject; count: number }>();
			for (const sent of items.map(spec.sent)) {
				const fields = JSON.stringify(sent);
				asks.set(fields, { sent, count: (asks.get(fields)?.count ?? 0) + 1 });
			}
			for (const [fields, { sent, count }] of asks) {
				const made = created.filter((resource) => differences(resource, sent).length === 0).length;
				if (made > count) violations.push(`created twice: ${made} ${kind}s of ${fields} were created, ${count} asked`);
			}
		}
		// A cancelled execution reports nothing per item.
		if (ending.cancelled) return violations;
		const outputBy = new Map<string, number>();
		const failed: Array<{ index: number; text: string }> = [];
		for (const [index, outcome] of outcomes.entries()) {
			const item = items[index];
			const key = identity(item);
			if (!outcome.ok) {
				const samePolicyFailure =
					policy === 'fail' &&
					/already exists/.test(outcome.text) &&
					(key === lookalikeIdentity || items.slice(0, index).some((earlier) => identity(earlier) === key));
				if (samePolicyFailure) continue;
				if (ending.passing) violations.push(`passing fault not ridden out: item ${index} failed: ${firstLine(outcome.text)}`);
				failed.push({ index, text: outcome.text });
				continue;
			}
			const id = outcome.json.id as string;
			const resource = after.get(id);
			if (!resource) {
				violations.push(`reported created but was not: item ${index} output ${kind} ${id}, which does not exist`);
				continue;
			}
			if (!spec.matches(resource, item)) {
				violations.push(`reported created but was not: item ${index} output ${kind} ${id}, which is not the ${kind} it asked for`);
			}
			const wrongFields = [...new Set([...differences(outcome.json, spec.sent(item)), ...differences(resource, spec.sent(item))])];
			if (wrongFields.length > 0) {
				violations.push(`another item's resource: item ${index} output ${kind} ${id}, whose ${wrongFields.join('; ')}`);
			}
			const returnsExisting = policy === 'returnExisting' && key === lookalikeIdentity;
			if (returnsExisting && id !== lookalikeId) {
				violations.push(`reported created but was not: item ${index} should have returned the existing ${kind} ${lookalikeId}, output ${id}`);
			}
			if (!returnsExisting && before.has(id)) {
				violations.push(`reported created but was not: item ${index} output the ${kind} ${id}, which existed before the run`);
			}
			if (policy === 'fail' && key === lookalikeIdentity) {
				violations.push(`reported created but was not: item ${index} succeeded although a ${kind} "${key}" existed (If Name Exists: Fail)`);
			}
			const other = outputBy.get(id);
			if (other !== undefined && policy !== 'returnExisting') {
				violations.push(`reported created but was not: items ${other} and ${index} both output ${kind} ${id}`);
			}
			outputBy.set(id, index);
		}
		if (policy === 'returnExisting') {
			for (const key of keys) {
				const ids = new Set(
					outcomes.flatMap((outcome, index) => (outcome.ok && identity(items[index]) === key ? [outcome.json.id] : [])),
				);
				if (ids.size > 1) violations.push(`created twice: the items "${key}" output ${ids.size} different ${kind}s`);
			}
		}
		const unclaimed = created.filter((resource) => !outputBy.has(resource.id));
		for (const resource of unclaimed) {
			const owned = outcomes.some(
				(outcome, index) => !outcome.ok && identity(items[index]) === identity(resource) && MAY_HAVE.test(outcome.text),
			);
			if (!owned) {
				violations.push(
					`reported failed but succeeded: ${kind} ${resource.id} ("${identity(resource)}") was created, yet no item output it and no error says it may have been`,
				);
			}
		}
		for (const { index, text } of failed) {
			const happened = unclaimed.some((resource) => differences(resource, spec.sent(items[index])).length === 0);
			const unsaid = unknownNotSaid(ending, text, index, happened);
			if (unsaid) violations.push(unsaid);
		}
		return violations;
	};
}

export interface ChangeSpec {
	kind: Kind;
	/** The resources the items change, one per item, in item order. */
	targets: string[];
	/** Whether the change item `index` asked for is in the world. */
	done(after: Map<string, Resource>, index: number): boolean;
	/** Why item `index`'s output is wrong, or undefined when it is right. */
	wrongOutput(json: IDataObject, index: number): string | undefined;
	/** Items that fail without any fault (a delete of an ID that never existed): their failure is right. */
	failsAnyway?: (index: number) => boolean;
	/** Deletes and source changes: a success whose change is not in the world claims what did not happen. */
	claims?: boolean;
}

/**
 * Judges updates, deletes and source changes: every success output the right resource and its change is in the
 * world, every change in the world was output or owned up to, and resources the run was not asked to change stayed.
 */
export function judgeChanges(spec: ChangeSpec, world: World, before: Map<string, Resource>): Judge {
	return async ({ ending, outcomes }) => {
		const violations: string[] = [];
		const after = await world.list(spec.kind);
		// A cancelled execution reports nothing per item.
		for (const [index, outcome] of ending.cancelled ? [] : outcomes.entries()) {
			const done = spec.done(after, index);
			const target = spec.targets[index];
			if (outcome.ok) {
				const other = spec.targets.findIndex((id, at) => at !== index && sameId(id, outcome.json.id) && !sameId(id, target));
				if (other >= 0) violations.push(`another item's resource: item ${index} output ${spec.kind} ${outcome.json.id as string}, item ${other}'s`);
				const wrong = spec.wrongOutput(outcome.json, index);
				if (wrong) violations.push(`reported done but was not: item ${index} ${wrong}`);
				else if (!done) violations.push(`reported done but was not: item ${index}'s change is not in the world`);
				if (spec.claims && !done) {
					const existed = before.has(target) ? 'is not in the world' : `names ${target}, which did not exist before the run`;
					violations.push(`claimed what did not happen: item ${index} output ${JSON.stringify(outcome.json)}, yet its change ${existed}`);
				}
				continue;
			}
			if (spec.failsAnyway?.(index)) continue;
			if (done && !MAY_HAVE.test(outcome.text)) {
				violations.push(`reported failed but succeeded: item ${index}'s change happened, yet its error does not say it may have: ${firstLine(outcome.text)}`);
			}
			const unsaid = unknownNotSaid(ending, outcome.text, index, done);
			if (unsaid) violations.push(unsaid);
			if (ending.passing) violations.push(`passing fault not ridden out: item ${index} failed: ${firstLine(outcome.text)}`);
		}
		for (const [id, resource] of before) {
			if (spec.targets.includes(id)) continue;
			if (JSON.stringify(after.get(id)) !== JSON.stringify(resource)) {
				violations.push(`another resource touched: ${spec.kind} ${id} changed although no item named it`);
			}
		}
		return violations;
	};
}

/**
 * Judges Get (`many` false) and Get Many: item `index` outputs exactly the resource `targets[index]` as the world holds
 * it, field by field, and nothing changed.
 */
export function judgeReads(kind: Kind, targets: string[], many: boolean, world: World, before: Map<string, Resource>): Judge {
	return async ({ ending, outcomes, outputs }) => {
		const violations: string[] = [];
		const after = await world.list(kind);
		for (const [index, outputsOfItem] of ending.cancelled ? [] : outputs.entries()) {
			const target = targets[index];
			const failure = (many ? outputsOfItem : [outcomes[index]]).find((outcome) => !outcome.ok);
			if (failure && !failure.ok) {
				if (ending.passing) violations.push(`passing fault not ridden out: item ${index} failed: ${firstLine(failure.text)}`);
				continue;
			}
			const read = (many ? outputsOfItem : [outcomes[index]]).map((outcome) => (outcome as { json: IDataObject }).json);
			const ids = read.map((json) => json.id);
			if (ids.length !== 1 || !sameId(ids[0], target)) {
				const other = targets.findIndex((id, at) => at !== index && ids.some((output) => sameId(output, id)));
				violations.push(
					other >= 0
						? `another item's resource: item ${index} output ${kind} ${targets[other]}, item ${other}'s`
						: `read not as the world is: item ${index} output ${JSON.stringify(read).slice(0, 200)}, not the ${kind} ${target}`,
				);
				continue;
			}
			const wrongFields = differences(read[0], before.get(target) as Resource, 'the world holds');
			if (wrongFields.length > 0) violations.push(`read not as the world is: item ${index} output ${kind} ${target}, whose ${wrongFields.join('; ')}`);
		}
		for (const [id, resource] of before) {
			if (JSON.stringify(after.get(id)) !== JSON.stringify(resource)) {
				violations.push(`another resource touched: ${kind} ${id} changed although the run only reads`);
			}
		}
		return violations;
	};
}
