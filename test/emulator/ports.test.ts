/** The VPC v1 ports list behind the node's ENI picker. */
import { v2 } from '@huaweicloud/huaweicloud-sdk-vpc';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core';

import { DEMO_PORTS, startEmulator, RunningEmulator } from '../../emulator/server';
import { AK, PROJECT_ID, SK, control, signedRequest } from './helpers';

interface PortsAnswer {
	ports: Array<{ id: string; name: string; status: string; fixed_ips: Array<{ subnet_id: string; ip_address: string }> }>;
}

let emulator: RunningEmulator;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0 });
});

afterAll(() => emulator.close());

const listPorts = (query: Record<string, string> = {}) =>
	signedRequest(emulator, 'GET', `/v1/${PROJECT_ID}/ports`, { query });

it('lists the seeded demo ports with the fields the picker shows', async () => {
	const answer = await listPorts();
	expect(answer.status).toBe(200);
	const { ports } = answer.json() as unknown as PortsAnswer;
	expect(ports.map((port) => port.name)).toEqual(DEMO_PORTS.map((port) => port.name));
	expect(ports[0]).toMatchObject({
		id: DEMO_PORTS[0].id,
		name: 'ecs-web-01-eth0',
		status: 'ACTIVE',
		fixed_ips: [{ ip_address: '192.168.0.11' }],
	});
	expect(ports[0]).toHaveProperty('mac_address');
	expect(ports[0]).toHaveProperty('device_owner');
	expect(ports[0]).toHaveProperty('network_id');
});

it('filters by name and id, and pages by limit and marker', async () => {
	const byName = (await listPorts({ name: 'analyser-eth0' })).json() as unknown as PortsAnswer;
	expect(byName.ports.map((port) => port.id)).toEqual([DEMO_PORTS[3].id]);
	const byId = (await listPorts({ id: DEMO_PORTS[1].id })).json() as unknown as PortsAnswer;
	expect(byId.ports.map((port) => port.name)).toEqual(['ecs-web-02-eth0']);
	const page = (await listPorts({ limit: '2', marker: DEMO_PORTS[0].id })).json() as unknown as PortsAnswer;
	expect(page.ports.map((port) => port.id)).toEqual([DEMO_PORTS[1].id, DEMO_PORTS[2].id]);
});

it('lists ports added through the control API', async () => {
	const added = await control(emulator, 'POST', 'ports', { name: 'ecs-new-eth0' });
	expect(added.status).toBe(201);
	const { ports } = (await listPorts({ name: 'ecs-new-eth0' })).json() as unknown as PortsAnswer;
	expect(ports.map((port) => port.id)).toEqual([added.body.port.id]);
	expect(emulator.counters().created.ports).toBe(1);
});

it('answers the official SDK\'s v2 client ListPorts call on the v1 path, and v1-style errors', async () => {
	const client = v2.VpcClient.newBuilder()
		.withCredential(new BasicCredentials().withAk(AK).withSk(SK).withProjectId(PROJECT_ID))
		.withEndpoint(emulator.url)
		.build();
	const answer = (await client.listPorts(new v2.ListPortsRequest().withName('ecs-web-01-eth0'))) as unknown as PortsAnswer;
	expect(answer.ports.map((port) => port.id)).toEqual([DEMO_PORTS[0].id]);

	const bad = await listPorts({ limit: 'many' });
	expect(bad.status).toBe(400);
	expect(bad.json()).toMatchObject({ code: 'VPC.0002' });
});
