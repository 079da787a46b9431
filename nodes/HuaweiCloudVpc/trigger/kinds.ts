import { filterFields, filterIdField } from '../fields/filter.fields';
import { filterRuleFields, filterRuleIdField } from '../fields/filterRule.fields';
import { sessionFields, sessionIdField } from '../fields/session.fields';
import * as filter from '../actions/trafficMirrorFilter/filter.resource';
import * as rule from '../actions/trafficMirrorFilterRule/rule.resource';
import * as session from '../actions/trafficMirrorSession/session.resource';

export type Change = 'created' | 'changed' | 'deleted';

const CHANGES: readonly Change[] = ['created', 'changed', 'deleted'];

/** A kind of resource the trigger watches: where it is listed, and which of its fields a change is told by. */
export interface WatchedKind {
	/** The action node's Resource value, e.g. `trafficMirrorSession`: an event's `resource`. */
	resource: string;
	/** Starts its events' names: `session` gives `sessionCreated`, `sessionChanged`, `sessionDeleted`. */
	eventPrefix: string;
	/** In messages, e.g. "Traffic Mirror Session". */
	displayName: string;
	path: string;
	/** The list's key in the list API's answer, e.g. `traffic_mirror_sessions`. */
	listKey: string;
	/** The resource's key in an event, e.g. `traffic_mirror_session`, as in the API's answers. */
	itemKey: string;
	/**
	 * The API fields compared from one poll to the next: the fields the resource is created and updated with, declared
	 * in fields/. What the service alone sets (`created_at`, `updated_at`, a filter's rule lists, which have events of
	 * their own) is not compared.
	 */
	fields: readonly string[];
}

const apiNames = (fields: Record<string, { apiName: string }>) => Object.values(fields).map(({ apiName }) => apiName);

/** In the order a poll lists them and reports their events. */
export const WATCHED_KINDS: readonly WatchedKind[] = [
	{
		resource: session.RESOURCE,
		eventPrefix: 'session',
		displayName: sessionIdField.displayName,
		path: session.SESSIONS_PATH,
		listKey: session.SESSIONS_KEY,
		itemKey: session.SESSION_KEY,
		fields: apiNames(sessionFields),
	},
	{
		resource: filter.RESOURCE,
		eventPrefix: 'filter',
		displayName: filterIdField.displayName,
		path: filter.FILTERS_PATH,
		listKey: filter.FILTERS_KEY,
		itemKey: filter.FILTER_KEY,
		fields: apiNames(filterFields),
	},
	{
		resource: rule.RESOURCE,
		eventPrefix: 'filterRule',
		displayName: filterRuleIdField.displayName,
		path: rule.RULES_PATH,
		listKey: rule.RULES_KEY,
		itemKey: rule.RULE_KEY,
		fields: apiNames(filterRuleFields),
	},
];

/** An event's name, as the node's Events parameter offers it: `sessionCreated`, `filterRuleDeleted`, … */
export function eventName(kind: WatchedKind, change: Change): string {
	return `${kind.eventPrefix}${change[0].toUpperCase()}${change.slice(1)}`;
}

/** Every event the trigger can fire, in the order of WATCHED_KINDS, created before changed before deleted. */
export const EVENT_NAMES: readonly string[] = WATCHED_KINDS.flatMap((kind) => CHANGES.map((change) => eventName(kind, change)));

/** The kinds that one of the chosen events is of: only those are listed. */
export function kindsOf(events: ReadonlySet<string>): WatchedKind[] {
	return WATCHED_KINDS.filter((kind) => CHANGES.some((change) => events.has(eventName(kind, change))));
}

/** The change a sample of this kind stands for: the first of its events chosen. */
export function sampleChange(kind: WatchedKind, events: ReadonlySet<string>): Change {
	return CHANGES.find((change) => events.has(eventName(kind, change))) ?? 'created';
}
