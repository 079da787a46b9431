/**
 * Traffic Mirror Session Create in a real n8n (the packed package installed as a community package), against the
 * emulator: the example of Huawei Cloud's CreateTrafficMirrorSession API reference, every optional field, Continue
 * On Fail, a stop on error, and the shipped example.
 */
import { DEMO_SERVERS } from '../../emulator/server';
import {
	DEMO_CREATE_SESSIONS_PICKS,
	nodeItems,
	nodeJson,
	picksOf,
	runSucceeded,
	withPicks,
	type BatchResult,
	type N8nRun,
} from '../../scripts/n8n';
import { startE2e, PREPARE_TIMEOUT_MS, successfulRun, type E2eEnvironment } from './setup';
import {
	ANALYSER,
	byId,
	chainWorkflow,
	codeNode,
	createFilterNode,
	createSessionsNode,
	DB_01,
	exampleWorkflow,
	FILTER_ID_OF_RUN,
	huaweiNode,
	WEB_01,
	WEB_02,
} from './workflows';

const ISO_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The example request of Huawei Cloud's CreateTrafficMirrorSession API reference (its filter created first: the
 * service requires an existing one), with the request ID asked for.
 */
const seedCreate = chainWorkflow('e2eSeedCreate1', [
	createFilterNode('seed-filter'),
	huaweiNode('Create Session', {
		resource: 'trafficMirrorSession',
		operation: 'create',
		name: 'test-session',
		trafficMirrorFilterId: byId(FILTER_ID_OF_RUN),
		trafficMirrorSources: WEB_01,
		trafficMirrorTargetType: 'eni',
		trafficMirrorTargetId: byId(ANALYSER),
		priority: 11,
		requestOptions: { includeRequestId: true },
	}),
]);

const everyField = chainWorkflow('e2eEveryField1', [
	createFilterNode('every-field-filter'),
	huaweiNode('Create Session', {
		resource: 'trafficMirrorSession',
		operation: 'create',
		name: 'every-field.session_1',
		trafficMirrorFilterId: byId(FILTER_ID_OF_RUN),
		trafficMirrorSources: ` ${WEB_01}, ${WEB_02} ,${DB_01}`,
		trafficMirrorTargetType: 'eni',
		trafficMirrorTargetId: byId(ANALYSER),
		priority: 32766,
		additionalFields: {
			description: 'Every optional field, at its upper bound',
			enabled: false,
			packetLength: 1460,
			type: 'eni',
			virtualNetworkId: 16777215,
		},
	}),
]);

/** Three sessions from a Code node; the second has a priority out of range. */
const threeSessions = (prefix: string) =>
	codeNode(
		'Sessions To Create',
		`return [['${prefix}-first', 1], ['${prefix}-invalid', 40000], ['${prefix}-third', 3]]
  .map(([name, priority]) => ({ json: { name, priority } }));`,
	);
const continueOnFail = chainWorkflow('e2eContinueOnFail1', [
	createFilterNode('continue-on-fail-filter'),
	threeSessions('cof'),
	createSessionsNode({ onError: 'continueRegularOutput' }),
]);
const stopOnError = chainWorkflow('e2eStopOnError1', [
	createFilterNode('stop-on-error-filter'),
	threeSessions('stop'),
	createSessionsNode(),
]);

/** Three sessions at two requests per second: the node waits between requests, with n8n's own sleep. */
const paced = chainWorkflow('e2ePaced1', [
	createFilterNode('paced-filter'),
	codeNode('Sessions To Create', "return [1, 2, 3].map((priority) => ({ json: { name: `paced-${priority}`, priority } }));"),
	createSessionsNode({}, { requestOptions: { maxRequestsPerSecond: 2 } }),
]);

const shippedExample = exampleWorkflow('create-traffic-mirror-sessions.json');
/** The example as `npm run demo` runs it: the servers and the analyser chosen, nothing else changed. */
const example = withPicks(shippedExample, DEMO_CREATE_SESSIONS_PICKS);

let e2e: E2eEnvironment;
let batch: BatchResult;
let stopped: N8nRun;

beforeAll(async () => {
	e2e = await startE2e();
	await e2e.n8n.importWorkflows([seedCreate, everyField, continueOnFail, stopOnError, paced, example]);
	batch = await e2e.n8n.executeBatch([seedCreate.id, everyField.id, continueOnFail.id, paced.id, example.id]);
	stopped = await e2e.n8n.execute(stopOnError.id);
}, PREPARE_TIMEOUT_MS);
afterAll(async () => await e2e?.close());

test('creates the seed example session, with the service defaults and, asked for, the request ID under _requestId', () => {
	const run = successfulRun(batch, seedCreate.id);
	const [filter] = nodeJson(run, 'Create Filter');
	const items = nodeItems(run, 'Create Session');
	expect(items).toHaveLength(1);
	expect(items[0].pairedItem).toEqual({ item: 0 });
	const session = items[0].json;
	expect(session).toEqual({
		id: expect.stringMatching(UUID),
		project_id: expect.any(String),
		name: 'test-session',
		description: '',
		traffic_mirror_filter_id: filter.id,
		traffic_mirror_sources: [WEB_01],
		traffic_mirror_target_id: ANALYSER,
		traffic_mirror_target_type: 'eni',
		virtual_network_id: 1,
		packet_length: 96,
		priority: 11,
		enabled: true,
		type: 'eni',
		created_at: expect.stringMatching(ISO_TIMESTAMP),
		updated_at: expect.stringMatching(ISO_TIMESTAMP),
		_requestId: expect.stringMatching(UUID),
	});
});

test('creates a session with every optional field set', () => {
	const run = successfulRun(batch, everyField.id);
	const [filter] = nodeJson(run, 'Create Filter');
	expect(nodeJson(run, 'Create Session')).toEqual([
		expect.objectContaining({
			name: 'every-field.session_1',
			description: 'Every optional field, at its upper bound',
			traffic_mirror_filter_id: filter.id,
			traffic_mirror_sources: [WEB_01, WEB_02, DB_01],
			traffic_mirror_target_id: ANALYSER,
			traffic_mirror_target_type: 'eni',
			virtual_network_id: 16777215,
			packet_length: 1460,
			priority: 32766,
			enabled: false,
			type: 'eni',
		}),
	]);
});

test('with Continue On Fail, reports the invalid item on its own index and creates the others', () => {
	const run = successfulRun(batch, continueOnFail.id);
	const items = nodeItems(run, 'Create Sessions');
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(items[0].json).toMatchObject({ name: 'cof-first', priority: 1, id: expect.stringMatching(UUID) });
	expect(Object.keys(items[1].json)).not.toContain('id');
	expect(String(items[1].json.error)).toMatch(/Priority/);
	expect(String(items[1].json.error)).toMatch(/40000/);
	expect(items[2].json).toMatchObject({ name: 'cof-third', priority: 3, id: expect.stringMatching(UUID) });
});

test('without Continue On Fail, the run fails on the invalid item after creating the one before it', () => {
	expect(runSucceeded(stopped)).toBe(false);
	expect(stopped.exitCode).not.toBe(0);
	expect(stopped.status).toBe('error');
	const { error, lastNodeExecuted } = stopped.data.resultData;
	expect(lastNodeExecuted).toBe('Create Sessions');
	expect(`${error?.message} ${error?.description ?? ''}`).toMatch(/Priority/);
});

test('with Max Requests Per Second, waits between requests and creates every session', () => {
	const run = successfulRun(batch, paced.id);
	expect(nodeJson(run, 'Create Sessions').map((session) => session.name)).toEqual(['paced-1', 'paced-2', 'paced-3']);
});

test('runs the shipped example with the demo\'s choices: a filter, one session per server, read back', () => {
	expect(picksOf(shippedExample)).toEqual(Object.keys(DEMO_CREATE_SESSIONS_PICKS));
	const run = successfulRun(batch, example.id);
	const created = nodeJson(run, 'Create Sessions');
	const readBack = nodeJson(run, 'Read Back Sessions');
	expect(created.map((session) => [session.name, session.traffic_mirror_sources, session.traffic_mirror_target_id])).toEqual([
		[`mirror-${DEMO_SERVERS.web01}`, [WEB_01], ANALYSER],
		['mirror-192.168.0.12', [WEB_02], ANALYSER],
		[`mirror-${DEMO_SERVERS.db01}`, [DB_01], ANALYSER],
	]);
	expect(readBack.map((session) => session.id).sort()).toEqual(created.map((session) => session.id).sort());
	expect(readBack.map((session) => session.virtual_network_id).sort()).toEqual([1001, 1002, 1003]);
});

test('the emulator received exactly those creates: each session once, the invalid ones never sent', () => {
	const counters = e2e.emulator.counters();
	expect(counters.sessionCreatesByName).toEqual({
		'test-session': 1,
		'every-field.session_1': 1,
		'cof-first': 1,
		'cof-third': 1,
		'stop-first': 1,
		'paced-1': 1,
		'paced-2': 1,
		'paced-3': 1,
		[`mirror-${DEMO_SERVERS.web01}`]: 1,
		'mirror-192.168.0.12': 1,
		[`mirror-${DEMO_SERVERS.db01}`]: 1,
	});
	expect(counters.created).toMatchObject({ filters: 6, sessions: 11 });
	expect(counters.requests.byOperation.CreateTrafficMirrorSession).toBe(11);
	expect(Object.keys(counters.requests.byStatus).every((status) => status.startsWith('2'))).toBe(true);
});
