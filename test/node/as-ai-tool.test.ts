/**
 * The node as an AI agent's tool (the README's "Using it as an AI agent tool"): parameters written as `$fromAI()`
 * expressions become the tool's arguments, which the model fills in. n8n-core's getSchema is what n8n builds the
 * tool's argument schema with; the engine resolves each `$fromAI()` from the arguments of the call, which n8n hands
 * the node as the input item's `query`.
 */
import { getSchema } from 'n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool';
import { getToolDescriptionForNode, type INode, type INodeParameters } from 'n8n-workflow';

import { HuaweiCloudVpc } from '../../nodes/HuaweiCloudVpc/HuaweiCloudVpc.node';
import { startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { runNode, shutDownEngine } from '../helpers/engine';
import { byId, sessionCreateParameters } from '../helpers/parameters';

// The README's examples, as written there.
const NAME = "={{ $fromAI('session_name', 'Name of the traffic mirror session: up to 64 letters, digits, underscores, hyphens and dots', 'string') }}";
const PRIORITY = "={{ $fromAI('priority', 'Session priority from 1 to 32766; a smaller number means a higher priority', 'number') }}";
const SESSION_ID = "={{ $fromAI('session_id', 'ID of the traffic mirror session', 'string') }}";

let fixture: ApiFixture;
let filterId: string;
beforeAll(async () => {
	fixture = await startApiFixture();
	filterId = (await fixture.createFilter()).id;
});
afterAll(async () => {
	await fixture.close();
	shutDownEngine();
});

/** The tool's argument schema, as n8n builds it from the node's parameters. */
const toolArguments = (parameters: INodeParameters) => {
	const shape = getSchema({ parameters } as INode).shape as Record<string, { _def: { typeName: string; description?: string } }>;
	return Object.fromEntries(Object.entries(shape).map(([key, type]) => [key, type._def.typeName]));
};

test('Create with $fromAI in Name and Priority: the tool asks for both, and the session gets what the model chose', async () => {
	const parameters = sessionCreateParameters(filterId, { name: NAME, priority: PRIORITY });
	expect(toolArguments(parameters)).toEqual({ session_name: 'ZodString', priority: 'ZodNumber' });

	const result = await runNode({
		parameters,
		credentials: fixture.credentials(),
		items: [{ query: { session_name: 'agent-web-01-mirror', priority: 7 } }],
	});
	expect(result.error).toBeUndefined();
	const created = result.items[0].json as { id: string };
	expect(await fixture.showSession(created.id)).toMatchObject({ name: 'agent-web-01-mirror', priority: 7 });
});

test('Get with $fromAI as the session ID (By ID): the tool asks for the ID and returns that session', async () => {
	const session = await fixture.createSession(filterId, { name: 'asked-for' });
	const parameters = { resource: 'trafficMirrorSession', operation: 'get', trafficMirrorSessionId: byId(SESSION_ID) };
	expect(toolArguments(parameters)).toEqual({ session_id: 'ZodString' });

	const result = await runNode({ parameters, credentials: fixture.credentials(), items: [{ query: { session_id: session.id } }] });
	expect(result.error).toBeUndefined();
	expect(result.items[0].json).toMatchObject({ id: session.id, name: 'asked-for' });
});

test('an options field takes $fromAI typed as an expression (the editor offers no button for it): If Name Exists', async () => {
	const existing = await fixture.createSession(filterId, { name: 'already-there' });
	const parameters = sessionCreateParameters(filterId, {
		name: 'already-there',
		ifNameExists: "={{ $fromAI('if_name_exists', 'createAnother, fail or returnExisting', 'string') }}",
	});
	expect(toolArguments(parameters)).toEqual({ if_name_exists: 'ZodString' });

	const result = await runNode({ parameters, credentials: fixture.credentials(), items: [{ query: { if_name_exists: 'returnExisting' } }] });
	expect(result.error).toBeUndefined();
	expect(result.items[0].json).toMatchObject({ id: existing.id });
});

describe('node version 2: the names an agent can be given', () => {
	// The paths n8n's editor never offers "let the model define this" for (PATH_DENYLIST in its fromAI override).
	const DENIED = ['name', 'toolName', 'description', 'toolDescription'];

	test('no top-level parameter shown in version 2 has a name the editor denies the button to', () => {
		const shownInVersion2 = new HuaweiCloudVpc().description.properties.filter((property) => {
			const version = property.displayOptions?.show?.['@version'] as Array<{ _cnd?: { lt?: number } }> | undefined;
			return !version?.some((condition) => condition._cnd?.lt !== undefined && condition._cnd.lt <= 2);
		});
		expect(shownInVersion2.map((property) => property.name).filter((name) => DENIED.includes(name))).toEqual([]);
		// Version 1 keeps `name`, so workflows saved with it run as they did.
		expect(new HuaweiCloudVpc().description.properties.filter((property) => property.name === 'name')).toHaveLength(3);
	});

	test("Create's Session Name takes $fromAI, and the session gets the model's name", async () => {
		const parameters = sessionCreateParameters(filterId, { sessionName: NAME });
		delete parameters.name;
		expect(toolArguments(parameters)).toEqual({ session_name: 'ZodString' });
		const result = await runNode({
			parameters,
			credentials: fixture.credentials(),
			items: [{ query: { session_name: 'agent-v2-mirror' } }],
			settings: { typeVersion: 2 },
		});
		expect(result.error).toBeUndefined();
		expect(await fixture.showSession((result.items[0].json as { id: string }).id)).toMatchObject({ name: 'agent-v2-mirror' });
	});

	test("Filter Create's Filter Name, in version 2; Name in version 1", async () => {
		const v2 = await runNode({
			parameters: { resource: 'trafficMirrorFilter', operation: 'create', filterName: 'v2-filter' },
			credentials: fixture.credentials(),
			settings: { typeVersion: 2 },
		});
		expect(v2.items[0].json).toMatchObject({ name: 'v2-filter' });
		const v1 = await runNode({ parameters: { resource: 'trafficMirrorFilter', operation: 'create', name: 'v1-filter' }, credentials: fixture.credentials() });
		expect(v1.items[0].json).toMatchObject({ name: 'v1-filter' });
	});
});

test("the tool's automatic description says what each operation acts on and needs", () => {
	const { description } = new HuaweiCloudVpc();
	const auto = (resource: string, operation: string) =>
		getToolDescriptionForNode({ parameters: { resource, operation, descriptionType: 'auto' } } as unknown as INode, { description } as never);
	expect(auto('trafficMirrorSession', 'mirrorServer')).toBe('Mirror servers to a target through a filter in Huawei Cloud VPC');
	expect(auto('trafficMirrorSession', 'create')).toBe('Create a traffic mirror session from network interfaces to a target in Huawei Cloud VPC');
	expect(auto('trafficMirrorFilterRule', 'get')).toBe('Get a traffic mirror filter rule by ID in Huawei Cloud VPC');
});
