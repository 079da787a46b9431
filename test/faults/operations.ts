/**
 * The fault matrix's operations: each sets up its world, names its items and judges what the run left behind. IDs in
 * outputs are compared exactly with the service's own (lower-case): an item given an ID in upper case must output
 * what it would given it in lower case.
 */
import { randomUUID } from 'node:crypto';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { TARGET_PORT_ID } from '../emulator/helpers';
import { byId } from '../helpers/parameters';
import type { OperationTraits } from './endings';
import { firstLine, judgeChanges, judgeCreates, judgeReads, MAY_HAVE, unknownNotSaid, type Judge, type NamePolicy, type Outcome, type RerunJudge } from './judges';
import { KINDS, type Kind, type Resource, type World } from './world';

const ITEMS = 4;

/**
 * What exists before the run besides what the items need: nothing, a lookalike (a resource of an item's identity,
 * made before the run), or, for creates, twins (two items of one identity that differ in exactly one field).
 */
export type Lookalike = 'none' | 'lookalike' | 'twins';

export interface Setup {
	lookalike: Lookalike;
	/** The items name every resource by its ID in upper case. */
	upperCase: boolean;
}

/** A cell's set-up: the node's parameters and input items, and the judge of what the run left behind. */
export interface Prepared {
	parameters: INodeParameters;
	items: IDataObject[];
	judge: Judge;
	/** When set, the items run once more with no fault, and this judges that second run. */
	judgeRerun?: RerunJudge;
}

export interface Operation extends OperationTraits {
	name: string;
	/** The emulator's name of the operation's own request, the one the cell's fault strikes. */
	apiOperation: string;
	/** The IAM action that request needs (docs/reference.md#iam-actions), which a 403 must name. */
	iamAction: string;
	/** The lookalike axis values it runs with. */
	lookalikes: Lookalike[];
	/** One output item per input item, or any number (Get Many: one per resource). */
	outputs: 'one' | 'many';
	prepare(world: World, setup: Setup): Promise<Prepared>;
}

/** Every lookalike axis value; twins only for creates whose items may share an identity and still differ. */
const WITH_AND_WITHOUT: Lookalike[] = ['none', 'lookalike'];
const WITH_TWINS: Lookalike[] = ['none', 'lookalike', 'twins'];

const spell = (setup: Setup) => (id: string) => (setup.upperCase ? id.toUpperCase() : id);

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

/** As `names`, with one field of the second item changed: the twins of one name must each get their own. */
const twins = (prefix: string, field: string, value: unknown, other: unknown) =>
	names(prefix).map((item, index) => ({ ...item, [field]: index === 1 ? other : value }));

function sessionCreate(policy: NamePolicy): Operation {
	return {
		name: `session create (${POLICY_NAMES[policy]})`,
		group: 'create',
		apiOperation: 'CreateTrafficMirrorSession',
		listOperation: 'ListTrafficMirrorSessions',
		iamAction: 'vpc:trafficMirrorSessions:create',
		takesIds: true,
		// Return Existing and Fail decide by the name alone: their twins are the two items of one name every cell has.
		lookalikes: policy === 'createAnother' ? WITH_TWINS : WITH_AND_WITHOUT,
		outputs: 'one',
		prepare: async (world, setup) => {
			const id = spell(setup);
			const filter = await world.create('filter', { name: 'matrix' });
			const source = world.port();
			const lookalikeId =
				setup.lookalike === 'lookalike'
					? (await world.session(filter.id, { name: 'web-a', traffic_mirror_sources: [source] })).id
					: undefined;
			// Twins differ in Packet Length only, as in the report.
			const paired = setup.lookalike === 'twins';
			const items = paired ? twins('web', 'packet_length', 96, 128) : names('web');
			const before = await world.list('session');
			return {
				parameters: {
					resource: 'trafficMirrorSession',
					operation: 'create',
					name: '={{ $json.name }}',
					trafficMirrorFilterId: byId(id(filter.id)),
					trafficMirrorSources: id(source),
					trafficMirrorTargetType: 'eni',
					trafficMirrorTargetId: byId(id(TARGET_PORT_ID)),
					priority: 1,
					ifNameExists: policy,
					...(paired ? { additionalFields: { packetLength: '={{ $json.packet_length }}' } } : {}),
				},
				items,
				judge: judgeCreates(
					{
						kind: 'session',
						policy,
						identity: (fields) => fields.name as string,
						matches: sessionMatches(filter.id),
						sent: (item) => ({
							name: item.name,
							traffic_mirror_filter_id: filter.id,
							traffic_mirror_sources: [source],
							traffic_mirror_target_id: TARGET_PORT_ID,
							traffic_mirror_target_type: 'eni',
							priority: 1,
							...(item.packet_length === undefined ? {} : { packet_length: item.packet_length }),
						}),
					},
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
	group: 'create',
	apiOperation: 'CreateTrafficMirrorFilter',
	listOperation: 'ListTrafficMirrorFilters',
	iamAction: 'vpc:trafficMirrorFilters:create',
	takesIds: false,
	lookalikes: WITH_TWINS,
	outputs: 'one',
	prepare: async (world, { lookalike }) => {
		const lookalikeId = lookalike === 'lookalike' ? (await world.create('filter', { name: 'filter-a' })).id : undefined;
		const paired = lookalike === 'twins';
		const items = paired ? twins('filter', 'description', 'one', 'two') : names('filter');
		const before = await world.list('filter');
		return {
			parameters: {
				resource: 'trafficMirrorFilter',
				operation: 'create',
				name: '={{ $json.name }}',
				...(paired ? { additionalFields: { description: '={{ $json.description }}' } } : {}),
			},
			items,
			judge: judgeCreates(
				{
					kind: 'filter',
					policy: 'createAnother',
					identity: (fields) => fields.name as string,
					matches: (filter, item) => filter.name === item.name,
					sent: (item) => ({ name: item.name, ...(item.description === undefined ? {} : { description: item.description }) }),
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
	group: 'create',
	apiOperation: 'CreateTrafficMirrorFilterRule',
	listOperation: 'ListTrafficMirrorFilterRules',
	iamAction: 'vpc:trafficMirrorFilterRules:create',
	takesIds: true,
	lookalikes: WITH_TWINS,
	outputs: 'one',
	prepare: async (world, setup) => {
		const filter = await world.create('filter', { name: 'matrix' });
		const lookalikeId =
			setup.lookalike === 'lookalike' ? (await world.rule(filter.id, { direction: 'ingress', priority: 10 })).id : undefined;
		// Two items ask for the same direction and priority, as two items of one name do for sessions; twins differ in
		// their protocol.
		const paired = setup.lookalike === 'twins';
		const shared = [
			{ direction: 'ingress', priority: 10 },
			{ direction: 'ingress', priority: 10 },
			{ direction: 'egress', priority: 10 },
			{ direction: 'ingress', priority: 20 },
		];
		const items = paired ? shared.map((item, index) => ({ ...item, protocol: index === 1 ? 'UDP' : 'TCP' })) : shared;
		const before = await world.list('rule');
		const protocolOf = (item: IDataObject) => (item.protocol as string | undefined) ?? 'TCP';
		return {
			parameters: {
				resource: 'trafficMirrorFilterRule',
				operation: 'create',
				trafficMirrorFilterId: byId(spell(setup)(filter.id)),
				direction: '={{ $json.direction }}',
				protocol: paired ? '={{ $json.protocol }}' : 'TCP',
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
						rule.protocol === protocolOf(item) &&
						rule.action === 'accept',
					sent: (item) => ({
						traffic_mirror_filter_id: filter.id,
						direction: item.direction,
						priority: item.priority,
						protocol: protocolOf(item),
						ethertype: 'IPv4',
						action: 'accept',
					}),
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
 * Four resources of a kind to work on, and with a lookalike a fifth that shares the first one's name (for rules: its
 * filter, direction and priority), which must stay as it is.
 */
async function targetsOf(world: World, kind: Kind, lookalike: Lookalike): Promise<{ targets: string[]; filterId: string }> {
	const filter = await world.create('filter', { name: 'matrix-home' });
	const make = async (index: number): Promise<Resource> => {
		if (kind === 'session') return await world.session(filter.id, { name: `target-${index % ITEMS}` });
		if (kind === 'filter') return await world.create('filter', { name: `target-${index % ITEMS}` });
		return await world.rule(filter.id, { priority: 10 + (index % ITEMS) });
	};
	const targets: string[] = [];
	for (let index = 0; index < ITEMS; index++) targets.push((await make(index)).id);
	if (lookalike === 'lookalike') await make(ITEMS);
	return { targets, filterId: filter.id };
}

function update(kind: Kind): Operation {
	return {
		name: `${kind} update`,
		group: 'update',
		apiOperation: `UpdateTrafficMirror${KINDS[kind].apiName}`,
		iamAction: `vpc:${KINDS[kind].iamResource}:update`,
		takesIds: true,
		lookalikes: WITH_AND_WITHOUT,
		outputs: 'one',
		prepare: async (world, setup) => {
			const { targets } = await targetsOf(world, kind, setup.lookalike);
			const wanted = (index: number) => `changed by item ${index}`;
			const before = await world.list(kind);
			return {
				parameters: {
					resource: KINDS[kind].resource,
					operation: 'update',
					[KINDS[kind].idParameter]: byId('={{ $json.id }}'),
					updateFields: { description: '={{ $json.description }}' },
				},
				items: targets.map((id, index) => ({ id: spell(setup)(id), description: wanted(index) })),
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

/**
 * Deletes of the four targets; with `ghost`, the first item names an ID that never existed instead (its delete must
 * fail or say it was already gone, never claim `deleted: true`), and the fourth target stays.
 */
function remove(kind: Kind, ghost = false): Operation {
	return {
		name: ghost ? `${kind} delete of an ID that never existed` : `${kind} delete`,
		group: 'delete',
		apiOperation: `DeleteTrafficMirror${KINDS[kind].apiName}`,
		iamAction: `vpc:${KINDS[kind].iamResource}:delete`,
		takesIds: true,
		// A lookalike of an ID that never existed is any other resource: the targets that stay are that already.
		lookalikes: ghost ? ['none'] : WITH_AND_WITHOUT,
		outputs: 'one',
		prepare: async (world, setup) => {
			const { targets: existing } = await targetsOf(world, kind, setup.lookalike);
			const targets = ghost ? [randomUUID(), ...existing.slice(0, ITEMS - 1)] : existing;
			const before = await world.list(kind);
			return {
				parameters: { resource: KINDS[kind].resource, operation: 'delete', [KINDS[kind].idParameter]: byId('={{ $json.id }}') },
				items: targets.map((id) => ({ id: spell(setup)(id) })),
				judge: judgeChanges(
					{
						kind,
						targets,
						// This run removed it: it was there before and is gone.
						done: (after, index) => before.has(targets[index]) && !after.has(targets[index]),
						wrongOutput: (json, index) =>
							json.id !== targets[index] || json.deleted !== true || json.alreadyDeleted !== false
								? `output ${JSON.stringify(json)} for deleting ${targets[index]}`
								: undefined,
						failsAnyway: (index) => ghost && index === 0,
						claims: true,
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
		group: 'sources',
		apiOperation: adding ? 'AddSourcesToTrafficMirrorSession' : 'RemoveSourcesFromTrafficMirrorSession',
		iamAction: adding ? 'vpc:trafficMirrorSessions:addSource' : 'vpc:trafficMirrorSessions:removeSource',
		takesIds: true,
		lookalikes: WITH_AND_WITHOUT,
		outputs: 'one',
		prepare: async (world, setup) => {
			const filter = await world.create('filter', { name: 'matrix-home' });
			const targets: string[] = [];
			const changed: string[] = [];
			for (let index = 0; index < ITEMS; index++) {
				const port = world.port();
				const sources = adding ? [world.port()] : [world.port(), port];
				targets.push((await world.session(filter.id, { name: `target-${index}`, traffic_mirror_sources: sources })).id);
				changed.push(port);
			}
			if (setup.lookalike === 'lookalike') await world.session(filter.id, { name: 'target-0' });
			const before = await world.list('session');
			const hasPort = (sources: unknown, index: number) => ((sources ?? []) as string[]).includes(changed[index]);
			return {
				parameters: {
					resource: 'trafficMirrorSession',
					operation: action,
					trafficMirrorSessionId: byId('={{ $json.id }}'),
					trafficMirrorSources: '={{ $json.source }}',
				},
				items: targets.map((id, index) => ({ id: spell(setup)(id), source: spell(setup)(changed[index]) })),
				judge: judgeChanges(
					{
						kind: 'session',
						targets,
						done: (after, index) => hasPort(after.get(targets[index])?.traffic_mirror_sources, index) === adding,
						wrongOutput: (json, index) =>
							json.id !== targets[index] || hasPort(json.traffic_mirror_sources, index) !== adding
								? `output session ${json.id as string} with sources ${JSON.stringify(json.traffic_mirror_sources)}`
								: undefined,
						claims: true,
					},
					world,
					before,
				),
			};
		},
	};
}

/** Get by ID: each item reads its own target. */
function get(kind: Kind): Operation {
	return {
		name: `${kind} get`,
		group: 'get',
		apiOperation: `ShowTrafficMirror${KINDS[kind].apiName}`,
		iamAction: `vpc:${KINDS[kind].iamResource}:get`,
		takesIds: true,
		// A read by ID cannot mistake a resource of the same name for its own: no lookalike cells.
		lookalikes: ['none'],
		outputs: 'one',
		prepare: async (world, setup) => {
			const { targets } = await targetsOf(world, kind, setup.lookalike);
			const before = await world.list(kind);
			return {
				parameters: { resource: KINDS[kind].resource, operation: 'get', [KINDS[kind].idParameter]: byId('={{ $json.id }}') },
				items: targets.map((id) => ({ id: spell(setup)(id) })),
				judge: judgeReads(kind, targets, false, world, before),
			};
		},
	};
}

/** Get Many filtered by ID (Limit 50, the default): each item lists its own target, and nothing else. */
function getMany(kind: Kind): Operation {
	const listOperation = `ListTrafficMirror${KINDS[kind].apiName}s`;
	return {
		name: `${kind} get many`,
		group: 'getMany',
		apiOperation: listOperation,
		listOperation,
		iamAction: `vpc:${KINDS[kind].iamResource}:list`,
		takesIds: true,
		// Filtered by ID, a list cannot take a resource of the same name for the one asked for: no lookalike cells.
		lookalikes: ['none'],
		outputs: 'many',
		prepare: async (world, setup) => {
			const { targets } = await targetsOf(world, kind, setup.lookalike);
			const before = await world.list(kind);
			return {
				parameters: {
					resource: KINDS[kind].resource,
					operation: 'getAll',
					filters: { [KINDS[kind].idParameter]: '={{ $json.id }}' },
				},
				items: targets.map((id) => ({ id: spell(setup)(id) })),
				judge: judgeReads(kind, targets, true, world, before),
			};
		},
	};
}

/** The sessions to the matrix's target with this filter that hold each port, by port. */
function holdersOf(sessions: Map<string, Resource>, filterId: string, ports: string[]): Map<string, string[]> {
	const holders = new Map(ports.map((port) => [port, [] as string[]]));
	for (const [id, session] of sessions) {
		if (session.traffic_mirror_target_id !== TARGET_PORT_ID || session.traffic_mirror_filter_id !== filterId) continue;
		for (const port of (session.traffic_mirror_sources ?? []) as string[]) holders.get(port)?.push(id);
	}
	return holders;
}

const MAX_SOURCES = 10;

/**
 * Mirror Server and Stop Mirroring Server: each item names one network interface (as the release takes the contain's
 * output); the items share one target and filter, so at concurrency 4 they meet in one session. Judged by what the
 * emulator holds, then run again with no fault: a rerun converges, every item succeeding, nothing doubled.
 */
function containment(action: 'mirrorServer' | 'stopMirroringServer'): Operation {
	const mirroring = action === 'mirrorServer';
	return {
		name: mirroring ? 'session mirror server' : 'session stop mirroring server',
		group: 'contain',
		apiOperation: mirroring ? 'CreateTrafficMirrorSession' : 'RemoveSourcesFromTrafficMirrorSession',
		listOperation: 'ListTrafficMirrorSessions',
		iamAction: mirroring ? 'vpc:trafficMirrorSessions:create' : 'vpc:trafficMirrorSessions:removeSource',
		takesIds: true,
		lookalikes: WITH_AND_WITHOUT,
		outputs: 'one',
		prepare: async (world, setup) => {
			const filter = await world.create('filter', { name: 'matrix-contain' });
			const ports = Array.from({ length: ITEMS }, () => world.port());
			// The lookalike, for Mirror Server: a disabled session to the same target and filter holding item 0's port, not
			// one to use; for Stop Mirroring Server: a session to the same target and filter holding another port.
			if (setup.lookalike === 'lookalike') {
				await world.session(filter.id, { name: 'lookalike', ...(mirroring ? { traffic_mirror_sources: [ports[0]], enabled: false } : {}) });
			}
			if (!mirroring) await world.session(filter.id, { name: 'contained', traffic_mirror_sources: ports });
			const before = await world.list('session');
			const untouched = [...before.entries()].filter(([, session]) => session.name === 'lookalike');
			// Mirror Server counts enabled sessions only; Stop Mirroring Server empties every session of the ports.
			const active = (sessions: Map<string, Resource>) =>
				new Map([...sessions].filter(([, session]) => !mirroring || session.enabled !== false));
			const done = (sessions: Map<string, Resource>, index: number) => {
				const holders = holdersOf(active(sessions), filter.id, [ports[index]]).get(ports[index]) ?? [];
				return mirroring ? holders.length > 0 : holders.length === 0;
			};
			const state = async (outcomes: Outcome[], rerun: boolean, ending?: Parameters<Judge>[0]['ending']) => {
				const violations: string[] = [];
				const after = await world.list('session');
				const holders = holdersOf(active(after), filter.id, ports);
				for (const [index, outcome] of outcomes.entries()) {
					const isDone = done(after, index);
					if (outcome.ok) {
						const reported = (outcome.json.sessions ?? []) as IDataObject[];
						const wrong = reported.find((entry) =>
							entry.action === 'deleted' ? after.has(String(entry.id)) : !after.has(String(entry.id)) && mirroring,
						);
						if (!isDone || wrong) violations.push(`reported done but was not: item ${index} output ${JSON.stringify(outcome.json).slice(0, 300)}`);
						// The interfaces as the service spells them, whatever case the item gave: the release's input.
						if (JSON.stringify(outcome.json.interfaces) !== JSON.stringify([ports[index]])) {
							violations.push(`read not as the world is: item ${index} output interfaces ${JSON.stringify(outcome.json.interfaces)}, not ["${ports[index]}"]`);
						}
						continue;
					}
					if (rerun) {
						violations.push(`rerun did not converge: item ${index} failed again: ${firstLine(outcome.text)}`);
						continue;
					}
					if (isDone && !MAY_HAVE.test(outcome.text) && !/may have been|may have happened|may still/i.test(outcome.text)) {
						violations.push(`reported failed but succeeded: item ${index}'s change happened, yet its error does not say it may have: ${firstLine(outcome.text)}`);
					}
					const unsaid = ending && unknownNotSaid(ending, outcome.text, index, isDone);
					if (unsaid) violations.push(unsaid);
					if (ending?.passing) violations.push(`passing fault not ridden out: item ${index} failed: ${firstLine(outcome.text)}`);
				}
				for (const [port, sessions] of holders) {
					if (sessions.length > 1) violations.push(`created twice: port ${port} is mirrored by ${sessions.length} sessions (${sessions.join(', ')})`);
				}
				const used = new Set([...holders.values()].flat());
				if (mirroring && used.size > Math.ceil(ITEMS / MAX_SOURCES)) {
					violations.push(`created twice: ${used.size} sessions hold the items' ${ITEMS} ports, where one with room would do (${[...used].join(', ')})`);
				}
				for (const [id, session] of after) {
					const count = ((session.traffic_mirror_sources ?? []) as unknown[]).length;
					if (count > MAX_SOURCES) violations.push(`created twice: session ${id} holds ${count} sources, more than ${MAX_SOURCES}`);
					if (rerun && !mirroring && count === 0) violations.push(`rerun did not converge: session ${id} was left without sources`);
				}
				for (const [id, session] of untouched) {
					if (JSON.stringify(after.get(id)) !== JSON.stringify(session)) violations.push(`another resource touched: session ${id} changed although no item's port is its to change`);
				}
				return violations;
			};
			return {
				parameters: {
					resource: 'trafficMirrorSession',
					operation: action,
					sourcesBy: 'networkInterface',
					trafficMirrorSources: '={{ $json.port }}',
					...(mirroring && {
						trafficMirrorTargetType: 'eni',
						trafficMirrorTargetId: byId(TARGET_PORT_ID),
						trafficMirrorFilterId: byId(filter.id),
						name: 'matrix-contained',
						priority: 1,
					}),
				},
				items: ports.map((port) => ({ port: spell(setup)(port) })),
				judge: async ({ ending, outcomes }) => (ending.cancelled ? [] : await state(outcomes, false, ending)),
				judgeRerun: async (outcomes) => await state(outcomes, true),
			};
		},
	};
}

const KIND_LIST: Kind[] = ['session', 'filter', 'rule'];

export const OPERATIONS = {
	creates: [sessionCreate('createAnother'), sessionCreate('returnExisting'), sessionCreate('fail'), filterCreate, ruleCreate],
	updates: KIND_LIST.map((kind) => update(kind)),
	deletes: [...KIND_LIST.map((kind) => remove(kind)), ...KIND_LIST.map((kind) => remove(kind, true))],
	sources: [changeSources('addSources'), changeSources('removeSources')],
	reads: [...KIND_LIST.map(get), ...KIND_LIST.map(getMany)],
	containment: [containment('mirrorServer'), containment('stopMirroringServer')],
};
