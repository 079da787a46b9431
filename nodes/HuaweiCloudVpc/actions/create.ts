import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Clock } from '../transport/clock';
import type { TransportContext } from '../transport/context';
import { MAX_PAGE_SIZE, vpcApiRequestAllItems } from '../transport/paginate';
import { vpcApiRequest, type ApiItem } from '../transport/request';

/**
 * How long after it was asked for a note of what exists serves the creates that start. Noting per item cost every
 * create a second request; shared for a second, a note costs one list per second of creates, and the rule's blind
 * spot (a lookalike made by someone else after the note) stays about a second wide (README, "No duplicates").
 */
export const NOTE_SERVES_MS = 1000;

/**
 * The IDs a collection holds, or undefined when they fill more than one page: noting such a collection every second
 * would cost a list per page, more than each create listing its own identity.
 */
export type CollectionIds = Set<string> | undefined;

interface Note {
	askedAt: number;
	ids: Promise<CollectionIds>;
}

/**
 * What the creates of one execution share, so that items in flight together cannot take each other's resources
 * for their own. Per identity (e.g. a session name): how many creates are being sent, how many items are looking
 * for what a lost create made, and which resources items have already claimed. Sending and looking exclude each
 * other: a look waits until no create of its identity is on the way (each has its answer, or is looking too), and a
 * create waits while a look is under way, so a look never sees a resource whose create is still unanswered.
 * Per collection: the latest note of the IDs it holds.
 */
export class CreateLedger {
	private readonly notes = new Map<string, Note>();
	private readonly beyondOnePage = new Set<string>();
	private readonly claimed = new Set<string>();
	private readonly sending = new Map<string, number>();
	private readonly looking = new Map<string, number>();
	private readonly wakeUps = new Map<string, Array<() => void>>();

	/**
	 * The IDs of a collection's resources, from a list asked for at most NOTE_SERVES_MS ago or asked for now; the
	 * creates that start meanwhile share it. A shared list that failed is not reused: the item lists for itself, so
	 * that the error it may get is its own. Once a collection was found beyond one page, undefined for the rest of the
	 * execution.
	 */
	async noteOf(collection: string, clock: Clock, list: () => Promise<CollectionIds>): Promise<CollectionIds> {
		if (this.beyondOnePage.has(collection)) return undefined;
		const shared = this.notes.get(collection);
		if (shared && clock.now() - shared.askedAt <= NOTE_SERVES_MS) {
			try {
				return await shared.ids;
			} catch {
				// Listed again below, under this item's index.
			}
		}
		const askedAt = clock.now();
		const ids = list().then((found) => {
			if (!found) this.beyondOnePage.add(collection);
			return found;
		});
		this.notes.set(collection, { askedAt, ids });
		return await ids;
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
	 * holds new creates of `identity` back until it is done; then this item is sending again.
	 */
	async whileLooking<T>(identity: string, look: () => Promise<T>): Promise<T> {
		this.endSend(identity);
		this.change(this.looking, identity, 1);
		try {
			await this.until(identity, () => !this.sending.get(identity));
			return await look();
		} finally {
			this.change(this.looking, identity, -1);
			await this.beginSend(identity);
		}
	}

	claim(id: string): void {
		this.claimed.add(id);
	}

	isClaimed(id: string): boolean {
		return this.claimed.has(id);
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
	/** The resource's kind in messages, e.g. "traffic mirror session". */
	label: string;
	/**
	 * What the create is recognised by: a text for messages (`named "web-01"`) and the list filters that find every
	 * resource sharing it. Creates of one identity in one execution coordinate through the ledger.
	 */
	identity: { text: string; query: IDataObject };
	/** Whether a listed resource carries every field this create asked for (the list filters match loosely). */
	matches: (found: IDataObject) => boolean;
	/**
	 * The resources of this identity before the create, when the caller has just listed them (If Name Exists);
	 * otherwise the collection's note (`CreateLedger.noteOf`) stands for them, or they are listed here.
	 */
	before?: ApiItem[];
}

/**
 * Creates one resource, safely although the API takes no client token. Before the first attempt the IDs of what
 * exists are noted: the collection's note, at most NOTE_SERVES_MS old when this create starts, or the resources of
 * the create's identity in a collection beyond one page. After a failure that may have been processed, once this
 * execution's other creates of that identity have their answers, the identity is listed; the candidates are the
 * resources that match the request, were not noted before, and no other item of this execution has claimed. None:
 * nothing was made, and the create is sent again if retries remain. One: it is this item's. Several: the item
 * fails, saying that it may have been created and naming them, rather than guess.
 */
export async function createResource(
	this: IExecuteFunctions,
	transport: TransportContext,
	ledger: CreateLedger,
	request: CreateRequest,
): Promise<ApiItem> {
	const { itemIndex, path, key, listKey, identity } = request;
	const ledgerKey = `${path} ${JSON.stringify(identity.query)}`;
	const list = async () => await vpcApiRequestAllItems(transport, { path, key: listKey, qs: identity.query, itemIndex });
	const idsOf = (found: ApiItem[]) => new Set(found.map(({ data }) => data.id as string));
	const noted = request.before
		? idsOf(request.before)
		: ((await ledger.noteOf(path, transport.clock, async () => await collectionIds(transport, request))) ?? idsOf(await list()));
	await ledger.beginSend(ledgerKey);
	try {
		const response = await vpcApiRequest(transport, {
			method: 'POST',
			path,
			body: { [key]: request.body },
			itemIndex,
			idempotent: false,
			recover: async () =>
				await ledger.whileLooking(ledgerKey, async () => {
					const candidates = (await list()).filter(
						({ data }) => request.matches(data) && !noted.has(data.id as string) && !ledger.isClaimed(data.id as string),
					);
					if (candidates.length === 0) return undefined;
					if (candidates.length > 1) throw ambiguous(this, request, candidates);
					ledger.claim(candidates[0].data.id as string);
					return { [key]: candidates[0].data, request_id: candidates[0].requestId };
				}),
		});
		const made = { data: response[key] as IDataObject, requestId: response.request_id };
		ledger.claim(made.data.id as string);
		return made;
	} finally {
		ledger.endSend(ledgerKey);
	}
}

/** The IDs in the create's collection, when it fits one page. */
async function collectionIds(transport: TransportContext, request: CreateRequest): Promise<CollectionIds> {
	const { path, listKey, itemIndex } = request;
	const response = await vpcApiRequest(transport, { method: 'GET', path, qs: { limit: MAX_PAGE_SIZE }, itemIndex });
	if (((response.page_info ?? {}) as IDataObject).next_marker !== undefined) return undefined;
	return new Set(((response[listKey] ?? []) as IDataObject[]).map((data) => data.id as string));
}

function ambiguous(context: IExecuteFunctions, request: CreateRequest, candidates: ApiItem[]): NodeOperationError {
	const ids = candidates.map(({ data }) => data.id as string);
	return new NodeOperationError(
		context.getNode(),
		`The ${request.label} ${request.identity.text} may have been created, but its answer was lost and ${ids.length} new ones match it: ${ids.join(', ')}`,
		{
			itemIndex: request.itemIndex,
			description:
				`These ${request.label}s match what this item asked for, did not exist before it was first sent, and no other item of this execution took them as its own. ` +
				'One of them may be this item\'s (others may have been made by someone else at the same time). It was not sent again: check them before running the item again, or it may be created twice.',
		},
	);
}
