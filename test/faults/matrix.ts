/**
 * The fault matrix: every operation that changes something × every way its request can end × concurrency 1 and 4 ×
 * with and without a lookalike resource already there. A cell runs the node through n8n's engine against a fresh
 * emulator whose scripted fault strikes the operation's first request, then judges the run by what the emulator
 * holds afterwards. A cell passes when no invariant is broken; a broken one is reported by name:
 *
 * - created twice: no resource was created more often than the items asked for;
 * - reported created but was not: every resource an item output exists, was made by this run (unless the item was
 *   meant to return an existing one), and matches what the item asked for;
 * - reported failed but succeeded: every change that happened was output by its item, or the item's error says that
 *   it may have happened;
 * - passing fault not ridden out: after a fault that retries can overcome, each item ends as it would have without it;
 * - credentials sent elsewhere: no request reached any origin but the endpoint;
 * - secret in the output: neither the secret key nor the security token appears in any item;
 * - order or pairing broken: one output item per input item, in input order, each paired with its input;
 * - redirect not reported: a redirect fails its item with an error naming the status and the location;
 * - another resource touched: resources the run was not asked to change are unchanged;
 * - IAM action not named: a 403 fails its item with an error naming the IAM action the refused request needs;
 * - sent after cancellation: once the execution is cancelled, no request is sent (pauses before retries end).
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { ScriptedFault } from '../../emulator/options';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { CUSTOM_ENDPOINT } from '../../nodes/HuaweiCloudVpc/transport/endpoint';
import { n8nClock } from '../../nodes/HuaweiCloudVpc/transport/clock';
import { signedRequest, TARGET_PORT_ID, v3Path } from '../emulator/helpers';
import { runNode } from '../helpers/engine';
import { startForeignOrigin, type ForeignOrigin } from '../helpers/foreign-origin';
import { byId } from '../helpers/parameters';
import { deepText } from '../helpers/secrets';

const SECURITY_TOKEN = 'matrix-security-token-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** The Timeout request option of the timeout cells, and how late the emulator answers there. */
const TIMEOUT_MS = 300;
const LATE_ANSWER_MS = 2 * TIMEOUT_MS;
const ITEMS = 4;
const MAY_HAVE = /may have been/i;

// ─── Endings ────────────────────────────────────────────────────────────────────────────────────────────────────────

export interface Ending {
	name: string;
	/** The fault of the operation's first request; none for a plain answer. */
	fault?: (foreignOrigin: string) => ScriptedFault;
	/** Retries can overcome it: every item must end as it would without the fault. */
	passing: boolean;
	/** The execution is cancelled while the node pauses before a retry. */
	cancelled?: boolean;
}

export const ENDINGS: Ending[] = [
	{ name: 'answer', passing: true },
	{ name: '429', fault: () => ({ throttle: true }), passing: true },
	{ name: '503 before processing', fault: () => ({ status: 503 }), passing: true },
	{ name: '503 after processing', fault: () => ({ status: 503, when: 'after' }), passing: true },
	// A 500 is not retried (the service failed on this very request), so its item may fail, saying what may have happened.
	{ name: '500 after processing', fault: () => ({ status: 500, when: 'after' }), passing: false },
	{ name: 'connection dropped before processing', fault: () => ({ drop: 'before' }), passing: true },
	{ name: 'connection dropped after processing', fault: () => ({ drop: 'after' }), passing: true },
	{ name: 'timeout', fault: () => ({ lateAnswerMs: LATE_ANSWER_MS }), passing: true },
	{ name: 'redirect to another origin', fault: (origin) => ({ redirect: origin }), passing: false },
	{ name: 'malformed body', fault: () => ({ malformed: 'truncated' }), passing: true },
	{ name: '403 permission denied', fault: () => ({ status: 403 }), passing: false },
	// A 429 whose Retry-After the node must not wait out once the execution is cancelled (n8n's Stop button).
	{ name: 'cancelled during a pause', fault: () => ({ throttle: true }), passing: false, cancelled: true },
];
const RETRY_AFTER_SECONDS = 2;

// ─── The world the emulator holds ───────────────────────────────────────────────────────────────────────────────────

type Kind = 'session' | 'filter' | 'rule';
type Resource = IDataObject & { id: string };

const KINDS: Record<
	Kind,
	{ path: string; key: string; listKey: string; resource: string; idParameter: string; apiName: string; iamResource: string }
> = {
	session: {
		path: 'traffic-mirror-sessions',
		key: 'traffic_mirror_session',
		listKey: 'traffic_mirror_sessions',
		resource: 'trafficMirrorSession',
		idParameter: 'trafficMirrorSessionId',
		apiName: 'Session',
		iamResource: 'trafficMirrorSessions',
	},
	filter: {
		path: 'traffic-mirror-filters',
		key: 'traffic_mirror_filter',
		listKey: 'traffic_mirror_filters',
		resource: 'trafficMirrorFilter',
		idParameter: 'trafficMirrorFilterId',
		apiName: 'Filter',
		iamResource: 'trafficMirrorFilters',
	},
	rule: {
		path: 'traffic-mirror-filter-rules',
		key: 'traffic_mirror_filter_rule',
		listKey: 'traffic_mirror_filter_rules',
		resource: 'trafficMirrorFilterRule',
		idParameter: 'trafficMirrorFilterRuleId',
		apiName: 'FilterRule',
		iamResource: 'trafficMirrorFilterRules',
	},
};

/** The emulator, read and written through its own signed API, with the security token the emulator requires. */
class World {
	private ports = 0;

	constructor(readonly emulator: RunningEmulator) {}

	async create(kind: Kind, fields: IDataObject): Promise<Resource> {
		const { path, key } = KINDS[kind];
		const answer = await signedRequest(this.emulator, 'POST', v3Path(path), {
			body: { [key]: fields },
			headers: { 'X-Security-Token': SECURITY_TOKEN },
		});
		if (answer.status !== 201) throw new Error(`Setting up the cell: ${kind} not created: ${answer.status} ${answer.text}`);
		return answer.json()[key] as Resource;
	}

	async list(kind: Kind): Promise<Map<string, Resource>> {
		const { path, listKey } = KINDS[kind];
		const answer = await signedRequest(this.emulator, 'GET', v3Path(path), {
			query: { limit: 2000 },
			headers: { 'X-Security-Token': SECURITY_TOKEN },
		});
		if (answer.status !== 200) throw new Error(`Reading the world: ${answer.status} ${answer.text}`);
		return new Map((answer.json()[listKey] as Resource[]).map((resource) => [resource.id, resource]));
	}

	/** A new network interface, so that no two sessions of a cell share a source. */
	port(): string {
		return this.emulator.addPort({ name: `matrix-port-${++this.ports}` }).id;
	}

	async session(filterId: string, fields: IDataObject = {}): Promise<Resource> {
		return await this.create('session', {
			traffic_mirror_filter_id: filterId,
			traffic_mirror_sources: [this.port()],
			traffic_mirror_target_id: TARGET_PORT_ID,
			traffic_mirror_target_type: 'eni',
			priority: 1,
			enabled: true,
			...fields,
		});
	}

	async rule(filterId: string, fields: IDataObject = {}): Promise<Resource> {
		return await this.create('rule', {
			traffic_mirror_filter_id: filterId,
			direction: 'ingress',
			protocol: 'TCP',
			ethertype: 'IPv4',
			action: 'accept',
			priority: 10,
			...fields,
		});
	}
}

// ─── What each item ended with ──────────────────────────────────────────────────────────────────────────────────────

type Outcome = { ok: true; json: IDataObject } | { ok: false; text: string };

function outcomeOf(item: INodeExecutionData | undefined): Outcome | undefined {
	if (!item) return undefined;
	const { error, description } = item.json;
	if (error === undefined) return { ok: true, json: item.json };
	return { ok: false, text: [error, description].filter(Boolean).join('\n') };
}

const firstLine = (text: string) => text.split('\n')[0];

export interface Judgement {
	ending: Ending;
	outcomes: Outcome[];
}

// ─── Operations ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** A cell's set-up: the node's parameters and input items, and the judge of what the run left behind. */
interface Prepared {
	parameters: INodeParameters;
	items: IDataObject[];
	judge(run: Judgement): Promise<string[]>;
}

export interface Operation {
	name: string;
	/** The emulator's name of the operation's own request, the one the cell's fault strikes. */
	apiOperation: string;
	/** The IAM action that request needs (spec §1), which a 403 must name. */
	iamAction: string;
	prepare(world: World, lookalike: boolean): Promise<Prepared>;
}

type NamePolicy = 'createAnother' | 'returnExisting' | 'fail';

interface CreateSpec {
	kind: Kind;
	policy: NamePolicy;
	/** The identity a create is recognised by (sessions and filters: the name). */
	identity: (fields: IDataObject) => string;
	/** Whether a resource carries the fields an item asked for. */
	matches: (resource: IDataObject, item: IDataObject) => boolean;
}

/**
 * Judges a create: each identity created no more often than allowed, every output resource real, new (unless
 * returned as existing) and the one asked for, every created resource output or owned up to by a failed item.
 */
function judgeCreates(
	spec: CreateSpec,
	world: World,
	items: IDataObject[],
	before: Map<string, Resource>,
	lookalikeId: string | undefined,
): Prepared['judge'] {
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
		// A cancelled execution reports nothing per item.
		if (ending.cancelled) return violations;
		const outputBy = new Map<string, number>();
		for (const [index, outcome] of outcomes.entries()) {
			const item = items[index];
			const key = identity(item);
			if (!outcome.ok) {
				const samePolicyFailure =
					policy === 'fail' &&
					/already exists/.test(outcome.text) &&
					(key === lookalikeIdentity || items.slice(0, index).some((earlier) => identity(earlier) === key));
				if (!samePolicyFailure && ending.passing) {
					violations.push(`passing fault not ridden out: item ${index} failed: ${firstLine(outcome.text)}`);
				}
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
		for (const resource of created) {
			if (outputBy.has(resource.id)) continue;
			const owned = outcomes.some(
				(outcome, index) => !outcome.ok && identity(items[index]) === identity(resource) && MAY_HAVE.test(outcome.text),
			);
			if (!owned) {
				violations.push(
					`reported failed but succeeded: ${kind} ${resource.id} ("${identity(resource)}") was created, yet no item output it and no error says it may have been`,
				);
			}
		}
		return violations;
	};
}

interface ChangeSpec {
	kind: Kind;
	/** The resources the items change, one per item, in item order. */
	targets: string[];
	/** Whether the change item `index` asked for is in the world. */
	done(after: Map<string, Resource>, index: number): boolean;
	/** Why item `index`'s output is wrong, or undefined when it is right. */
	wrongOutput(json: IDataObject, index: number): string | undefined;
}

/**
 * Judges updates, deletes and source changes: every success output the right resource and its change is in the
 * world, every change in the world was output or owned up to, and resources the run was not asked to change stayed.
 */
function judgeChanges(spec: ChangeSpec, world: World, before: Map<string, Resource>): Prepared['judge'] {
	return async ({ ending, outcomes }) => {
		const violations: string[] = [];
		const after = await world.list(spec.kind);
		// A cancelled execution reports nothing per item.
		for (const [index, outcome] of ending.cancelled ? [] : outcomes.entries()) {
			const done = spec.done(after, index);
			if (outcome.ok) {
				const wrong = spec.wrongOutput(outcome.json, index);
				if (wrong) violations.push(`reported done but was not: item ${index} ${wrong}`);
				else if (!done) violations.push(`reported done but was not: item ${index}'s change is not in the world`);
				continue;
			}
			if (done && !MAY_HAVE.test(outcome.text)) {
				violations.push(`reported failed but succeeded: item ${index}'s change happened, yet its error does not say it may have: ${firstLine(outcome.text)}`);
			}
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

const sessionMatches = (filterId: string) => (session: IDataObject, item: IDataObject) =>
	session.name === item.name &&
	session.traffic_mirror_filter_id === filterId &&
	session.traffic_mirror_target_id === TARGET_PORT_ID &&
	session.priority === 1;

const POLICY_NAMES: Record<NamePolicy, string> = {
	createAnother: 'Create Another',
	returnExisting: 'Return Existing',
	fail: 'Fail',
};

/** Two items share a name, so that concurrency 4 has two creates of one name in flight. */
const names = (prefix: string) => [`${prefix}-a`, `${prefix}-a`, `${prefix}-b`, `${prefix}-c`].map((name) => ({ name }));

function sessionCreate(policy: NamePolicy): Operation {
	return {
		name: `session create (${POLICY_NAMES[policy]})`,
		apiOperation: 'CreateTrafficMirrorSession',
		iamAction: 'vpc:trafficMirrorSessions:create',
		prepare: async (world, lookalike) => {
			const filter = await world.create('filter', { name: 'matrix' });
			const source = world.port();
			const lookalikeId = lookalike
				? (await world.session(filter.id, { name: 'web-a', traffic_mirror_sources: [source] })).id
				: undefined;
			const items = names('web');
			const before = await world.list('session');
			return {
				parameters: {
					resource: 'trafficMirrorSession',
					operation: 'create',
					name: '={{ $json.name }}',
					trafficMirrorFilterId: byId(filter.id),
					trafficMirrorSources: source,
					trafficMirrorTargetType: 'eni',
					trafficMirrorTargetId: byId(TARGET_PORT_ID),
					priority: 1,
					ifNameExists: policy,
				},
				items,
				judge: judgeCreates(
					{ kind: 'session', policy, identity: (fields) => fields.name as string, matches: sessionMatches(filter.id) },
					world,
					items,
					before,
					lookalikeId,
				),
			};
		},
	};
}

const filterCreate: Operation = {
	name: 'filter create',
	apiOperation: 'CreateTrafficMirrorFilter',
	iamAction: 'vpc:trafficMirrorFilters:create',
	prepare: async (world, lookalike) => {
		const lookalikeId = lookalike ? (await world.create('filter', { name: 'filter-a' })).id : undefined;
		const items = names('filter');
		const before = await world.list('filter');
		return {
			parameters: { resource: 'trafficMirrorFilter', operation: 'create', name: '={{ $json.name }}' },
			items,
			judge: judgeCreates(
				{
					kind: 'filter',
					policy: 'createAnother',
					identity: (fields) => fields.name as string,
					matches: (filter, item) => filter.name === item.name,
				},
				world,
				items,
				before,
				lookalikeId,
			),
		};
	},
};

const ruleCreate: Operation = {
	name: 'rule create',
	apiOperation: 'CreateTrafficMirrorFilterRule',
	iamAction: 'vpc:trafficMirrorFilterRules:create',
	prepare: async (world, lookalike) => {
		const filter = await world.create('filter', { name: 'matrix' });
		const lookalikeId = lookalike ? (await world.rule(filter.id, { direction: 'ingress', priority: 10 })).id : undefined;
		// Two items ask for the same direction and priority, as two items of one name do for sessions.
		const items = [
			{ direction: 'ingress', priority: 10 },
			{ direction: 'ingress', priority: 10 },
			{ direction: 'egress', priority: 10 },
			{ direction: 'ingress', priority: 20 },
		];
		const before = await world.list('rule');
		return {
			parameters: {
				resource: 'trafficMirrorFilterRule',
				operation: 'create',
				trafficMirrorFilterId: byId(filter.id),
				direction: '={{ $json.direction }}',
				protocol: 'TCP',
				ethertype: 'IPv4',
				action: 'accept',
				priority: '={{ $json.priority }}',
			},
			items,
			judge: judgeCreates(
				{
					kind: 'rule',
					policy: 'createAnother',
					identity: (fields) => `${fields.direction as string} ${fields.priority as number}`,
					matches: (rule, item) =>
						rule.traffic_mirror_filter_id === filter.id &&
						rule.direction === item.direction &&
						rule.priority === item.priority &&
						rule.protocol === 'TCP' &&
						rule.action === 'accept',
				},
				world,
				items,
				before,
				lookalikeId,
			),
		};
	},
};

/**
 * Four resources of a kind to change, and with a lookalike a fifth that shares the first one's name (for rules: its
 * filter, direction and priority), which must stay as it is.
 */
async function targetsOf(world: World, kind: Kind, lookalike: boolean): Promise<{ targets: string[]; filterId: string }> {
	const filter = await world.create('filter', { name: 'matrix-home' });
	const make = async (index: number): Promise<Resource> => {
		if (kind === 'session') return await world.session(filter.id, { name: `target-${index % ITEMS}` });
		if (kind === 'filter') return await world.create('filter', { name: `target-${index % ITEMS}` });
		return await world.rule(filter.id, { priority: 10 + (index % ITEMS) });
	};
	const targets: string[] = [];
	for (let index = 0; index < ITEMS; index++) targets.push((await make(index)).id);
	if (lookalike) await make(ITEMS);
	return { targets, filterId: filter.id };
}

function update(kind: Kind): Operation {
	return {
		name: `${kind} update`,
		apiOperation: `UpdateTrafficMirror${KINDS[kind].apiName}`,
		iamAction: `vpc:${KINDS[kind].iamResource}:update`,
		prepare: async (world, lookalike) => {
			const { targets } = await targetsOf(world, kind, lookalike);
			const wanted = (index: number) => `changed by item ${index}`;
			const before = await world.list(kind);
			return {
				parameters: {
					resource: KINDS[kind].resource,
					operation: 'update',
					[KINDS[kind].idParameter]: byId('={{ $json.id }}'),
					updateFields: { description: '={{ $json.description }}' },
				},
				items: targets.map((id, index) => ({ id, description: wanted(index) })),
				judge: judgeChanges(
					{
						kind,
						targets,
						done: (after, index) => after.get(targets[index])?.description === wanted(index),
						wrongOutput: (json, index) =>
							json.id !== targets[index]
								? `output ${kind} ${json.id as string} instead of ${targets[index]}`
								: json.description !== wanted(index)
									? `output a description of ${JSON.stringify(json.description)}`
									: undefined,
					},
					world,
					before,
				),
			};
		},
	};
}

function remove(kind: Kind): Operation {
	return {
		name: `${kind} delete`,
		apiOperation: `DeleteTrafficMirror${KINDS[kind].apiName}`,
		iamAction: `vpc:${KINDS[kind].iamResource}:delete`,
		prepare: async (world, lookalike) => {
			const { targets } = await targetsOf(world, kind, lookalike);
			const before = await world.list(kind);
			return {
				parameters: { resource: KINDS[kind].resource, operation: 'delete', [KINDS[kind].idParameter]: byId('={{ $json.id }}') },
				items: targets.map((id) => ({ id })),
				judge: judgeChanges(
					{
						kind,
						targets,
						done: (after, index) => !after.has(targets[index]),
						wrongOutput: (json, index) =>
							json.id !== targets[index] || json.deleted !== true || json.alreadyDeleted !== false
								? `output ${JSON.stringify(json)} for deleting ${targets[index]}`
								: undefined,
					},
					world,
					before,
				),
			};
		},
	};
}

function changeSources(action: 'addSources' | 'removeSources'): Operation {
	const adding = action === 'addSources';
	return {
		name: adding ? 'session add sources' : 'session remove sources',
		apiOperation: adding ? 'AddSourcesToTrafficMirrorSession' : 'RemoveSourcesFromTrafficMirrorSession',
		iamAction: adding ? 'vpc:trafficMirrorSessions:addSource' : 'vpc:trafficMirrorSessions:removeSource',
		prepare: async (world, lookalike) => {
			const filter = await world.create('filter', { name: 'matrix-home' });
			const targets: string[] = [];
			const changed: string[] = [];
			for (let index = 0; index < ITEMS; index++) {
				const port = world.port();
				const sources = adding ? [world.port()] : [world.port(), port];
				targets.push((await world.session(filter.id, { name: `target-${index}`, traffic_mirror_sources: sources })).id);
				changed.push(port);
			}
			if (lookalike) await world.session(filter.id, { name: 'target-0' });
			const before = await world.list('session');
			const hasPort = (sources: unknown, index: number) => ((sources ?? []) as string[]).includes(changed[index]);
			return {
				parameters: {
					resource: 'trafficMirrorSession',
					operation: action,
					trafficMirrorSessionId: byId('={{ $json.id }}'),
					trafficMirrorSources: '={{ $json.source }}',
				},
				items: targets.map((id, index) => ({ id, source: changed[index] })),
				judge: judgeChanges(
					{
						kind: 'session',
						targets,
						done: (after, index) => hasPort(after.get(targets[index])?.traffic_mirror_sources, index) === adding,
						wrongOutput: (json, index) =>
							json.id !== targets[index] || hasPort(json.traffic_mirror_sources, index) !== adding
								? `output session ${json.id as string} with sources ${JSON.stringify(json.traffic_mirror_sources)}`
								: undefined,
					},
					world,
					before,
				),
			};
		},
	};
}

export const OPERATIONS = {
	creates: [sessionCreate('createAnother'), sessionCreate('returnExisting'), sessionCreate('fail'), filterCreate, ruleCreate],
	updates: [update('session'), update('filter'), update('rule')],
	deletes: [remove('session'), remove('filter'), remove('rule')],
	sources: [changeSources('addSources'), changeSources('removeSources')],
};

// ─── Cells ──────────────────────────────────────────────────────────────────────────────────────────────────────────

export interface Cell {
	operation: Operation;
	ending: Ending;
	concurrency: 1 | 4;
	lookalike: boolean;
}

export function cellName({ operation, ending, concurrency, lookalike }: Cell): string {
	return `${operation.name} × ${ending.name} × concurrency ${concurrency} × ${lookalike ? 'with' : 'without'} lookalike`;
}

/** Every cell of these operations, as `[name, cell]` rows for `test.each`. */
export function cellsOf(operations: Operation[]): Array<[string, Cell]> {
	const cells: Cell[] = operations.flatMap((operation) =>
		ENDINGS.flatMap((ending) =>
			([1, 4] as const).flatMap((concurrency) =>
				[false, true].map((lookalike) => ({ operation, ending, concurrency, lookalike })),
			),
		),
	);
	return cells.map((cell) => [cellName(cell), cell]);
}

/** Runs one cell and returns the invariants it broke, each named; an empty list is a passing cell. */
export async function runCell({ operation, ending, concurrency, lookalike }: Cell): Promise<string[]> {
	const emulator = await startEmulator({ port: 0, securityToken: SECURITY_TOKEN });
	let foreign: ForeignOrigin | undefined;
	try {
		foreign = await startForeignOrigin();
		const world = new World(emulator);
		const prepared = await operation.prepare(world, lookalike);
		const fault = ending.fault?.(foreign.origin);
		emulator.setFaults({
			retryAfterSeconds: RETRY_AFTER_SECONDS,
			script: fault ? [{ operation: operation.apiOperation, ...fault }] : [],
		});
		const { secretAccessKey, accessKeyId, projectId } = emulator.options;
		let cancelled = false;
		let sentAfterCancel = 0;
		const result = await runNode({
			parameters: {
				...prepared.parameters,
				requestOptions: { maxConcurrentRequests: concurrency, ...(ending.name === 'timeout' ? { timeout: TIMEOUT_MS } : {}) },
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
			},
			cancel: ending.cancelled
				? (async () => {
						while (emulator.counters().faults.throttled === 0) await new Promise((resolve) => setTimeout(resolve, 1));
						cancelled = true;
					})()
				: undefined,
		});
		// A fault the run never met must not strike the judge's own reads.
		emulator.setFaults({ script: [] });

		const violations: string[] = [];
		if (ending.cancelled) {
			if (sentAfterCancel > 0) {
				violations.push(`sent after cancellation: ${sentAfterCancel} request(s) were sent after the execution was cancelled`);
			}
		} else {
			if (result.error) violations.push(`order or pairing broken: the run failed as a whole: ${result.error.message}`);
			const pairing = result.items.map((item) => JSON.stringify(item.pairedItem));
			const expectedPairing = prepared.items.map((_, item) => JSON.stringify({ item }));
			if (JSON.stringify(pairing) !== JSON.stringify(expectedPairing)) {
				violations.push(`order or pairing broken: paired items ${pairing.join(', ')}`);
			}
		}
		const outcomes = prepared.items.map((_, index) => outcomeOf(result.items[index]) ?? { ok: false as const, text: 'no output item' });
		if (foreign.requests.length > 0) {
			const headers = foreign.requests.flatMap((request) =>
				['authorization', 'x-security-token'].filter((name) => request.headers[name] !== undefined),
			);
			violations.push(
				`credentials sent elsewhere: ${foreign.requests.length} request(s) reached ${foreign.origin}` +
					(headers.length > 0 ? `, carrying ${[...new Set(headers)].join(' and ')}` : ''),
			);
		}
		const everything = deepText(result.items) + deepText(result.error);
		if (everything.includes(secretAccessKey) || everything.includes(SECURITY_TOKEN)) {
			violations.push('secret in the output: the secret key or the security token appears in an item');
		}
		if (ending.name === 'redirect to another origin') {
			const reported = outcomes.some((outcome) => !outcome.ok && /\b302\b/.test(outcome.text) && outcome.text.includes(foreign!.origin));
			if (!reported) violations.push('redirect not reported: no item failed with an error naming the 302 and its location');
		}
		if (ending.name === '403 permission denied') {
			const named = outcomes.some((outcome) => !outcome.ok && outcome.text.includes(operation.iamAction));
			if (!named) violations.push(`IAM action not named: no item's error names ${operation.iamAction}, which the refused request needs`);
		}
		violations.push(...(await prepared.judge({ ending, outcomes })));
		return violations;
	} finally {
		await foreign?.close();
		await emulator.close();
	}
}
