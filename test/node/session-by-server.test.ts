/**
 * Mirror sources and target named the way alerts name servers: by ECS instance ID or private IP address, looked up
 * through the VPC ports API before anything is created or changed, through n8n's engine against the emulator.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEMO_PORTS, DEMO_SERVERS } from '../../emulator/server';
import { startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { demoPortId } from '../helpers/ids';
import { runNode, shutDownEngine } from '../helpers/engine';
import { startSignatureServer } from '../helpers/signature-server';
import { byId, sessionCreateParameters } from '../helpers/parameters';

const WEB_01 = demoPortId('ecs-web-01-eth0');
const WEB_02 = demoPortId('ecs-web-02-eth0');
const DB_01 = demoPortId('ecs-db-01-eth0');
const DB_01_ETH1 = demoPortId('ecs-db-01-eth1');
const ANALYSER = demoPortId('analyser-eth0');
const TEST_01 = demoPortId('ecs-test-01-eth0');

let fixture: ApiFixture;
let filterId: string;
beforeEach(async () => {
	fixture = await startApiFixture();
	filterId = (await fixture.createFilter()).id;
});
afterEach(async () => await fixture.close());
afterAll(() => shutDownEngine());

const byServers = (servers: string, extra: INodeParameters = {}): INodeParameters => ({
	sourcesBy: 'server',
	sourceServers: servers,
	...extra,
});
const targetServer = (value: string) => ({ __rl: true, mode: 'server', value });

const create = (extra: INodeParameters, items: IDataObject[] = [{ name: 'alert-mirror' }]) =>
	fixture.run(sessionCreateParameters(filterId, extra), items);

test('sources by ECS instance ID and the target by IP: the primary interfaces are mirrored, and the output says which', async () => {
	const result = await create({
		...byServers(`${DEMO_SERVERS.web01}, ${DEMO_SERVERS.db01}`),
		trafficMirrorTargetId: targetServer('192.168.0.100'),
	});
	expect(result.error).toBeUndefined();
	const [{ json }] = result.items;
	expect(json).toMatchObject({ traffic_mirror_sources: [WEB_01, DB_01], traffic_mirror_target_id: ANALYSER });
	expect(json._resolvedPorts).toEqual({
		sources: [
			{
				given: DEMO_SERVERS.web01,
				givenAs: 'ecsInstanceId',
				portId: WEB_01,
				name: 'ecs-web-01-eth0',
				ipAddresses: ['192.168.0.11', '2407:c080:11f0:a::11'],
				ecsInstanceId: DEMO_SERVERS.web01,
				primary: true,
				networkId: expect.any(String),
			},
			expect.objectContaining({ given: DEMO_SERVERS.db01, portId: DB_01, ipAddresses: ['192.168.0.21'], primary: true }),
		],
		target: expect.objectContaining({
			given: '192.168.0.100',
			givenAs: 'ipAddress',
			portId: ANALYSER,
			name: 'analyser-eth0',
			ecsInstanceId: DEMO_SERVERS.analyser,
		}),
	});
	const stored = await fixture.showSession(String(json.id));
	expect(stored).toMatchObject({ traffic_mirror_sources: [WEB_01, DB_01], traffic_mirror_target_id: ANALYSER });
	expect(fixture.requestsOf('ListPorts')).toBe(3);
});

test('All Interfaces mirrors every network interface of the server', async () => {
	const result = await create({ ...byServers(DEMO_SERVERS.db01, { sourceInterfaces: 'all' }) });
	expect(result.error).toBeUndefined();
	expect(result.items[0].json.traffic_mirror_sources).toEqual([DB_01, DB_01_ETH1]);
	expect((result.items[0].json._resolvedPorts as IDataObject).sources).toEqual([
		expect.objectContaining({ portId: DB_01, primary: true }),
		expect.objectContaining({ portId: DB_01_ETH1, primary: false, ipAddresses: ['192.168.1.21'] }),
	]);
});

test('addresses (IPv6 in any spelling) and instance IDs mixed; an interface named twice is mirrored once', async () => {
	const result = await create(byServers(`192.168.0.12, 2407:C080:11F0:A:0:0:0:11, ${DEMO_SERVERS.db01}, ${DEMO_SERVERS.web02}`));
	expect(result.error).toBeUndefined();
	expect(result.items[0].json.traffic_mirror_sources).toEqual([WEB_02, WEB_01, DB_01]);
	expect((result.items[0].json._resolvedPorts as IDataObject).sources).toEqual([
		expect.objectContaining({ given: '192.168.0.12', givenAs: 'ipAddress', portId: WEB_02 }),
		expect.objectContaining({ given: '2407:c080:11f0:a::11', givenAs: 'ipAddress', portId: WEB_01 }),
		expect.objectContaining({ given: DEMO_SERVERS.db01, givenAs: 'ecsInstanceId', portId: DB_01 }),
	]);
	const dualStack = fixture.emulator.addPort({ fixed_ips: [{ ip_address: '10.1.1.1' }, { ip_address: 'fd00::1' }] });
	const once = await create(byServers('10.1.1.1, FD00:0::1'), [{ name: 'dual-stack' }]);
	expect(once.items[0].json.traffic_mirror_sources).toEqual([dualStack.id]);
	expect((once.items[0].json._resolvedPorts as IDataObject).sources).toEqual([expect.objectContaining({ given: '10.1.1.1' })]);
});

test('the target by ECS instance ID is the server\'s primary interface', async () => {
	const result = await create({ trafficMirrorTargetId: targetServer(DEMO_SERVERS.analyser) });
	expect(result.error).toBeUndefined();
	expect(result.items[0].json).toMatchObject({
		traffic_mirror_target_id: ANALYSER,
		_resolvedPorts: { target: expect.objectContaining({ givenAs: 'ecsInstanceId', portId: ANALYSER }) },
	});
	expect(result.items[0].json._resolvedPorts).not.toHaveProperty('sources');
});

describe('a server or address that names no single interface fails the item, says what was found, and creates nothing', () => {
	const expectNothingCreated = () => expect(fixture.requestsOf('CreateTrafficMirrorSession')).toBe(0);

	test('an instance with no network interface', async () => {
		const missing = 'c1f2e3d4-0a1b-4c2d-8e3f-999999999999';
		const result = await create(byServers(missing));
		expect(result.error?.message).toBe(
			`No network interface found for ECS instance ${missing}: the VPC ports API lists no port of that server in this project`,
		);
		expect(result.error?.description).toMatch(/region and project.*No traffic mirror session was created or changed/s);
		expectNothingCreated();
	});

	test('an address held by interfaces in two VPCs names both', async () => {
		const result = await create(byServers('192.168.0.11'));
		expect(result.error?.message).toBe(
			`192.168.0.11 is held by 2 network interfaces, in different networks: ` +
				`ecs-web-01-eth0 (port ${WEB_01}, 192.168.0.11, 2407:c080:11f0:a::11, ECS instance ${DEMO_SERVERS.web01}); ` +
				`ecs-test-01-eth0 (port ${TEST_01}, 192.168.0.11, ECS instance ${DEMO_SERVERS.test01})`,
		);
		expect(result.error?.description).toMatch(/^Give the mirror source by ECS instance ID or by network interface ID instead/);
		expectNothingCreated();
	});

	test('an address of a virtual IP, not of a server', async () => {
		const result = await create(byServers('192.168.0.50'));
		expect(result.error?.message).toMatch(/^192\.168\.0\.50 is not an ECS server's address: it is held by vip-web \(port .*, neutron:VIP_PORT\)$/);
		expectNothingCreated();
	});

	test('an address nobody holds', async () => {
		const result = await create({ trafficMirrorTargetId: targetServer('192.168.9.9') });
		expect(result.error?.message).toBe('No network interface in this project holds the private IP address 192.168.9.9');
		expectNothingCreated();
	});

	test('a device that is not an ECS instance', async () => {
		const gateway = DEMO_PORTS.find((candidate) => candidate.device_owner === 'network:router_interface_distributed');
		const result = await create(byServers(String(gateway?.device_id)));
		expect(result.error?.message).toMatch(/is not an ECS instance: its port belongs to port .*, 192\.168\.0\.1, network:router_interface_distributed$/);
		expectNothingCreated();
	});

	test('a server with several interfaces none of which is marked primary, for Primary Interface Only', async () => {
		const server = 'c1f2e3d4-0a1b-4c2d-8e3f-000000000041';
		for (const name of ['eth0', 'eth1']) fixture.emulator.addPort({ name, device_id: server, primary_interface: false });
		const result = await create(byServers(server));
		expect(result.error?.message).toMatch(
			new RegExp(`^ECS instance ${server} has 2 network interfaces and none is marked primary: eth0 \\(port .*\\); eth1 \\(port .*\\)$`),
		);
		expect(result.error?.description).toMatch(/^Choose "All Interfaces" under Interfaces to Mirror/);
		expectNothingCreated();
		const all = await create(byServers(server, { sourceInterfaces: 'all' }));
		expect(all.items[0].json.traffic_mirror_sources).toHaveLength(2);
	});

	test('a server with one interface needs no primary flag', async () => {
		const server = 'c1f2e3d4-0a1b-4c2d-8e3f-000000000042';
		const only = fixture.emulator.addPort({ name: 'eth0', device_id: server, primary_interface: false });
		const result = await create(byServers(server));
		expect(result.items[0].json.traffic_mirror_sources).toEqual([only.id]);
	});

	test('more interfaces than a session can hold, naming what each server found', async () => {
		const [big, small] = ['c1f2e3d4-0a1b-4c2d-8e3f-000000000051', 'c1f2e3d4-0a1b-4c2d-8e3f-000000000052'];
		for (let index = 0; index < 6; index++) fixture.emulator.addPort({ device_id: big });
		for (let index = 0; index < 5; index++) fixture.emulator.addPort({ device_id: small });
		const result = await create(byServers(`${big},${small}`, { sourceInterfaces: 'all' }));
		expect(result.error?.message).toMatch(
			new RegExp(`^The mirror sources resolve to 11 network interfaces, more than the 10 a traffic mirror session can have\\. ${big}: 6 \\(.*\\); ${small}: 5 \\(.*\\)$`),
		);
		expect(result.error?.description).toMatch(/^Choose "Primary Interface Only"/);
		expectNothingCreated();
	});

	test('a server\'s interfaces are read past the first page of the ports API', async () => {
		const server = 'c1f2e3d4-0a1b-4c2d-8e3f-000000000061';
		for (let index = 0; index < 2001; index++) fixture.emulator.addPort({ device_id: server });
		const result = await create(byServers(server, { sourceInterfaces: 'all' }));
		expect(result.error?.message).toMatch(/^The mirror sources resolve to 2001 network interfaces/);
		expect(fixture.requestsOf('ListPorts')).toBe(2);
	});

	test('a target by server or address while the target type is a load balancer', async () => {
		const result = await create({ trafficMirrorTargetType: 'elb', trafficMirrorTargetId: targetServer('192.168.0.100') });
		expect(result.error?.message).toBe(
			'A mirror target given By Server (ECS Instance ID or IP) must be a network interface, but Traffic Mirror Target Type is "elb"',
		);
		expect(fixture.totalRequests()).toBe(1);
	});
});

test('malformed servers or addresses fail before any request', async () => {
	const before = fixture.totalRequests();
	const badAddress = await create(byServers('192.168.0.300'));
	expect(badAddress.error?.message).toBe(
		'Invalid Servers: must be 1 to 10 distinct ECS instance IDs (UUIDs) or private IPv4 or IPv6 addresses, comma-separated or an array; got "192.168.0.300"',
	);
	const badName = await create(byServers(`${DEMO_SERVERS.web01}, web-01`));
	expect(badName.error?.message).toMatch(/^Invalid Servers: must be 1 to 10 distinct ECS instance IDs/);
	const badTarget = await create({ trafficMirrorTargetId: targetServer('analyser') });
	expect(badTarget.error?.message).toBe(
		'Invalid Traffic Mirror Target (traffic_mirror_target_id): must be an ECS instance ID (UUID) or a private IPv4 or IPv6 address; got "analyser"',
	);
	expect(fixture.totalRequests()).toBe(before);
});

test('Return Existing answers a re-fired alert with the existing session and what the servers resolved to', async () => {
	const parameters = { ...byServers(DEMO_SERVERS.web01), ifNameExists: 'returnExisting' };
	const first = await create(parameters);
	const again = await create(parameters);
	expect(again.error).toBeUndefined();
	expect(again.items[0].json).toMatchObject({
		id: first.items[0].json.id,
		_resolvedPorts: { sources: [expect.objectContaining({ portId: WEB_01 })] },
	});
	expect(fixture.createsByName()).toEqual({ 'alert-mirror': 1 });
});

test('with Continue On Fail, an item whose server is unknown is an error item; the others are created', async () => {
	const result = await fixture.run(
		sessionCreateParameters(filterId, { ...byServers('={{ $json.server }}') }),
		[
			{ name: 'known', server: DEMO_SERVERS.web02 },
			{ name: 'unknown', server: 'c1f2e3d4-0a1b-4c2d-8e3f-999999999999' },
		],
		{ onError: 'continueRegularOutput' },
	);
	expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(result.items[0].json.traffic_mirror_sources).toEqual([WEB_02]);
	expect(result.items[1].json.error).toMatch(/^No network interface found for ECS instance c1f2e3d4-0a1b-4c2d-8e3f-999999999999/);
	expect(fixture.createsByName()).toEqual({ known: 1 });
});

describe('Add Sources and Remove Sources by server or address', () => {
	const change = (operation: 'addSources' | 'removeSources', sessionId: string, sources: INodeParameters) =>
		fixture.run({ resource: 'trafficMirrorSession', operation, trafficMirrorSessionId: byId(sessionId), ...sources });

	test('adds a server\'s primary interface and removes it again by its address', async () => {
		const session = await fixture.createSession(filterId, { traffic_mirror_sources: [WEB_01] });
		const added = await change('addSources', session.id, byServers(DEMO_SERVERS.web02));
		expect(added.error).toBeUndefined();
		expect(added.items[0].json).toMatchObject({
			traffic_mirror_sources: [WEB_01, WEB_02],
			_resolvedPorts: { sources: [expect.objectContaining({ given: DEMO_SERVERS.web02, portId: WEB_02 })] },
		});
		const removed = await change('removeSources', session.id, byServers('192.168.0.12'));
		expect(removed.items[0].json.traffic_mirror_sources).toEqual([WEB_01]);
		expect((await fixture.showSession(session.id))?.traffic_mirror_sources).toEqual([WEB_01]);
	});

	test('an unknown server changes nothing', async () => {
		const session = await fixture.createSession(filterId);
		const result = await change('addSources', session.id, byServers('10.9.9.9'));
		expect(result.error?.message).toBe('No network interface in this project holds the private IP address 10.9.9.9');
		expect(fixture.requestsOf('AddSourcesToTrafficMirrorSession')).toBe(0);
	});
});

test('the lookups are signed v1 requests with device_id and fixed_ips=ip_address=, and ports that do not match are not taken', async () => {
	const server = await startSignatureServer();
	try {
		const instance = DEMO_SERVERS.web02;
		const otherPort = { id: 'aaaaaaaa-0000-4000-8000-000000000001', device_id: 'someone-else', device_owner: 'compute:az1', fixed_ips: [] };
		const serverPort = {
			id: 'aaaaaaaa-0000-4000-8000-000000000002',
			device_id: instance,
			device_owner: 'compute:az1',
			fixed_ips: [{ subnet_id: 's', ip_address: '10.0.0.2' }],
		};
		const addressPort = { ...serverPort, id: 'aaaaaaaa-0000-4000-8000-000000000003', fixed_ips: [{ subnet_id: 's', ip_address: 'fd00::2' }] };
		// As if the API ignored the filters: the node takes only what matches.
		server.respondWith(
			{ status: 200, body: { ports: [otherPort, serverPort] } },
			{ status: 200, body: { ports: [otherPort, serverPort, addressPort] } },
		);
		const result = await runNode({
			parameters: sessionCreateParameters('b765ba87-c0b4-4f1a-9ec3-d5b1d1ddb137', {
				name: 'signed-lookups',
				...byServers(instance),
				trafficMirrorTargetId: targetServer('FD00:0:0::2'),
			}),
			credentials: server.credentials(),
		});
		expect(result.error).toBeUndefined();
		// The two port look-ups, and the create.
		const [sources, target, created] = server.requests;
		expect(server.requests).toHaveLength(3);
		for (const request of [sources, target]) {
			expect(request).toMatchObject({ method: 'GET', signatureValid: true });
			expect(request.path).toMatch(/^\/v1\/[^/]+\/ports$/);
		}
		expect(sources.query).toEqual({ device_id: [instance], limit: ['2000'] });
		expect(target.query).toEqual({ fixed_ips: ['ip_address=fd00::2'], limit: ['2000'] });
		expect(created.json).toMatchObject({
			traffic_mirror_session: { traffic_mirror_sources: [serverPort.id], traffic_mirror_target_id: addressPort.id },
		});
	} finally {
		await server.close();
	}
});
