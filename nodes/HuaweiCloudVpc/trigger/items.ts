import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { ResourceEvent } from './diff';
import { eventName, sampleChange, type WatchedKind } from './kinds';

/** One kind's resources, as a poll listed them. */
export interface Listing {
	kind: WatchedKind;
	resources: IDataObject[];
}

/**
 * One event as the trigger outputs it: its name, the resource (the action node's Resource value) and its ID, the
 * fields that changed with their values before and after, the resource itself under its API key (e.g.
 * `traffic_mirror_session`), and when the poll saw it (ISO 8601).
 */
export function eventItem(kind: WatchedKind, event: ResourceEvent, seenAt: string): INodeExecutionData {
	return {
		json: {
			event: eventName(kind, event.change),
			resource: kind.resource,
			id: event.id,
			changes: event.changes as unknown as IDataObject,
			[kind.itemKey]: event.resource,
			seenAt,
		},
	};
}

/** The events a user chose, as output items. */
export function chosenItems(kind: WatchedKind, events: ResourceEvent[], chosen: ReadonlySet<string>, seenAt: string): INodeExecutionData[] {
	return events.filter((event) => chosen.has(eventName(kind, event.change))).map((event) => eventItem(kind, event, seenAt));
}

/**
 * What "Fetch Test Event" shows: the newest resource (by `created_at`) of the chosen kinds, shaped as an event of
 * it would be (the first of its kind's events chosen, without changes); undefined when there is none.
 */
export function sampleItem(listings: Listing[], chosen: ReadonlySet<string>, seenAt: string): INodeExecutionData | undefined {
	let newest: { kind: WatchedKind; resource: IDataObject; createdAt: string } | undefined;
	for (const { kind, resources } of listings) {
		for (const resource of resources) {
			const createdAt = typeof resource.created_at === 'string' ? resource.created_at : '';
			// Ties (created the same second) go to the later listed.
			if (!newest || createdAt >= newest.createdAt) newest = { kind, resource, createdAt };
		}
	}
	if (!newest) return undefined;
	const { kind, resource } = newest;
	const change = sampleChange(kind, chosen);
	return eventItem(kind, { change, id: resource.id as string, changes: {}, resource }, seenAt);
}
