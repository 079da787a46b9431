/** The ways a cell's requests can end: one scripted fault (rarely two), or none. */
import type { IDataObject } from 'n8n-workflow';

import type { ScriptedFault } from '../../emulator/options';

/** The Timeout request option of the timeout cells, and how late the emulator answers there. */
export const TIMEOUT_MS = 300;
export const LATE_ANSWER_MS = 2 * TIMEOUT_MS;
export const RETRY_AFTER_SECONDS = 2;

/** What an ending needs to know of an operation to tell whether it applies. */
export interface OperationTraits {
	/** What the operation does: a create, a change of an existing resource, or a read. */
	group: 'create' | 'update' | 'delete' | 'sources' | 'get' | 'getMany' | 'contain';
	/** The list API its plain run calls (a create's note of what exists, Get Many), if any. */
	listOperation?: string;
	/** Whether its items name resources by ID (whose case a user may change). */
	takesIds: boolean;
}

export interface Ending {
	name: string;
	/** The fault of the struck request; none for a plain answer. */
	fault?: (foreignOrigin: string) => ScriptedFault;
	/** A second fault, for the next request of the same operation. */
	then?: ScriptedFault;
	/** Which request the fault strikes: the operation's own (default), or the first of the list it makes. */
	strikes?: 'own' | 'list';
	/** Retries can overcome it: every item must end as it would without the fault. */
	passing: boolean;
	/**
	 * From the node's side, the struck request may or may not have been processed: an item that fails must say that
	 * its change may have happened.
	 */
	ambiguous?: boolean;
	/** The execution is cancelled while the node pauses before a retry. */
	cancelled?: boolean;
	/** The fault stays until the matrix clears it (endless pages): a node that does not stop is stopped. */
	endless?: boolean;
	/** The node's Request Options for this ending. */
	requestOptions?: IDataObject;
	/** The items name every resource by its ID in upper case. */
	upperCaseIds?: boolean;
	/**
	 * Neither the concurrency nor a lookalike can change what it tests (how one refused request's body is reported):
	 * run at concurrency 1 without lookalike only.
	 */
	alone?: boolean;
	/** The operations it can strike; every operation when absent. */
	appliesTo?: (operation: OperationTraits) => boolean;
}

/** A 204 has no body to lack a resource or to be shaped wrongly. */
const answersWithBody = (operation: OperationTraits) => operation.group !== 'delete';
/** Get Many's own request is its list: the list endings strike it already. */
const answersWithResource = (operation: OperationTraits) => answersWithBody(operation) && operation.group !== 'getMany';
const makesLists = (operation: OperationTraits) => operation.listOperation !== undefined;

export const ENDINGS: Ending[] = [
	{ name: 'answer', passing: true },
	{ name: '429', fault: () => ({ throttle: true }), passing: true },
	{ name: '503 before processing', fault: () => ({ status: 503 }), passing: true, ambiguous: true },
	{ name: '503 after processing', fault: () => ({ status: 503, when: 'after' }), passing: true, ambiguous: true },
	// A 500 is not retried (the service failed on this very request), so its item may fail, saying what may have happened.
	{ name: '500 after processing', fault: () => ({ status: 500, when: 'after' }), passing: false, ambiguous: true },
	{ name: 'connection dropped before processing', fault: () => ({ drop: 'before' }), passing: true, ambiguous: true },
	{ name: 'connection dropped after processing', fault: () => ({ drop: 'after' }), passing: true, ambiguous: true },
	{
		name: 'timeout',
		fault: () => ({ lateAnswerMs: LATE_ANSWER_MS }),
		passing: true,
		ambiguous: true,
		requestOptions: { timeout: TIMEOUT_MS },
	},
	{ name: 'redirect to another origin', fault: (origin) => ({ redirect: origin }), passing: false },
	{ name: 'malformed body', fault: () => ({ malformed: 'truncated' }), passing: true, ambiguous: true },
	{ name: '403 permission denied', fault: () => ({ status: 403 }), passing: false },
	// A 429 whose Retry-After the node must not wait out once the execution is cancelled (n8n's Stop button).
	{ name: 'cancelled during a pause', fault: () => ({ throttle: true }), passing: false, cancelled: true },
	// The answer's head arrives with the whole Content-Length, then half the body, then the connection breaks.
	{ name: 'cut body', fault: () => ({ cut: true }), passing: true, ambiguous: true },
	// Nothing left to retry: the item either finds out what happened or says that it may have happened.
	{
		name: 'late answer with no retry left',
		fault: () => ({ lateAnswerMs: LATE_ANSWER_MS }),
		passing: false,
		ambiguous: true,
		requestOptions: { timeout: TIMEOUT_MS, maxRetries: 0 },
	},
	{
		name: '2xx without the resource',
		fault: () => ({ wrongShape: 'withoutResource' }),
		passing: true,
		ambiguous: true,
		appliesTo: answersWithBody,
	},
	{
		name: 'wrong-shaped body (a string for the resource)',
		fault: () => ({ wrongShape: 'string' }),
		passing: true,
		ambiguous: true,
		appliesTo: answersWithResource,
	},
	// A list answered 200 in the wrong shape is re-read, as any answer lost on the way: nothing changed.
	{
		name: 'wrong-shaped list (the list key missing)',
		fault: () => ({ wrongShape: 'empty' }),
		strikes: 'list',
		passing: true,
		appliesTo: makesLists,
	},
	{
		name: 'wrong-shaped list (a string for the list)',
		fault: () => ({ wrongShape: 'string' }),
		strikes: 'list',
		passing: true,
		appliesTo: makesLists,
	},
	{ name: 'echoed secret (raw)', fault: () => ({ echoSecret: 'raw' }), passing: false, alone: true },
	{ name: 'echoed secret (JSON-escaped)', fault: () => ({ echoSecret: 'json' }), passing: false, alone: true },
	{ name: 'echoed secret (URL-encoded)', fault: () => ({ echoSecret: 'url' }), passing: false, alone: true },
	// Operations whose plain run lists nothing (updates, deletes, source changes, Get) are not struck by it.
	{
		name: 'empty-page loop',
		fault: () => ({ endlessPages: true }),
		strikes: 'list',
		passing: false,
		endless: true,
		appliesTo: makesLists,
	},
	// No fault: the items give every ID in upper case, and must end as they do in lower case.
	{ name: 'mixed-case IDs', passing: true, upperCaseIds: true, appliesTo: (operation) => operation.takesIds },
	// One create processed and answered 500, the next refused with 503: neither may take the other's resource.
	{
		name: '500 after processing, then 503 before processing',
		fault: () => ({ status: 500, when: 'after' }),
		then: { status: 503 },
		passing: false,
		ambiguous: true,
		appliesTo: (operation) => operation.group === 'create',
	},
];
