/**
 * Every resource's operations in a real n8n against the emulator: the shipped lifecycle example (a filter, its rules and
 * a session built, changed, read and torn down), Get Many with a limit, and deletes of what is already gone.
 */
import { randomUUID } from 'node:crypto';

import { DEMO_ANALYSER, nodeItems, nodeJson, withPicks, type BatchResult, type N8nRun } from '../../scripts/n8n';
import { startE2e, PREPARE_TIMEOUT_MS, successfulRun, type E2eEnvironment } from './setup';
import {
	byId,
	chainWorkflow,
	codeNode,
	createFilterNode,
	createSessionsNode,
	exampleWorkflow,
	FILTER_ID_OF_RUN,
	huaweiNode,
	WEB_01,
	WEB_02,
} from './workflows';

const MISSING_ID = randomUUID();

/** The shipped example with a user's choices: web-01 mirrored, web-02 added, to the analyser. */
const lifecycle = withPicks(exampleWorkflow('filter-rules-session-lifecycle.json'), {
	'Create Session.trafficMirrorSources': { value: [WEB_01] },
	'Create Session.trafficMirrorTargetId': DEMO_ANALYSER,
	'Add Sources.trafficMirrorSources': { value: [WEB_02] },
});

const getMany = chainWorkflow('e2eGetMany1', [
	createFilterNode('get-many-filter'),
	codeNode('Sessions To Create', "return [1, 2, 3].map((priority) => ({ json: { name: `get-many-${priority}`, priority } }));"),
	createSessionsNode(),
	huaweiNode(
		'First Two Sessions',
		{
			resource: 'trafficMirrorSession',
			operation: 'getAll',
			returnAll: false,
			limit: 2,
			filters: { trafficMirrorFilterId: FILTER_ID_OF_RUN },
		},
		{ executeOnce: true },
	),
	huaweiNode(
		'Filters By Name',
		{ resource: 'trafficMirrorFilter', operation: 'getAll', returnAll: true, filters: { name: 'get-many-filter' } },
		{ executeOnce: true },
	),
]);

const alreadyDeleted = chainWorkflow('e2eAlreadyDeleted1', [
	huaweiNode('Delete Missing Session', {
		resource: 'trafficMirrorSession',
		operation: 'delete',
		trafficMirrorSessionId: byId(MISSING_ID),
		options: { succeedIfAlreadyDeleted: true },
	}),
	huaweiNode(
		'Delete Missing Filter',
		{ resource: 'trafficMirrorFilter', operation: 'delete', trafficMirrorFilterId: byId(MISSING_ID) },
		{ onError: 'continueRegularOutput' },
	),
]);

let e2e: E2eEnvironment;
let batch: BatchResult;

beforeAll(async () => {
	e2e = await startE2e();
	await e2e.n8n.importWorkflows([lifecycle, getMany, alreadyDeleted]);
	batch = await e2e.n8n.executeBatch([lifecycle.id, getMany.id, alreadyDeleted.id]);
}, PREPARE_TIMEOUT_MS);
afterAll(async () => await e2e?.close());

describe('the filter-rules-session lifecycle example', () => {
	let run: N8nRun;
	let filterId: unknown;
	let ruleIds: unknown[];
	let sessionId: unknown;
	beforeAll(() => {
		run = successfulRun(batch, lifecycle.id);
		filterId = nodeJson(run, 'Create Filter')[0]?.id;
		ruleIds = nodeJson(run, 'Create Rules').map((rule) => rule.id);
		sessionId = nodeJson(run, 'Create Session')[0]?.id;
	});

	test('creates the filter and its two rules, then updates the rules', () => {
		expect(nodeJson(run, 'Create Filter')).toEqual([
			expect.objectContaining({ name: 'web-tier-lifecycle', description: 'HTTPS in, DNS out', ingress_rules: [], egress_rules: [] }),
		]);
		expect(nodeJson(run, 'Create Rules')).toEqual([
			expect.objectContaining({
				traffic_mirror_filter_id: filterId,
				direction: 'ingress',
				protocol: 'TCP',
				ethertype: 'IPv4',
				action: 'accept',
				priority: 10,
				source_cidr_block: '0.0.0.0/0',
				destination_cidr_block: '192.168.0.0/24',
				destination_port_range: '443-443',
				description: 'HTTPS to the web tier',
			}),
			expect.objectContaining({ direction: 'egress', protocol: 'UDP', priority: 20, destination_port_range: '53-53' }),
		]);
		expect(nodeJson(run, 'Update Rules').map((rule) => [rule.id, rule.description])).toEqual([
			[ruleIds[0], 'HTTPS to the web tier (reviewed)'],
			[ruleIds[1], 'DNS from the web tier (reviewed)'],
		]);
	});

	test('reads the filter back with its rules by direction, and lists the rules', () => {
		const [filter] = nodeJson(run, 'Get Filter');
		expect((filter.ingress_rules as Array<{ id: string }>).map((rule) => rule.id)).toEqual([ruleIds[0]]);
		expect((filter.egress_rules as Array<{ id: string }>).map((rule) => rule.id)).toEqual([ruleIds[1]]);
		expect(nodeJson(run, 'List Rules').map((rule) => rule.id).sort()).toEqual([...ruleIds].sort());
	});

	test('creates the session on the filter, adds a source, and updates it', () => {
		expect(nodeJson(run, 'Create Session')).toEqual([
			expect.objectContaining({ traffic_mirror_filter_id: filterId, traffic_mirror_sources: [WEB_01], virtual_network_id: 2001 }),
		]);
		expect(nodeJson(run, 'Add Sources')).toEqual([expect.objectContaining({ id: sessionId, traffic_mirror_sources: [WEB_01, WEB_02] })]);
		expect(nodeJson(run, 'Update Session')).toEqual([
			expect.objectContaining({ id: sessionId, enabled: false, description: 'Paused before clean-up', priority: 100 }),
		]);
	});

	test('tears everything down: session, rules, then filter', () => {
		expect(nodeJson(run, 'Delete Session')).toEqual([
			{ deleted: true, alreadyDeleted: false, id: sessionId, resource: 'trafficMirrorSession' },
		]);
		expect(nodeJson(run, 'Delete Rules')).toEqual(
			ruleIds.map((id) => ({ deleted: true, alreadyDeleted: false, id, resource: 'trafficMirrorFilterRule' })),
		);
		expect(nodeJson(run, 'Delete Filter')).toEqual([
			{ deleted: true, alreadyDeleted: false, id: filterId, resource: 'trafficMirrorFilter' },
		]);
	});
});

test('Get Many stops at the limit and filters by the filter and by name', () => {
	const run = successfulRun(batch, getMany.id);
	const created = nodeJson(run, 'Create Sessions');
	const firstTwo = nodeJson(run, 'First Two Sessions');
	expect(firstTwo).toHaveLength(2);
	for (const session of firstTwo) expect(created.map((each) => each.id)).toContain(session.id);
	expect(nodeJson(run, 'Filters By Name')).toEqual([
		expect.objectContaining({ id: nodeJson(run, 'Create Filter')[0].id, name: 'get-many-filter' }),
	]);
});

test('a delete of what is gone succeeds with Succeed If Already Deleted, and is an error item otherwise', () => {
	const run = successfulRun(batch, alreadyDeleted.id);
	expect(nodeJson(run, 'Delete Missing Session')).toEqual([
		{ deleted: false, alreadyDeleted: true, id: MISSING_ID, resource: 'trafficMirrorSession' },
	]);
	const [failed] = nodeItems(run, 'Delete Missing Filter');
	expect(failed.pairedItem).toEqual({ item: 0 });
	expect(failed.json).toMatchObject({ httpCode: '404' });
	// The service's own code for an unknown ID, not a generic "not found".
	expect(JSON.stringify(failed.json)).toContain('VPC.0003');
});

test('the emulator saw each create once and holds only what the Get Many workflow left', () => {
	const counters = e2e.emulator.counters();
	expect(counters.created).toMatchObject({ filters: 2, rules: 2, sessions: 4 });
	expect(counters.stored).toMatchObject({ filters: 1, rules: 0, sessions: 3 });
	// A delete reads its resource first: the missing session and filter were found gone, and no delete was sent.
	expect(counters.requests.byOperation).toMatchObject({
		DeleteTrafficMirrorSession: 1,
		DeleteTrafficMirrorFilterRule: 2,
		DeleteTrafficMirrorFilter: 1,
		AddSourcesToTrafficMirrorSession: 1,
		UpdateTrafficMirrorFilterRule: 2,
		UpdateTrafficMirrorSession: 1,
	});
});
