/**
 * What an error keeps once n8n has stored it (n8n stores an error's message, description, context and cause only),
 * the IAM action a 403 names, and a redirect reported instead of followed.
 */
import { ROUTES } from '../../emulator/router';
import { apiOperationOf, IAM_ACTIONS } from '../../nodes/HuaweiCloudVpc/transport/iam';
import { shutDownEngine } from '../helpers/engine';
import { startForeignOrigin } from '../helpers/foreign-origin';
import { byId, sessionCreateParameters } from '../helpers/parameters';
import { namedItems, startFaultyApi, type FaultyApi } from './helpers';

let api: FaultyApi;
afterEach(async () => await api?.close());
afterAll(() => shutDownEngine());

/** The error as n8n stores it with the execution: through its toJSON, as JSON. */
const stored = (error: unknown) => JSON.parse(JSON.stringify(error)) as Record<string, unknown>;

describe('the IAM action of every API call', () => {
	test.each(ROUTES.map((route) => [route.name, route]))('%s, recognised from its method and path', (name, route) => {
		const [, version, , ...rest] = route.pattern.split('/');
		expect(apiOperationOf(route.method as 'GET', version as 'v1' | 'v3', `/${rest.join('/')}`)).toBe(name);
	});

	test("the actions Huawei's API reference names", () => {
		expect(IAM_ACTIONS).toMatchObject({
			CreateTrafficMirrorSession: 'vpc:trafficMirrorSessions:create',
			ListTrafficMirrorSessions: 'vpc:trafficMirrorSessions:list',
			ShowTrafficMirrorSession: 'vpc:trafficMirrorSessions:get',
			UpdateTrafficMirrorSession: 'vpc:trafficMirrorSessions:update',
			DeleteTrafficMirrorSession: 'vpc:trafficMirrorSessions:delete',
			AddSourcesToTrafficMirrorSession: 'vpc:trafficMirrorSessions:addSource',
			RemoveSourcesFromTrafficMirrorSession: 'vpc:trafficMirrorSessions:removeSource',
			CreateTrafficMirrorFilter: 'vpc:trafficMirrorFilters:create',
			CreateTrafficMirrorFilterRule: 'vpc:trafficMirrorFilterRules:create',
		});
	});

	test('a path with an ID in it, and one the table does not hold', () => {
		expect(apiOperationOf('PUT', 'v3', '/vpc/traffic-mirror-sessions/3f9c2d6e-8a41-4b7e-9c55-1d2e3f4a5b6c/add-sources')).toBe(
			'AddSourcesToTrafficMirrorSession',
		);
		expect(apiOperationOf('PATCH', 'v3', '/vpc/traffic-mirror-sessions')).toBeUndefined();
		expect(apiOperationOf('GET', 'v3', '/vpc/ports')).toBeUndefined();
	});
});

describe("Huawei's error as n8n stores it", () => {
	test('a 403 keeps the raw body in context.data and names the IAM action the refused call needs', async () => {
		api = await startFaultyApi();
		api.emulator.setFaults({ script: [{ operation: 'CreateTrafficMirrorSession', status: 403 }] });
		const result = await api.runCreate(namedItems(1));
		const error = stored(result.error);
		expect(error.message).toBe('Huawei Cloud API error 403: APIGW.0302: The IAM user is not authorized to access the API');
		expect(error.context).toMatchObject({
			data: { error_code: 'APIGW.0302', error_msg: 'The IAM user is not authorized to access the API', request_id: expect.any(String) },
		});
		expect(error.description).toContain('needs the IAM action vpc:trafficMirrorSessions:create');
	});

	test("a refused look-up names the list action, not the create's", async () => {
		api = await startFaultyApi();
		api.emulator.setFaults({ script: [{ operation: 'ListTrafficMirrorSessions', status: 403 }] });
		const result = await api.run(sessionCreateParameters(api.filterId, { ifNameExists: 'fail' }), namedItems(1));
		expect(stored(result.error).description).toContain('needs the IAM action vpc:trafficMirrorSessions:list');
		expect(api.requestsOf('CreateTrafficMirrorSession')).toBe(0);
	});

	test('a 404 from the service keeps its code and request ID in context.data', async () => {
		api = await startFaultyApi();
		const result = await api.run(
			{ resource: 'trafficMirrorSession', operation: 'get', trafficMirrorSessionId: byId('00000000-0000-4000-8000-000000000000') },
			[{}],
		);
		expect(stored(result.error).context).toMatchObject({
			data: { error_code: 'VPC.0003', error_msg: expect.stringContaining('could not be found'), request_id: expect.any(String) },
		});
	});
});

describe('redirects', () => {
	test.each([302, 307])('a %i to another origin is an error naming it, and nothing is sent there', async (status) => {
		api = await startFaultyApi();
		const foreign = await startForeignOrigin();
		try {
			api.emulator.setFaults({ script: [{ operation: 'CreateTrafficMirrorSession', redirect: foreign.origin, status }] });
			const result = await api.runCreate(namedItems(1));
			expect(result.error?.message).toBe(
				`The endpoint answered ${status} with a redirect to ${foreign.origin}/v3/${api.emulator.options.projectId}/vpc/traffic-mirror-sessions, which was not followed`,
			);
			expect(stored(result.error).context).toMatchObject({ data: { location: expect.stringContaining(foreign.origin) } });
			expect(foreign.requests).toEqual([]);
			// Not retried: a redirect does not go away.
			expect(api.requestsOf('CreateTrafficMirrorSession')).toBe(1);
		} finally {
			await foreign.close();
		}
	});
});
