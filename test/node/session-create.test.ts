import type { ExecutionError, IDataObject, INodeParameters } from 'n8n-workflow';

import { SOURCE_PORT_ID as SOURCE, TARGET_PORT_ID as TARGET } from '../emulator/helpers';
import { startApiFixture } from '../helpers/api-fixture';
import { runNode, shutDownEngine, type RunResult } from '../helpers/engine';
import { MORE_PORT_IDS, uuids as ids } from '../helpers/ids';
import { byId, sessionCreateParameters } from '../helpers/parameters';
import { startSignatureServer, TEST_CREDENTIALS, type SignatureServer } from '../helpers/signature-server';

// The filter of the example request in Huawei Cloud's CreateTrafficMirrorSession API reference.
const FILTER = 'b765ba87-c0b4-4f1a-9ec3-d5b1d1ddb137';
const [SOURCE_2] = MORE_PORT_IDS;
const SESSIONS_PATH = `/v3/${TEST_CREDENTIALS.projectId}/vpc/traffic-mirror-sessions`;

let server: SignatureServer;
beforeEach(async () => {
	server = await startSignatureServer();
});
afterEach(async () => await server.close());
afterAll(() => shutDownEngine());

/** That example request, as node parameters. */
const seedParameters = sessionCreateParameters(FILTER, { name: 'test-session', priority: 11 });
const requiredBody = {
	name: 'test-session',
	traffic_mirror_filter_id: FILTER,
	traffic_mirror_sources: [SOURCE],
	traffic_mirror_target_type: 'eni',
	traffic_mirror_target_id: TARGET,
	priority: 11,
};
// `enabled` is always sent: the service's default is documented both ways (Huawei Cloud's CreateTrafficMirrorSession
// API reference: its table says `false`, its example shows `true`).
const seedBody = { ...requiredBody, enabled: true };

const create = async (parameters: INodeParameters, options: { items?: IDataObject[]; settings?: IDataObject } = {}) =>
	await runNode({ parameters: { ...seedParameters, ...parameters }, credentials: server.credentials(), ...options });

/**
 * The first create of an execution first lists the sessions, to know which were there before (the recovery rule);
 * these tests are about the create, so that note is answered with no sessions and left out of what they check.
 */
const creates = () => server.requests.filter((request) => request.method === 'POST');
const sentSessions = () => creates().map((request) => (request.json as IDataObject).traffic_mirror_session);

function expectError(result: RunResult): ExecutionError & IDataObject {
	expect(result.error).toBeDefined();
	return result.error as ExecutionError & IDataObject;
}

describe('create: requests', () => {
	test('creates the seed example session with a signed request', async () => {
		const result = await create({});
		expect(result.error).toBeUndefined();
		expect(server.requests.map((request) => request.method)).toEqual(['POST']);
		const [request] = creates();
		expect(request.signatureValid).toBe(true);
		expect(request.method).toBe('POST');
		expect(request.path).toBe(SESSIONS_PATH);
		expect(request.json).toEqual({ traffic_mirror_session: seedBody });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ name: 'test-session' });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('sends every optional field with integers as JSON numbers and enabled as a boolean', async () => {
		const result = await create({
			additionalFields: {
				description: 'Mirror of the web tier',
				enabled: false,
				packetLength: 1460,
				type: 'eni',
				virtualNetworkId: 16777215,
			},
		});
		expect(result.error).toBeUndefined();
		expect(creates()).toHaveLength(1);
		expect(creates()[0].signatureValid).toBe(true);
		expect(creates()[0].body).toBe(
			JSON.stringify({
				traffic_mirror_session: {
					...requiredBody,
					description: 'Mirror of the web tier',
					enabled: false,
					packet_length: 1460,
					type: 'eni',
					virtual_network_id: 16777215,
				},
			}),
		);
		expect(creates()[0].json).toEqual({
			traffic_mirror_session: {
				...seedBody,
				description: 'Mirror of the web tier',
				enabled: false,
				packet_length: 1460,
				type: 'eni',
				virtual_network_id: 16777215,
			},
		});
		expect(result.items[0].json).toMatchObject({ enabled: false, packet_length: 1460, virtual_network_id: 16777215 });
	});

	test('the lower bounds are sent as given (VNI 0, packet length 1, priority 1, empty description)', async () => {
		const result = await create({
			priority: 1,
			additionalFields: { virtualNetworkId: 0, packetLength: 1, description: '' },
		});
		expect(result.error).toBeUndefined();
		expect(sentSessions()[0]).toEqual({ ...seedBody, priority: 1, virtual_network_id: 0, packet_length: 1, description: '' });
	});

	test('numbers and booleans that arrive as strings from expressions are sent as JSON numbers and booleans', async () => {
		const result = await create(
			{
				priority: '={{ $json.priority }}',
				additionalFields: { packetLength: '={{ $json.length }}', enabled: '={{ $json.enabled }}' },
			},
			{ items: [{ priority: '7', length: '128', enabled: 'false' }] },
		);
		expect(result.error).toBeUndefined();
		expect(creates()[0].body).toContain('"priority":7,');
		expect(sentSessions()[0]).toMatchObject({ priority: 7, packet_length: 128, enabled: false });
	});

	test('takes the sources as a comma-separated string with spaces', async () => {
		const result = await create({ trafficMirrorSources: ` ${SOURCE} ,  ${SOURCE_2} ` });
		expect(result.error).toBeUndefined();
		expect(sentSessions()[0]).toMatchObject({ traffic_mirror_sources: [SOURCE, SOURCE_2] });
	});

	test('takes the sources as an array from an expression', async () => {
		const result = await create({ trafficMirrorSources: `={{ ["${SOURCE}", "${SOURCE_2}"] }}` });
		expect(result.error).toBeUndefined();
		expect(sentSessions()[0]).toMatchObject({ traffic_mirror_sources: [SOURCE, SOURCE_2] });
	});

	test('takes ten sources, the most the API allows', async () => {
		const result = await create({ trafficMirrorSources: ids(10).join(',') });
		expect(result.error).toBeUndefined();
		expect(sentSessions()[0]).toMatchObject({ traffic_mirror_sources: ids(10) });
	});

	test('takes the filter and the target from the list mode of their resource locators', async () => {
		const result = await create({
			trafficMirrorFilterId: { __rl: true, mode: 'list', value: FILTER, cachedResultName: 'web-filter' },
			trafficMirrorTargetId: { __rl: true, mode: 'list', value: TARGET, cachedResultName: 'analyser-eth0' },
			trafficMirrorTargetType: 'elb',
		});
		expect(result.error).toBeUndefined();
		expect(sentSessions()[0]).toMatchObject({
			traffic_mirror_filter_id: FILTER,
			traffic_mirror_target_id: TARGET,
			traffic_mirror_target_type: 'elb',
		});
	});

	test('several input items: one request each, outputs in order with pairedItem', async () => {
		const names = ['mirror-a', 'mirror-b', '镜像-c'];
		const result = await create(
			{ name: '={{ $json.name }}', priority: '={{ $json.priority }}', requestOptions: { includeRequestId: true } },
			{ items: names.map((name, index) => ({ name, priority: index + 1 })) },
		);
		expect(result.error).toBeUndefined();
		expect(creates()).toHaveLength(3);
		expect(server.requests.every((request) => request.signatureValid)).toBe(true);
		expect(sentSessions().map((session) => (session as IDataObject).name)).toEqual(names);
		expect(sentSessions().map((session) => (session as IDataObject).priority)).toEqual([1, 2, 3]);
		expect(result.items.map((item) => item.json.name)).toEqual(names);
		// The answers carry consecutive request IDs, so the outputs are in the order of the requests.
		const requestNumbers = result.items.map((item) => Number(String(item.json._requestId).replace('request-', '')));
		expect(requestNumbers).toEqual([requestNumbers[0], requestNumbers[0] + 1, requestNumbers[0] + 2]);
		expect(new Set(result.items.map((item) => item.json.id)).size).toBe(3);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

interface RuleCase {
	rule: string;
	/** The parameter path, `additionalFields.x` for an optional field. */
	parameter: string;
	value: unknown;
	/** What the error message must contain: the field, the rule and the value. */
	field: string;
	ruleText: string;
	shown: string;
}

const NAME = 'Invalid Name (name): must be 1–64 characters, letters A–Z, digits, Chinese characters, underscores, hyphens and dots';
const SOURCES = 'Invalid Traffic Mirror Source Names or IDs (traffic_mirror_sources)';
const SOURCES_RULE = 'must be 1 to 10 distinct resource IDs (UUIDs), comma-separated or an array';

const ruleCases: RuleCase[] = [
	{ rule: 'name empty', parameter: 'name', value: '', field: NAME, ruleText: '', shown: 'got ""' },
	{ rule: 'name of 65 characters', parameter: 'name', value: 'n'.repeat(65), field: NAME, ruleText: '', shown: `got "${'n'.repeat(65)}"` },
	{ rule: 'name with a space', parameter: 'name', value: 'web mirror', field: NAME, ruleText: '', shown: 'got "web mirror"' },
	{ rule: 'name with a slash', parameter: 'name', value: 'web/mirror', field: NAME, ruleText: '', shown: 'got "web/mirror"' },
	{ rule: 'name with "<"', parameter: 'name', value: 'web<1>', field: NAME, ruleText: '', shown: 'got "web<1>"' },
	{
		rule: 'description of 256 characters',
		parameter: 'additionalFields.description',
		value: 'd'.repeat(256),
		field: 'Invalid Description (description)',
		ruleText: 'must be at most 255 characters, without "<" or ">"',
		shown: `got "${'d'.repeat(116)}...`,
	},
	{
		rule: 'description with "<"',
		parameter: 'additionalFields.description',
		value: 'a <b> c',
		field: 'Invalid Description (description)',
		ruleText: 'without "<" or ">"',
		shown: 'got "a <b> c"',
	},
	{
		rule: 'description with ">"',
		parameter: 'additionalFields.description',
		value: 'x > y',
		field: 'Invalid Description (description)',
		ruleText: 'without "<" or ">"',
		shown: 'got "x > y"',
	},
	{ rule: 'no sources', parameter: 'trafficMirrorSources', value: '', field: SOURCES, ruleText: SOURCES_RULE, shown: 'got ""' },
	{ rule: 'an empty array of sources', parameter: 'trafficMirrorSources', value: [], field: SOURCES, ruleText: SOURCES_RULE, shown: 'got []' },
	{ rule: '11 sources in an array', parameter: 'trafficMirrorSources', value: ids(11), field: SOURCES, ruleText: SOURCES_RULE, shown: `got ["${ids(11)[0]}",` },
	{ rule: '11 sources', parameter: 'trafficMirrorSources', value: ids(11).join(','), field: SOURCES, ruleText: SOURCES_RULE, shown: `got "${ids(11)[0]},` },
	{
		rule: 'an empty source between commas',
		parameter: 'trafficMirrorSources',
		value: `${SOURCE},,${SOURCE_2}`,
		field: SOURCES,
		ruleText: SOURCES_RULE,
		shown: `got "${SOURCE},,${SOURCE_2}"`,
	},
	{
		rule: 'duplicate sources',
		parameter: 'trafficMirrorSources',
		value: `${SOURCE}, ${SOURCE.toUpperCase()}`,
		field: SOURCES,
		ruleText: SOURCES_RULE,
		shown: `got "${SOURCE}, ${SOURCE.toUpperCase()}"`,
	},
	{ rule: 'a source that is not a UUID', parameter: 'trafficMirrorSources', value: `${SOURCE},../x`, field: SOURCES, ruleText: SOURCES_RULE, shown: '../x' },
	{
		rule: 'target type other than eni/elb',
		parameter: 'trafficMirrorTargetType',
		value: 'eip',
		field: 'Invalid Traffic Mirror Target Type (traffic_mirror_target_type)',
		ruleText: 'must be one of "eni", "elb"',
		shown: 'got "eip"',
	},
	...[-1, 16777216, 1.5].map((value) => ({
		rule: `VNI ${value}`,
		parameter: 'additionalFields.virtualNetworkId',
		value,
		field: 'Invalid Virtual Network ID (VNI) (virtual_network_id)',
		ruleText: 'must be an integer from 0 to 16777215',
		shown: `got ${value}`,
	})),
	...[0, 1461].map((value) => ({
		rule: `packet length ${value}`,
		parameter: 'additionalFields.packetLength',
		value,
		field: 'Invalid Packet Length (packet_length)',
		ruleText: 'must be an integer from 1 to 1460',
		shown: `got ${value}`,
	})),
	// From an expression or a spreadsheet, as text: only decimal digits make a number.
	...['0x10', '1e2', '12.0', '010'].map((value) => ({
		rule: `priority ${JSON.stringify(value)}`,
		parameter: 'priority',
		value,
		field: 'Invalid Priority (priority)',
		ruleText: 'must be an integer from 1 to 32766',
		shown: `got "${value}"`,
	})),
	...[0, 32767].map((value) => ({
		rule: `priority ${value}`,
		parameter: 'priority',
		value,
		field: 'Invalid Priority (priority)',
		ruleText: 'must be an integer from 1 to 32766',
		shown: `got ${value}`,
	})),
	{
		rule: 'source type other than eni',
		parameter: 'additionalFields.type',
		value: 'eip',
		field: 'Invalid Source Type (type)',
		ruleText: 'must be one of "eni"',
		shown: 'got "eip"',
	},
	{
		rule: 'enabled that is not a boolean',
		parameter: 'additionalFields.enabled',
		value: 'maybe',
		field: 'Invalid Enabled (enabled)',
		ruleText: 'must be true or false',
		shown: 'got "maybe"',
	},
];

/**
 * Seed parameters with one value taken from the input item by an expression, the way bad values reach a node: a
 * fixed value that breaks a required field or an ID mode's pattern is already refused by n8n before the run.
 */
function fromItem(parameter: string): INodeParameters {
	const expression = '={{ $json.value }}';
	const [head, child] = parameter.split('.');
	if (child) return { [head]: { [child]: expression } } as INodeParameters;
	const current = (seedParameters as IDataObject)[head];
	if (current && typeof current === 'object' && '__rl' in current) {
		return { [head]: { ...current, value: expression } } as INodeParameters;
	}
	return { [head]: expression } as INodeParameters;
}

describe('create: each rule of the API is checked before anything is sent', () => {
	test.each(ruleCases)('$rule → NodeOperationError naming field, rule and value; no request', async (ruleCase) => {
		const result = await create(fromItem(ruleCase.parameter), { items: [{ value: ruleCase.value } as IDataObject] });
		const error = expectError(result);
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toContain(ruleCase.field);
		expect(error.message).toContain(ruleCase.ruleText);
		expect(error.message).toContain(ruleCase.shown.replace(/\r\n/g, '\\r\\n'));
		expect(error.context).toMatchObject({ itemIndex: 0 });
		expect(error.description).toContain('nothing was sent');
		expect(server.requests).toHaveLength(0);
		expect(result.items).toHaveLength(0);
	});

	test('the error counts the failing item from 1, as the editor does, beside n8n’s own 0-based Item Index', async () => {
		const items = [{ value: 'first' }, { value: 'second' }, { value: 'third one' }] as IDataObject[];
		const error = expectError(await create(fromItem('name'), { items }));
		expect(error.context).toMatchObject({ itemIndex: 2 });
		expect(error.description).toBe(
			'The value of "Name" for item 3 (Item Index 2) breaks the API\'s rule, so nothing was sent for this item.',
		);
		expect(creates()).toHaveLength(2);
	});

	test('fixed values that n8n itself can check (a required field left empty, an ID mode pattern) stop the run before it starts', async () => {
		await expect(create({ name: '' })).rejects.toThrow('The workflow has issues');
		await expect(create(withFixedId('trafficMirrorFilterId', '../x'))).rejects.toThrow('The workflow has issues');
		expect(server.requests).toHaveLength(0);
	});

	test('accepts Chinese characters and the full 64 characters in a name', async () => {
		const result = await create({ name: `流量镜像-${'x'.repeat(59)}` });
		expect(result.error).toBeUndefined();
		expect(sentSessions()[0]).toMatchObject({ name: `流量镜像-${'x'.repeat(59)}` });
	});

	test('a bad item fails on its own itemIndex; the items before it were sent, the bad one was not', async () => {
		const result = await create(
			{ name: '={{ $json.name }}' },
			{ items: [{ name: 'first' }, { name: 'second' }, { name: 'bad name' }, { name: 'never-reached' }] },
		);
		const error = expectError(result);
		expect(error.name).toBe('NodeOperationError');
		expect(error.context).toMatchObject({ itemIndex: 2 });
		expect(error.message).toContain('got "bad name"');
		expect(sentSessions().map((session) => (session as IDataObject).name)).toEqual(['first', 'second']);
	});
});

function withFixedId(parameter: 'trafficMirrorFilterId' | 'trafficMirrorTargetId', value: string): INodeParameters {
	return { [parameter]: { __rl: true, mode: 'id', value } };
}

describe('create: Continue On Fail', () => {
	test('a bad item in the middle becomes an error item with its pairedItem; the others are created', async () => {
		const result = await create(
			{ name: '={{ $json.name }}' },
			{
				items: [{ name: 'mirror-1' }, { name: 'bad/name' }, { name: 'mirror-3' }],
				settings: { onError: 'continueRegularOutput' },
			},
		);
		expect(result.error).toBeUndefined();
		expect(sentSessions().map((session) => (session as IDataObject).name)).toEqual(['mirror-1', 'mirror-3']);
		expect(result.items).toHaveLength(3);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json).toMatchObject({ name: 'mirror-1' });
		expect(result.items[1].json.error).toContain('Invalid Name (name)');
		expect(result.items[1].json.error).toContain('got "bad/name"');
		expect(result.items[2].json).toMatchObject({ name: 'mirror-3' });
	});

	test('an API error in the middle becomes an error item with the HTTP status', async () => {
		server.respondWith(
			{ status: 201, body: { traffic_mirror_session: { id: ids(1)[0], name: 'mirror-1' }, request_id: 'r1' } },
			{ status: 409, body: { error_code: 'VPC.0409', error_msg: 'Priority already used', request_id: 'r2' } },
		);
		const result = await create(
			{ name: '={{ $json.name }}' },
			{ items: [{ name: 'mirror-1' }, { name: 'mirror-2' }, { name: 'mirror-3' }], settings: { onError: 'continueRegularOutput' } },
		);
		expect(result.error).toBeUndefined();
		expect(creates()).toHaveLength(3);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[1].json).toMatchObject({ httpCode: '409' });
		expect(result.items[1].json.error).toContain('VPC.0409');
		expect(result.items[1].json.description).toContain('Request ID: r2');
		expect(result.items[2].json).toMatchObject({ name: 'mirror-3' });
	});

	test('with Continue (using error output), a failed item leaves on the error output with its details', async () => {
		server.respondWith(
			{ status: 201, body: { traffic_mirror_session: { id: ids(1)[0], name: 'mirror-1' }, request_id: 'r1' } },
			{ status: 409, body: { error_code: 'VPC.0409', error_msg: 'Priority already used', request_id: 'r2' } },
		);
		const result = await create(
			{ name: '={{ $json.name }}' },
			{ items: [{ name: 'mirror-1' }, { name: 'mirror-2' }], settings: { onError: 'continueErrorOutput' } },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.name, item.pairedItem])).toEqual([['mirror-1', { item: 0 }]]);
		expect(result.errorItems).toHaveLength(1);
		const [failed] = result.errorItems;
		expect(failed.pairedItem).toEqual({ item: 1 });
		// n8n keeps only the message in an error-output item's json; the details stay on the item's error.
		expect(failed.json.error).toContain('VPC.0409');
		expect(failed.error).toMatchObject({ httpCode: '409', description: expect.stringContaining('Request ID: r2') });
	});
});

describe('create: API errors', () => {
	test('a 400 with error_code/error_msg/request_id becomes a NodeApiError that shows all three', async () => {
		server.respondWith({
			status: 400,
			body: { error_code: 'VPC.0002', error_msg: 'The traffic mirror filter does not exist', request_id: 'b1e0c0de-400' },
		});
		const error = expectError(await create({}));
		expect(creates()).toHaveLength(1);
		expect(error.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('400');
		expect(error.message).toContain('VPC.0002');
		expect(error.message).toContain('The traffic mirror filter does not exist');
		expect(error.description).toContain('Error code: VPC.0002');
		expect(error.description).toContain('Error message: The traffic mirror filter does not exist');
		expect(error.description).toContain('Request ID: b1e0c0de-400');
		expect(error.context).toMatchObject({ itemIndex: 0 });
	});

	test('a 401 from a wrong secret key is sent once, never retried', async () => {
		const result = await runNode({
			parameters: seedParameters,
			credentials: server.credentials({ secretAccessKey: 'not-the-secret-key' }),
		});
		const error = expectError(result);
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].signatureValid).toBe(false);
		expect(error.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('401');
		expect(error.message).toContain('APIGW.0301');
	});
});

describe('create: against the emulator, which states the service\'s rules for itself', () => {
	test('the session the node builds with every field is accepted and stored as sent', async () => {
		const api = await startApiFixture();
		try {
			const filterId = (await api.createFilter({ name: 'web-filter' })).id;
			const result = await api.run({
				...seedParameters,
				name: '流量镜像-web',
				trafficMirrorFilterId: byId(filterId),
				additionalFields: { description: 'all fields', enabled: false, packetLength: 128, type: 'eni', virtualNetworkId: 0 },
			});
			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toMatchObject({
				name: '流量镜像-web',
				description: 'all fields',
				traffic_mirror_filter_id: filterId,
				traffic_mirror_sources: [SOURCE],
				traffic_mirror_target_id: TARGET,
				traffic_mirror_target_type: 'eni',
				priority: 11,
				enabled: false,
				packet_length: 128,
				virtual_network_id: 0,
				type: 'eni',
				project_id: api.emulator.options.projectId,
			});
			expect(result.items[0].json.id).toEqual(expect.any(String));
			expect(api.emulator.counters().created.sessions).toBe(1);
		} finally {
			await api.close();
		}
	});
});

describe('create: nothing but the POST when nothing fails', () => {
	test('each create sends one request, and no list of what exists', async () => {
		await create({ name: '={{ $json.name }}' }, { items: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] });
		expect(server.requests.map((request) => [request.method, request.query])).toEqual([
			['POST', {}],
			['POST', {}],
			['POST', {}],
		]);
	});
});
