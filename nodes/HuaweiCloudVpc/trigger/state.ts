import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../transport/request';
import type { Digests } from './diff';

/** The key of the trigger's state in the node's static data, which n8n saves with the workflow. */
export const STATE_KEY = 'watched';

/** Raised when what the state holds changes meaning: a state of another version is a baseline, never a diff. */
const STATE_VERSION = 1;

/**
 * The most resources of one kind the trigger keeps a digest of. A digest is a few hundred bytes (a session with ten
 * sources and a long description, about a kilobyte), and n8n writes the whole static data with the workflow each
 * time a poll fires: a project with more is refused by the poll, with its state left as it was.
 */
export const MAX_WATCHED = 1000;

/**
 * What the trigger keeps between polls: the digests of each kind it watches, by ID, and where they were taken (the
 * credential's endpoint and project). Digests of another endpoint or project, another version of the state, or of
 * a kind no longer chosen are not compared with: that kind's next listing is a baseline again.
 */
interface TriggerState {
	version: number;
	scope: string;
	kinds: Record<string, Digests>;
}

/** The digests kept for this scope, by resource; empty when there are none to compare with. */
export function readState(staticData: IDataObject, scope: string): Record<string, Digests> {
	const state = staticData[STATE_KEY];
	if (!isObject(state) || state.version !== STATE_VERSION || state.scope !== scope || !isObject(state.kinds)) return {};
	return Object.fromEntries(
		Object.entries(state.kinds).filter(
			(entry): entry is [string, Digests] => isObject(entry[1]) && Object.values(entry[1]).every(isObject),
		),
	);
}

/** Replaces the state with these digests: assigned at the top, so that n8n sees the static data changed and saves it. */
export function writeState(staticData: IDataObject, scope: string, kinds: Record<string, Digests>): void {
	const state: TriggerState = { version: STATE_VERSION, scope, kinds };
	staticData[STATE_KEY] = state as unknown as IDataObject;
}
