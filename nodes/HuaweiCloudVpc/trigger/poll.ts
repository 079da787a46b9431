import type { ICredentialDataDecryptedObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { resolveEndpoint } from '../../../credentials/common/huaweiCloud/endpoint';
import { n8nClock, type Clock } from '../transport/clock';
import { createTransportContext, type TransportContext } from '../transport/context';
import { vpcApiRequestAllItems } from '../transport/paginate';
import { DEFAULT_MAX_RETRIES } from '../transport/retry';
import { diffResources } from './diff';
import { chosenItems, sampleItem, type Listing } from './items';
import { EVENT_NAMES, kindsOf, type WatchedKind } from './kinds';
import { MAX_WATCHED, readState, writeState } from './state';

export const EVENTS_PARAMETER = 'events';

/**
 * A poll retries a failed list request until this long after it started, and lists no further kind after it. With
 * each attempt's Timeout below, a poll ends within about a minute, n8n's shortest poll interval.
 */
export const POLL_DEADLINE_MS = 40_000;
const POLL_TIMEOUT_MS = 20_000;

/**
 * One poll. It lists every kind of resource the chosen events are of, in full, before it touches its state; a
 * failed request or a listing past MAX_WATCHED throws (n8n shows the poll's error) and leaves the state as it was,
 * so the next poll reports what happened in between, once. Then it compares the listings with the digests kept in
 * the node's static data and returns the chosen events, or null when there are none. A kind without digests (the
 * first poll, or the first since it was chosen) is a baseline and fires nothing. In manual mode ("Fetch Test
 * Event") it returns the newest resource of those kinds as a sample and leaves the state alone.
 */
export async function pollMirrorEvents(this: IPollFunctions, clock: Clock = n8nClock): Promise<INodeExecutionData[][] | null> {
	const chosen = readChosenEvents(this);
	const transport = createTransportContext(this, { timeoutMs: POLL_TIMEOUT_MS, maxRetries: DEFAULT_MAX_RETRIES }, clock);
	const deadline = clock.now() + POLL_DEADLINE_MS;
	const listings: Listing[] = [];
	for (const kind of kindsOf(chosen)) listings.push({ kind, resources: await listKind(transport, kind, deadline) });
	const seenAt = new Date(clock.now()).toISOString();

	if (this.getMode() === 'manual') {
		const sample = sampleItem(listings, chosen, seenAt);
		return sample ? [[sample]] : null;
	}

	const staticData = this.getWorkflowStaticData('node');
	const scope = scopeOf((await transport.credential()).data ?? {});
	const previous = readState(staticData, scope);
	const items: INodeExecutionData[] = [];
	const digests: Parameters<typeof writeState>[2] = {};
	for (const { kind, resources } of listings) {
		const diff = diffResources(previous[kind.resource], resources, kind.fields);
		digests[kind.resource] = diff.digests;
		items.push(...chosenItems(kind, diff.events, chosen, seenAt));
	}
	writeState(staticData, scope, digests);
	return items.length > 0 ? [items] : null;
}

function readChosenEvents(context: IPollFunctions): Set<string> {
	const value = context.getNodeParameter(EVENTS_PARAMETER, []) as unknown;
	const chosen = new Set(Array.isArray(value) ? value.filter((event): event is string => typeof event === 'string') : []);
	const unknown = [...chosen].filter((event) => !EVENT_NAMES.includes(event));
	if (chosen.size > 0 && unknown.length === 0) return chosen;
	throw new NodeOperationError(
		context.getNode(),
		unknown.length > 0 ? `Unknown event ${unknown.map((event) => `"${event}"`).join(', ')}` : 'Choose at least one event',
		{ description: `Events are chosen from: ${EVENT_NAMES.join(', ')}.` },
	);
}

/** Every resource of a kind, or an error: one more than MAX_WATCHED is asked for, to know when there are too many. */
async function listKind(transport: TransportContext, kind: WatchedKind, deadline: number): Promise<Listing['resources']> {
	const { context, clock } = transport;
	if (clock.now() > deadline) {
		throw new NodeOperationError(context.getNode(), `The poll did not list the ${kind.displayName}s within ${POLL_DEADLINE_MS / 1000} s`, {
			description: 'Nothing was changed: the next poll lists everything again and reports what happened in between.',
		});
	}
	const found = await vpcApiRequestAllItems(transport, { path: kind.path, key: kind.listKey, limit: MAX_WATCHED + 1, deadline });
	if (found.length <= MAX_WATCHED) return found.map(({ data }) => data);
	throw new NodeOperationError(
		context.getNode(),
		`This project has more than ${MAX_WATCHED} ${kind.displayName}s, more than the trigger keeps track of`,
		{
			description: `The trigger keeps a digest of at most ${MAX_WATCHED} resources of each kind in the workflow. Nothing was changed; choose no events of this kind, or watch it another way.`,
		},
	);
}

/** Where the digests were taken: a credential switched to another endpoint or project starts a new baseline. */
function scopeOf(credential: ICredentialDataDecryptedObject): string {
	return `${resolveEndpoint(credential)} ${String(credential.projectId ?? '')}`;
}
