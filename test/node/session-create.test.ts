import { NODE_NAME, runNode, shutDownEngine } from '../helpers/engine';
import { startSignatureServer, TEST_CREDENTIALS, type SignatureServer } from '../helpers/signature-server';

const FILTER = 'b765ba87-c0b4-4f1a-9ec3-d5b1d1ddb137';
const SOURCE = '6134900d-31a6-4b71-8453-dbca7f26982a';
const TARGET = 'c9f8acef-d550-4fbe-be7c-e8bfd3501dc1';

let server: SignatureServer;
beforeEach(async () => {
	server = await startSignatureServer();
});
afterEach(async () => await server.close());
afterAll(() => shutDownEngine());

const credentials = () => ({ ...TEST_CREDENTIALS, region: 'custom', endpoint: server.url });

/** The seed page's example request, as node parameters. */
const seedParameters = {
	resource: 'trafficMirrorSession',
	operation: 'create',
	name: 'test-session',
	trafficMirrorFilterId: { __rl: true, mode: 'id', value: FILTER },
	trafficMirrorSources: SOURCE,
	trafficMirrorTargetType: 'eni',
	trafficMirrorTargetId: { __rl: true, mode: 'id', value: TARGET },
	priority: 11,
};

test('creates the seed example session with a signed request', async () => {
	const result = await runNode({ parameters: seedParameters, credentials: credentials() });
	expect(result.error).toBeUndefined();
	expect(server.requests).toHaveLength(1);
	const [request] = server.requests;
	expect(request.signatureValid).toBe(true);
	expect(request.method).toBe('POST');
	expect(request.path).toBe(`/v3/${TEST_CREDENTIALS.projectId}/vpc/traffic-mirror-sessions`);
	expect(request.json).toEqual({
		traffic_mirror_session: {
			name: 'test-session',
			traffic_mirror_filter_id: FILTER,
			traffic_mirror_sources: [SOURCE],
			traffic_mirror_target_type: 'eni',
			traffic_mirror_target_id: TARGET,
			priority: 11,
			enabled: true,
		},
	});
	expect(result.items).toHaveLength(1);
	expect(result.items[0].json).toMatchObject({ name: 'test-session', request_id: 'request-1' });
	expect(result.items[0].pairedItem).toEqual({ item: 0 });
	expect(NODE_NAME).toBe('Huawei Cloud VPC');
});
