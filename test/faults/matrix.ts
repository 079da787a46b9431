/**
 * The fault matrix: every operation × every way its request can end (endings.ts) × concurrency 1 and 4 × what exists
 * before the run (none, a lookalike resource made an hour before, or for creates twins: two items of one identity
 * that differ in one field). A cell runs the node through n8n's engine against a fresh emulator whose scripted fault
 * strikes the operation's first request (or the first list it makes), then judges the run by what the emulator holds
 * afterwards (judges.ts). A cell passes when no invariant is broken; a broken one is reported by name:
 *
 * - created twice: no resource was created more often than the items asked for (twins: each set of fields);
 * - reported created but was not: every resource an item output exists, was made by this run (unless the item was
 *   meant to return an existing one), and matches what the item asked for;
 * - another item's resource: every resource an item output carries every field the item sent (IDs compared
 *   canonically), and is not a resource another item named;
 * - reported failed but succeeded: every change that happened was output by its item, or the item's error says that
 *   it may have happened;
 * - unknown not said: an item that failed after an ending that leaves its outcome unknown (answer lost, cut, late,
 *   5xx, 2xx of the wrong shape), or whose change did happen, says that it may have happened;
 * - reported done but was not: every change an item reported is in the world, as it reported it;
 * - claimed what did not happen: a delete output `deleted: true` only for a resource that existed before the run and
 *   is gone, a source change reported success only when the world has it;
 * - read not as the world is: a Get or Get Many item outputs exactly the resource it names, field by field;
 * - passing fault not ridden out: after a fault that retries can overcome, each item ends as it would have without it;
 * - credentials sent elsewhere: no request reached any origin but the endpoint;
 * - secret in the output: neither the secret key nor the security token appears in any item or error, in any
 *   spelling (raw, JSON-escaped, URL-encoded);
 * - crashed: no error is a JavaScript error's text (`Cannot read properties`, `is not a function`, `undefined`);
 * - unbounded: the run sent at most MAX_REQUESTS_PER_ITEM requests per item (an endless list is stopped past that);
 * - order or pairing broken: one output item per input item (Get Many: its resources), in input order, each paired
 *   with its input;
 * - redirect not reported: a redirect fails its item with an error naming the status and the location;
 * - another resource touched: resources the run was not asked to change are unchanged;
 * - IAM action not named: a 403 fails its item with an error naming the IAM action the refused request needs;
 * - sent after cancellation: once the execution is cancelled, no request is sent (pauses before retries end);
 * - rerun did not converge: Mirror Server and Stop Mirroring Server run their items once more with no fault, and every
 *   item then succeeds, leaving each port mirrored once (or nowhere) and no session empty; at any time, a port in two
 *   sessions to the target, a session over 10 sources, or more sessions than needed counts as created twice.
 *
 * Combinations that cannot differ are left out: twins run for creates only, and of the session creates only with
 * Create Another; Get, Get Many and the delete of an ID that never existed run without lookalike (a read by ID, and an
 * ID that never existed, have no resource of the same name to mistake); the echoed secrets run at concurrency 1
 * without lookalike (they test how one refused answer is reported); each ending's `appliesTo` says which operations it
 * can strike at all (endings.ts).
 */
import type { INodeExecutionData } from 'n8n-workflow';

import type { ScriptedFault } from '../../emulator/options';
import { startEmulator } from '../../emulator/server';
import { n8nClock } from '../../nodes/HuaweiCloudVpc/transport/clock';
import { CUSTOM_ENDPOINT } from '../../credentials/common/huaweiCloud/endpoint';
import { runNode } from '../helpers/engine';
import { startForeignOrigin, type ForeignOrigin } from '../helpers/foreign-origin';
import { deepText } from '../helpers/secrets';
import { ENDINGS, RETRY_AFTER_SECONDS, type Ending } from './endings';
import { firstLine, outcomeOf, type Outcome } from './judges';
import type { Lookalike, Operation } from './operations';
import { SECURITY_TOKEN, SET_UP_AGE_SECONDS, World } from './world';

export { OPERATIONS } from './operations';

/** Generous: a create that lists, recovers and retries needs a dozen. */
const MAX_REQUESTS_PER_ITEM = 50;

/** Error texts of JavaScript's own, which no message written for a user contains. */
const CRASH = /Cannot read propert|Cannot set propert|is not a function|is not iterable|Cannot convert undefined|\bundefined\b/;

// ─── Cells ──────────────────────────────────────────────────────────────────────────────────────────────────────────

export interface Cell {
	operation: Operation;
	ending: Ending;
	concurrency: 1 | 4;
	lookalike: Lookalike;
}

const LOOKALIKE_NAMES: Record<Lookalike, string> = {
	none: 'without lookalike',
	lookalike: 'with lookalike',
	twins: 'with twins',
};

export function cellName({ operation, ending, concurrency, lookalike }: Cell): string {
	return `${operation.name} × ${ending.name} × concurrency ${concurrency} × ${LOOKALIKE_NAMES[lookalike]}`;
}

/** Every cell of these operations, as `[name, cell]` rows for `test.each`. */
export function cellsOf(operations: Operation[]): Array<[string, Cell]> {
	const cells: Cell[] = operations.flatMap((operation) =>
		ENDINGS.filter((ending) => ending.appliesTo?.(operation) ?? true).flatMap((ending) =>
			(ending.alone ? ([1] as const) : ([1, 4] as const)).flatMap((concurrency) =>
				(ending.alone ? operation.lookalikes.slice(0, 1) : operation.lookalikes).map((lookalike) => ({
					operation,
					ending,
					concurrency,
					lookalike,
				})),
			),
		),
	);
	return cells.map((cell) => [cellName(cell), cell]);
}

/** Every way a secret can be spelt in a body: as it is, JSON-escaped (`/` as `\/`), URL-encoded (either hex case). */
function spellings(secret: string): string[] {
	const encoded = encodeURIComponent(secret);
	return [...new Set([secret, secret.replace(/\//g, '\\/'), encoded, encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())])];
}

/** Every string in a value (keys included), as the strings themselves: an escape is seen as it is, not re-escaped. */
function stringsOf(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(stringsOf);
	if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, item]) => [key, ...stringsOf(item)]);
	return [];
}

const missing: Outcome = { ok: false, text: 'no output item' };

/** Per input item, what it output: Get Many outputs any number, each paired with its input. */
function outputsOf(operation: Operation, items: INodeExecutionData[], count: number): Outcome[][] {
	if (operation.outputs === 'one') return Array.from({ length: count }, (_, index) => [outcomeOf(items[index]) ?? missing]);
	return Array.from({ length: count }, (_, index) =>
		items.filter((item) => pairedIndex(item) === index).map((item) => outcomeOf(item) ?? missing),
	);
}

const pairedIndex = (item: INodeExecutionData) => (item.pairedItem as { item?: number } | undefined)?.item;

/** Runs one cell and returns the invariants it broke, each named; an empty list is a passing cell. */
export async function runCell({ operation, ending, concurrency, lookalike }: Cell): Promise<string[]> {
	const emulator = await startEmulator({ port: 0, securityToken: SECURITY_TOKEN });
	let foreign: ForeignOrigin | undefined;
	try {
		foreign = await startForeignOrigin();
		const world = new World(emulator);
		// What the cell sets up is an hour old when the run starts: it clearly existed before.
		emulator.setTimestampOffset(-SET_UP_AGE_SECONDS);
		const prepared = await operation.prepare(world, { lookalike, upperCase: ending.upperCaseIds === true });
		emulator.setTimestampOffset(0);
		const struck = ending.strikes === 'list' ? operation.listOperation : operation.apiOperation;
		const faults: ScriptedFault[] = ending.fault ? [ending.fault(foreign.origin), ...(ending.then ? [ending.then] : [])] : [];
		emulator.setFaults({
			retryAfterSeconds: RETRY_AFTER_SECONDS,
			script: faults.map((fault) => ({ operation: struck, ...fault })),
		});
		const { secretAccessKey, accessKeyId, projectId } = emulator.options;
		const bound = MAX_REQUESTS_PER_ITEM * prepared.items.length;
		let cancelled = false;
		let sentAfterCancel = 0;
		let sent = 0;
		const run = async () => await runNode({
			parameters: {
				...prepared.parameters,
				requestOptions: { maxConcurrentRequests: concurrency, ...ending.requestOptions },
			},
			credentials: {
				accessKeyId,
				secretAccessKey,
				projectId,
				securityToken: SECURITY_TOKEN,
				region: CUSTOM_ENDPOINT,
				endpoint: emulator.url,
			},
			items: prepared.items,
			settings: { onError: 'continueRegularOutput' },
			// Pauses between retries take no time (the engine's default clock), since a cell judges what happened, not
			// how long the node waited; only a cancellation needs n8n's own clock, whose pause it must cut short.
			clock: ending.cancelled ? n8nClock : undefined,
			onRequest: () => {
				if (cancelled) sentAfterCancel++;
				// A node that would follow an endless list for ever is stopped: the next page it asks for is refused.
				if (++sent === bound + 1 && ending.endless) emulator.setFaults({ script: [] });
			},
			cancel: ending.cancelled
				? (async () => {
						while (emulator.counters().faults.throttled === 0) await new Promise((resolve) => setTimeout(resolve, 1));
						cancelled = true;
					})()
				: undefined,
		});
		const result = await run();
		// A fault the run never met (or an endless one) must not strike the judge's own reads.
		emulator.setFaults({ script: [] });

		const violations: string[] = [];
		if (ending.cancelled) {
			if (sentAfterCancel > 0) {
				violations.push(`sent after cancellation: ${sentAfterCancel} request(s) were sent after the execution was cancelled`);
			}
		} else {
			if (result.error) violations.push(`order or pairing broken: the run failed as a whole: ${result.error.message}`);
			const pairing = result.items.map(pairedIndex);
			const inOrder =
				operation.outputs === 'one'
					? JSON.stringify(pairing) === JSON.stringify(prepared.items.map((_, item) => item))
					: pairing.every((item, index) => item !== undefined && item < prepared.items.length && item >= (pairing[index - 1] ?? 0));
			if (!inOrder) {
				violations.push(`order or pairing broken: paired items ${result.items.map((item) => JSON.stringify(item.pairedItem)).join(', ')}`);
			}
		}
		const outputs = outputsOf(operation, result.items, prepared.items.length);
		const outcomes = outputs.map((output) => output[0] ?? missing);
		if (foreign.requests.length > 0) {
			const headers = foreign.requests.flatMap((request) =>
				['authorization', 'x-security-token'].filter((name) => request.headers[name] !== undefined),
			);
			violations.push(
				`credentials sent elsewhere: ${foreign.requests.length} request(s) reached ${foreign.origin}` +
					(headers.length > 0 ? `, carrying ${[...new Set(headers)].join(' and ')}` : ''),
			);
		}
		const everything = stringsOf(JSON.parse(`[${deepText(result.items) || 'null'},${deepText(result.error) || 'null'}]`));
		const leaked = [secretAccessKey, SECURITY_TOKEN].flatMap(spellings).filter((spelling) => everything.some((text) => text.includes(spelling)));
		if (leaked.length > 0) {
			violations.push(`secret in the output: the secret key or the security token appears in an item, spelt ${leaked.join(' and ')}`);
		}
		const errors = [
			...outputs.flatMap((output, index) => output.flatMap((outcome) => (outcome.ok ? [] : [{ who: `item ${index}`, text: firstLine(outcome.text) }]))),
			...(result.error ? [{ who: 'the run', text: result.error.message }] : []),
		];
		for (const { who, text } of errors.filter(({ text }) => CRASH.test(text))) violations.push(`crashed: ${who} failed with ${text}`);
		if (sent > bound) violations.push(`unbounded: ${sent} requests for ${prepared.items.length} items, more than ${MAX_REQUESTS_PER_ITEM} per item`);
		if (ending.name === 'redirect to another origin') {
			const reported = outcomes.some((outcome) => !outcome.ok && /\b302\b/.test(outcome.text) && outcome.text.includes(foreign!.origin));
			if (!reported) violations.push('redirect not reported: no item failed with an error naming the 302 and its location');
		}
		if (ending.name === '403 permission denied') {
			const named = outcomes.some((outcome) => !outcome.ok && outcome.text.includes(operation.iamAction));
			if (!named) violations.push(`IAM action not named: no item's error names ${operation.iamAction}, which the refused request needs`);
		}
		violations.push(...(await prepared.judge({ ending, outcomes, outputs })));
		if (prepared.judgeRerun && !ending.cancelled) {
			const again = await run();
			violations.push(...(await prepared.judgeRerun(outputsOf(operation, again.items, prepared.items.length).map((output) => output[0] ?? missing))));
		}
		return violations;
	} finally {
		await foreign?.close();
		await emulator.close();
	}
}
