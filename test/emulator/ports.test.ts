/**
 * The VPC v1 ports list as Huawei documents it (ListPorts), driven by the official SDK's v2 client: the port
 * object's fields, the device, address and repeated-key filters, and limit/marker pagination.
 */
import { v2 } from '@huaweicloud/huaweicloud-sdk-vpc';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core';

import type { Port } from '../../emulator/model';
import { DEMO_PORTS, DEMO_SERVERS, startEmulator, RunningEmulator } from '../../emulator/server';
import { AK, PROJECT_ID, SK, control, sdkError, signedRequest } from './helpers';

/** What the SDK really hands back: the parsed JSON (see `Answered` in helpers). */
interface PortsAnswer {
	ports: Port[];
}

let emulator: RunningEmulator;
let client: v2.VpcClient;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0 });
	client = v2.VpcClient.newBuilder()
		.withCredential(new BasicCredentials().withAk(AK).withSk(SK).withProjectId(PROJECT_ID))
		.withEndpoint(emulator.url)
		.build();
});
beforeEach(() => emulator.reset());
afterAll(() => emulator.close());

const list = async (request: v2.ListPortsRequest) => ((await client.listPorts(request)) as unknown as PortsAnswer).ports;
const ids = (ports: Port[]) => ports.map((port) => port.id);
const idsOfDemo = (...names: string[]) => names.map((name) => DEMO_PORTS.find((port) => port.name === name)?.id);

/** The fields of the port object in the ListPorts answer of Huawei's VPC API reference. */
const DOCUMENTED_FIELDS = [
	'id',
	'name',
	'network_id',
	'admin_state_up',
	'mac_address',
	'fixed_ips',
	'device_id',
	'device_owner',
	'tenant_id',
	'status',
	'security_groups',
	'allowed_address_pairs',
	'extra_dhcp_opts',
	'binding:vif_details',
	'binding:profile',
	'binding:vnic_type',
	'dns_assignment',
	'dns_name',
	'instance_id',
	'instance_type',
	'port_security_enabled',
	'zone_id',
	'enable_efi',
];

test('every port carries the documented fields, and nothing but them', async () => {
	const ports = await list(new v2.ListPortsRequest());
	expect(ids(ports)).toEqual(DEMO_PORTS.map((port) => port.id));
	for (const port of ports) expect(Object.keys(port).sort()).toEqual([...DOCUMENTED_FIELDS].sort());
	const [web01] = ports;
	expect(web01).toMatchObject({
		device_id: DEMO_SERVERS.web01,
		device_owner: 'compute:cn-north-4a',
		tenant_id: PROJECT_ID,
		'binding:vif_details': { primary_interface: true },
		fixed_ips: [{ ip_address: '192.168.0.11' }, { ip_address: '2407:c080:11f0:a::11' }],
	});
});

test('device_id lists a server\'s network interfaces, and VIF details tell its primary one', async () => {
	const ports = await list(new v2.ListPortsRequest().withDeviceId(DEMO_SERVERS.db01));
	expect(ids(ports)).toEqual(idsOfDemo('ecs-db-01-eth0', 'ecs-db-01-eth1'));
	expect(ports.map((port) => port['binding:vif_details'].primary_interface)).toEqual([true, false]);
	expect(await list(new v2.ListPortsRequest().withDeviceId('c1f2e3d4-0a1b-4c2d-8e3f-999999999999'))).toEqual([]);
});

test('fixed_ips=ip_address finds every port holding the address, in any VPC; subnet_id narrows it', async () => {
	const both = await list(new v2.ListPortsRequest().withFixedIps(['ip_address=192.168.0.11']));
	expect(ids(both)).toEqual(idsOfDemo('ecs-web-01-eth0', 'ecs-test-01-eth0'));
	const otherVpc = both[1].fixed_ips[0].subnet_id;
	const narrowed = await list(new v2.ListPortsRequest().withFixedIps(['ip_address=192.168.0.11', `subnet_id=${otherVpc}`]));
	expect(ids(narrowed)).toEqual(idsOfDemo('ecs-test-01-eth0'));
	const twoAddresses = await list(new v2.ListPortsRequest().withFixedIps(['ip_address=192.168.0.12', 'ip_address=192.168.0.21']));
	expect(ids(twoAddresses)).toEqual(idsOfDemo('ecs-web-02-eth0', 'ecs-db-01-eth0'));
	// A dual-stack port is found by its second address too, written in another spelling.
	const byIpv6 = await list(new v2.ListPortsRequest().withFixedIps(['ip_address=2407:C080:11F0:A:0:0:0:11']));
	expect(ids(byIpv6)).toEqual(idsOfDemo('ecs-web-01-eth0'));
	expect(await list(new v2.ListPortsRequest().withFixedIps(['ip_address=192.168.9.9']))).toEqual([]);
});

test('a repeated key is a choice between its values; different keys must all match', async () => {
	const [first, second] = DEMO_PORTS;
	expect(ids(await list(new v2.ListPortsRequest().withId([first.id, second.id])))).toEqual([first.id, second.id]);
	expect(ids(await list(new v2.ListPortsRequest().withDeviceOwner('network:dhcp')))).toEqual(idsOfDemo(''));
	const serverPorts = await list(new v2.ListPortsRequest().withDeviceId(DEMO_SERVERS.web02).withStatus('ACTIVE'));
	expect(ids(serverPorts)).toEqual(idsOfDemo('ecs-web-02-eth0'));
	expect(await list(new v2.ListPortsRequest().withDeviceId(DEMO_SERVERS.web02).withStatus('DOWN'))).toEqual([]);
	expect(ids(await list(new v2.ListPortsRequest().withName('vip-web')))).toEqual(idsOfDemo('vip-web'));
});

test('limit and marker page through every port, the marker being the last port of the page before', async () => {
	const seen: string[] = [];
	let marker: string | undefined;
	for (;;) {
		const request = new v2.ListPortsRequest().withLimit(4);
		if (marker) request.withMarker(marker);
		const page = await list(request);
		seen.push(...ids(page));
		if (page.length < 4) break;
		marker = page[page.length - 1].id;
	}
	expect(seen).toEqual(DEMO_PORTS.map((port) => port.id));
	// The documented range of limit reaches 2^31-1, far past the default page of 2000.
	expect(await list(new v2.ListPortsRequest().withLimit(5000))).toHaveLength(DEMO_PORTS.length);
});

test('a page of filtered ports continues after the marker, whatever the marker port matches', async () => {
	const web01 = DEMO_PORTS[0].id;
	const page = await list(new v2.ListPortsRequest().withDeviceOwner('compute:cn-north-4a').withLimit(2).withMarker(web01));
	expect(ids(page)).toEqual(idsOfDemo('ecs-web-02-eth0', 'ecs-db-01-eth0'));
});

test('malformed queries are refused with the v1 error body', async () => {
	const bad = async (query: Record<string, string>) => {
		const answer = await signedRequest(emulator, 'GET', `/v1/${PROJECT_ID}/ports`, { query });
		expect(answer.status).toBe(400);
		expect(answer.json()).toMatchObject({ code: 'VPC.0002' });
		return answer.json().message as string;
	};
	expect(await bad({ fixed_ips: '192.168.0.11' })).toContain('ip_address=<address>');
	expect(await bad({ fixed_ips: 'mac_address=fa:16:3e:00:00:01' })).toContain('fixed_ips');
	expect(await bad({ limit: '-1' })).toContain('limit');
	expect(await bad({ limit: '2147483648' })).toContain('limit');
	expect(await bad({ admin_state_up: 'yes' })).toContain('admin_state_up');
	expect(await bad({ device: DEMO_SERVERS.web01 })).toContain('device');
	const error = await sdkError(client.listPorts(new v2.ListPortsRequest().withMarker('c1f2e3d4-0a1b-4c2d-8e3f-999999999999')));
	expect(error.httpStatusCode).toBe(400);
});

test('the control API adds a server\'s second interface, several addresses, or a port of another kind', async () => {
	const second = await control(emulator, 'POST', 'ports', {
		name: 'ecs-web-02-eth1',
		device_id: DEMO_SERVERS.web02,
		fixed_ips: [{ ip_address: '192.168.0.13' }, { ip_address: '192.168.0.14' }],
	});
	expect(second.status).toBe(201);
	expect(second.body.port).toMatchObject({
		device_owner: 'compute:cn-north-4a',
		'binding:vif_details': { primary_interface: false },
		fixed_ips: [{ ip_address: '192.168.0.13' }, { ip_address: '192.168.0.14' }],
	});
	const newServer = (await control(emulator, 'POST', 'ports', { name: 'ecs-new-eth0' })).body.port as Port;
	expect(newServer['binding:vif_details'].primary_interface).toBe(true);
	expect(newServer.device_id).toMatch(/^[0-9a-f-]{36}$/);
	const vip = (await control(emulator, 'POST', 'ports', { device_owner: 'neutron:VIP_PORT', ip_address: '192.168.0.51' })).body.port as Port;
	expect(vip).toMatchObject({ device_id: '', 'binding:vif_details': {} });
	expect(vip['binding:vif_details']).not.toHaveProperty('primary_interface');

	expect(ids(await list(new v2.ListPortsRequest().withFixedIps(['ip_address=192.168.0.14'])))).toEqual([second.body.port.id]);
	expect(emulator.counters().created.ports).toBe(3);
	expect((await control(emulator, 'POST', 'ports', { fixed_ips: [{ ip_address: 'not-an-ip' }] })).status).toBe(400);
	expect((await control(emulator, 'POST', 'ports', { ip_address: '10.0.0.1', fixed_ips: [] })).status).toBe(400);
});
