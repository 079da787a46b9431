import type { IDataObject, IExecuteFunctions, INode, NodeApiError } from 'n8n-workflow';

import type { TransportContext } from '../transport/context';
import { vpcApiRequestAllItems } from '../transport/paginate';
import { type ApiItem, type ApiResponse, holdsResource, lookVerdict, type LostAnswer, restated, vpcApiRequest } from '../transport/request';

/**
 * How far the service's clocks may disagree: the gateway's, whose `Date` headers tell when a create was sent, and
 * the backend's, which writes `created_at`. A resource created up to this long before the send still counts as new.
 */
export const CLOCK_MARGIN_MS = 1_000;

/**
 * A resource that carries every field a lost create sent, but was created up to this long before the send, is no
 * proof of anything: older than the send by the clocks, it may still be the create's own if the clocks disagree by
 * more than CLOCK_MARGIN_MS. Rather than guess (and perhaps create it twice), the item says the outcome is unknown.
 */
export const NEAR_MISS_MS = 60_000;

/**
 * What the creates of one execution share, so that items in flight together cannot take each other's resources for
 * their own. Per identity (e.g. a session name): how many creates are being sent, how many items are looking for what
 * a lost create made, what each item of that identity asked for, and which resources items have already claimed.
 * Sending and looking exclude each other: a look waits until no create of its identity is on the way (each has its
 * answer, or is looking too), and a create waits while a look is under way, so a look never sees a resource whose
 * create is still unanswered. Looks of one identity take turns, so that two items never claim one resource.
 */
export class CreateLedger {
	private readonly claimed = new Set<string>();
	private readonly sending = new Map<string, number>();
	private readonly looking = new Map<string, number>();
	private readonly lookTurns = new Map<string, Promise<unknown>>();
	private readonly asked = new Map<string, Map<number, IDataObject>>();
	private readonly wakeUps = new Map<string, Array<() => void>>();

	/** Notes what an item of `identity` asks for, until `forget`: other items' looks must not take it for theirs. */
	ask(identity: string, itemIndex: number, fields: IDataObject): void {
		const items = this.asked.get(identity) ?? new Map<number, IDataObject>();
		items.set(itemIndex, fields);
		this.asked.set(identity, items);
	}

	forget(identity: string, itemIndex: number): void {
		this.asked.get(identity)?.delete(itemIndex);
	}

	/** What the other items of `identity` in flight asked for. */
	askedByOthers(identity: string, itemIndex: number): IDataObject[] {
		return [...(this.asked.get(identity) ?? new Map<number, IDataObject>())]
			.filter(([other]) => other !== itemIndex)
			.map(([, fields]) => fields);
	}

	/** Resolves when this item may send a create of `identity`; pair with `endSend`. */
	async beginSend(identity: string): Promise<void> {
		await this.until(identity, () => !this.looking.get(identity));
		this.change(this.sending, identity, 1);
	}

	endSend(identity: string): void {
		this.change(this.sending, identity, -1);
	}

	/**
	 * Runs `look` once no create of `identity` is on the way, this item's own included (its attempt is over), and
	 * after the looks of `identity` before it; holds new creates of `identity` back until it is done; then this item is
	 * sending again.
	 */
	async whileLooking<T>(identity: string, look: () => Promise<T>): Promise<T> {
		this.endSend(identity);
		this.change(this.looking, identity, 1);
		const previous = this.lookTurns.get(identity) ?? Promise.resolve();
		const turn = previous.catch(() => undefined).then(async () => {
			await this.until(identity, () => !this.sending.get(identity));
			return await look();
		});
		this.lookTurns.set(identity, turn);
		try {
			return await turn;
		} finally {
			if (this.lookTurns.get(identity) === turn) this.lookTurns.delete(identity);
			this.change(this.looking, identity, -1);
			await this.beginSend(identity);
		}
	}

	claim(id: string): void {
		this.claimed.add(canonicalId(id));
	}

	isClaimed(id: string): boolean {
		return this.claimed.has(canonicalId(id));
	}

	private change(counts: Map<string, number>, identity: string, by: number): void {
		counts.set(identity, (counts.get(identity) ?? 0) + by);
		const wakeUps = this.wakeUps.get(identity) ?? [];
		this.wakeUps.delete(identity);
		for (const wakeUp of wakeUps) wakeUp();
	}

	private async until(identity: string, ready: () => boolean): Promise<void> {
		while (!ready()) {
			await new Promise<void>((resolve) => this.wakeUps.set(identity, [...(this.wakeUps.get(identity) ?? []), resolve]));
		}
	}
}

export interface CreateRequest {
	itemIndex: number;
	/** The collection's path, e.g. `/vpc/traffic-mirror-sessions`; the list of the same path finds what was made. */
	path: string;
	/** The envelope key of one resource (`traffic_mirror_session`) and of a list (`traffic_mirror_sessions`). */
	key: string;
	listKey: string;
	/** What is created, sent as `{ [key]: body }`. */
	body: IDataObject;
	/**
	 * The service's values of fields the body may leave out (a session's packet length 96): a resource made by this
	 * create carries them where the body has none.
	 */
	defaults?: IDataObject;
	/** The resource's kind in messages, e.g. "traffic mirror session". */
	label: string;
	/**
	 * What the create is recognised by: a text for messages (`named "web-01"`) and the list filters that find every
	 * resource sharing it, each a field of the body. Creates of one identity in one execution coordinate through the
	 * ledger.
	 */
	identity: { text: string; query: IDataObject };
	/** The resources of this identity just before the create, when the caller listed them (If Name Exists). */
	before?: ApiItem[];
}

/**
 * Creates one resource, safely although the API takes no client token, and at no cost when nothing fails: the POST
 * is all a create sends. After an ending that leaves the outcome unknown (no answer, a cut or late answer, a 5xx, a
 * 2xx without the resource), once this execution's other creates of that identity have their answers, the identity
 * is listed and each resource judged (docs/reliability.md, "No duplicates, no wrong answers"):
 * - a **candidate** carries every field this create sent (canonical forms, the service's defaults where it sent none),
 *   was created no earlier than the send by the service's clock (CLOCK_MARGIN_MS allowed), did not exist before (If
 *   Name Exists), and no other item of this execution has claimed it. One: it is this item's. Several: unknown.
 * - a **doubt** is a new resource that carries every field this create sent but not the defaults assumed (and is no
 *   other item's of this execution), or a matching one created up to NEAR_MISS_MS before the send: the outcome is
 *   unknown, and nothing is sent again.
 * - none of either: nothing was made. The create is sent again if retries remain; otherwise the item fails, saying
 *   what was looked for (and, for an answer that never came, that it may still appear).
 */
export async function createResource(
	this: IExecuteFunctions,
	transport: TransportContext,
	ledger: CreateLedger,
	request: CreateRequest,
): Promise<ApiItem> {
	const { itemIndex, path, key } = request;
	const ledgerKey = ledgerKeyOf(request);
	ledger.ask(ledgerKey, itemIndex, expectedOf(request));
	await ledger.beginSend(ledgerKey);
	try {
		const response = await vpcApiRequest(transport, {
			method: 'POST',
			path,
			body: { [key]: request.body },
			itemIndex,
			idempotent: false,
			expect: holdsResource(key),
			recover: async (lost) =>
				await ledger.whileLooking(ledgerKey, async () => await look(this.getNode(), transport, ledger, request, lost)),
		});
		const made = { data: response[key] as IDataObject, requestId: response.request_id };
		ledger.claim(made.data.id as string);
		return made;
	} finally {
		ledger.endSend(ledgerKey);
		ledger.forget(ledgerKey, itemIndex);
	}
}

/** One look for what a lost create made: its resource, undefined when it made nothing, or an error saying what is unknown. */
async function look(
	node: INode,
	transport: TransportContext,
	ledger: CreateLedger,
	request: CreateRequest,
	lost: LostAnswer,
): Promise<ApiResponse | undefined> {
	const { path, key, listKey, identity, itemIndex } = request;
	const expected = expectedOf(request);
	const listed = await vpcApiRequestAllItems(transport, { path, key: listKey, qs: identity.query, itemIndex, deadline: lost.deadline });
	const sentAt = transport.serviceClock.atLeast(lost.firstSentAt);
	const since = sentAt === undefined ? undefined : Math.floor(sentAt / 1000) * 1000 - CLOCK_MARGIN_MS;
	const existedBefore = new Set((request.before ?? []).map(({ data }) => canonicalId(data.id)));
	const others = ledger.askedByOthers(ledgerKeyOf(request), itemIndex);
	const candidates: ApiItem[] = [];
	const doubts: ApiItem[] = [];
	for (const found of listed) {
		const { data } = found;
		if (!sameFields(data, identity.query) || existedBefore.has(canonicalId(data.id)) || ledger.isClaimed(data.id as string)) continue;
		const createdAt = Date.parse(String(data.created_at));
		const isNew = since !== undefined && createdAt >= since;
		const nearMiss = !isNew && (since === undefined || Number.isNaN(createdAt) || createdAt >= since - NEAR_MISS_MS);
		const mine = sameFields(data, expected);
		// A new resource that differs only where this item sent nothing may be its own, should the service's defaults
		// not be the ones assumed; one that differs in a field this item sent is not its own (unless another item's).
		// A near miss stays a doubt even when another item asked for the same: should the clocks disagree, it may be
		// this item's, and the other item's look cannot tell either.
		const defaultsDiffer = !mine && sameFields(data, request.body) && !others.some((fields) => sameFields(data, fields));
		if (isNew && mine) candidates.push(found);
		else if ((isNew && defaultsDiffer) || (nearMiss && mine)) doubts.push(found);
	}
	const lookedFor = describeLook(request, expected, since);
	if (candidates.length === 1) {
		ledger.claim(candidates[0].data.id as string);
		return { [key]: candidates[0].data, request_id: candidates[0].requestId };
	}
	if (candidates.length > 1) {
		throw unknownOutcome(node, request, lost, `${candidates.length} new ones match it: ${idsOf(candidates)}`, [
			lookedFor,
			'One of them may be this item\'s (others may have been made by someone else at the same time).',
		]);
	}
	if (doubts.length > 0) {
		throw unknownOutcome(node, request, lost, `the look found ${idsOf(doubts)}, which it cannot tell apart from this item's`, [
			lookedFor,
			`Found instead: ${doubts.map(({ data }) => describeDoubt(data, expected, since)).join('; ')}.`,
		]);
	}
	if (lost.willRetry) return undefined;
	if (lost.error.httpCode === '500') {
		// The service itself answered (a 502, 503 or 504 is the gateway's, and the service may still be at work), so it
		// is done with the request, and the look shows that it made nothing.
		throw notCreated(node, request, lost, lookedFor);
	}
	throw unknownOutcome(node, request, lost, 'the look found none yet', [
		lookedFor,
		lost.failure.processed === 'yes'
			? 'Huawei Cloud said it was created, so it may appear in a moment.'
			: 'The service may still have been working on it when the node looked, so it may appear in a moment.',
	]);
}

/** Creates of one identity in one execution share their ledger entries under this key. */
function ledgerKeyOf({ path, identity }: CreateRequest): string {
	return `${path} ${JSON.stringify(identity.query)}`;
}

/** What a resource this create made carries: what it sent, and the service's defaults where it sent nothing. */
function expectedOf(request: CreateRequest): IDataObject {
	return { ...request.defaults, ...request.body };
}

/** "sessions named "web-a" with these fields, created since …". */
function describeLook(request: CreateRequest, expected: IDataObject, since: number | undefined): string {
	const fields = Object.entries(expected)
		.map(([name, value]) => `${name} ${JSON.stringify(value)}`)
		.join(', ');
	const when = since === undefined ? 'whatever its age (no answer told the service\'s time)' : `created since ${new Date(since).toISOString()}`;
	return `Looked for: a ${request.label} ${request.identity.text} carrying ${fields}, ${when}, that no other item of this execution took as its own.`;
}

function describeDoubt(found: IDataObject, expected: IDataObject, since: number | undefined): string {
	const differing = Object.keys(expected).filter((name) => canonical(name, found[name]) !== canonical(name, expected[name]));
	const created = `created ${String(found.created_at ?? 'at an unknown time')}`;
	if (differing.length === 0) {
		return `${String(found.id)} (${created}, ${since === undefined ? 'its age unknown' : 'just before this item sent its create'})`;
	}
	return `${String(found.id)} (${created}, with ${differing.map((name) => `${name} ${JSON.stringify(found[name] ?? null)}`).join(', ')})`;
}

function idsOf(items: ApiItem[]): string {
	return items.map(({ data }) => String(data.id)).join(', ');
}

/** The item's error when the outcome is unknown: it keeps the lost answer's details (status, Huawei's body). */
function unknownOutcome(node: INode, request: CreateRequest, lost: LostAnswer, found: string, details: string[]): NodeApiError {
	const message = `The ${request.label} ${request.identity.text} may have been created: ${lostBecause(lost)}, and ${found}`;
	return lookVerdict(
		restated(node, lost.error, request.itemIndex, message, [
			...details,
			'It was not sent again. Check for it (Get Many, or the console) before running this item again, or it may be created twice.',
			lost.error.description,
		]),
	);
}

function notCreated(node: INode, request: CreateRequest, lost: LostAnswer, lookedFor: string): NodeApiError {
	const { error } = lost;
	return lookVerdict(
		restated(node, error, request.itemIndex, error.message, [
			error.description,
			`The ${request.label} was not created: ${lookedFor.replace(/^Looked for/, 'the node looked for')} and found none, and no retry was left.`,
		]),
	);
}

function lostBecause({ error, failure }: LostAnswer): string {
	if (failure.processed === 'yes') return `its answer could not be read (${error.message})`;
	if (failure.timedOut) return `its answer did not come in time (${error.message})`;
	if (error.httpCode?.startsWith('5')) return `Huawei Cloud answered with an error after it may have acted on it (${error.message})`;
	return `its answer was lost (${error.message})`;
}

// ─── Canonical forms ────────────────────────────────────────────────────────────────────────────────────────────────

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Fields whose values the service spells in its own case (`IPv4` for `ipv4`, IPv6 addresses in lower case). */
const CASE_INSENSITIVE = new Set([
	'action',
	'destination_cidr_block',
	'direction',
	'ethertype',
	'protocol',
	'source_cidr_block',
	'traffic_mirror_target_type',
	'type',
]);

export function canonicalId(id: unknown): string {
	return String(id ?? '').trim().toLowerCase();
}

/**
 * A value in one spelling, so that what was sent and what the service holds compare equal: absent, null and empty
 * alike; numbers and booleans whether sent as JSON or as strings; IDs and case-insensitive fields in lower case;
 * lists in any order.
 */
function canonical(field: string, value: unknown): string {
	if (value === undefined || value === null) return '';
	if (Array.isArray(value)) return value.map((item) => canonical(field, item)).sort().join(',');
	const text = String(value).trim();
	if (/^\d+$/.test(text)) return String(Number(text));
	return CASE_INSENSITIVE.has(field) || UUID.test(text) ? text.toLowerCase() : text;
}

/** Whether a listed resource carries every one of these fields. */
export function sameFields(found: IDataObject, fields: IDataObject): boolean {
	return Object.keys(fields).every((name) => canonical(name, found[name]) === canonical(name, fields[name]));
}
