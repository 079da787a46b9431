/**
 * The ELB v3 load balancer list as Huawei documents it (ListLoadBalancers: the answer's keys, `page_info`, `limit`
 * and `marker`, multi-valued filters), served by the emulator beside the VPC API, and the control API that adds
 * load balancers.
 */
import { DEMO_LOAD_BALANCERS, startEmulator, type RunningEmulator } from '../../emulator/server';
import { control, PROJECT_ID, signedRequest } from './helpers';

let emulator: RunningEmulator;
beforeEach(async () => {
	emulator = await startEmulator({ port: 0 });
});
afterEach(() => emulator.close());

const LIST = `/v3/${PROJECT_ID}/elb/loadbalancers`;

interface ListAnswer {
	loadbalancers: Array<Record<string, unknown>>;
	page_info: { previous_marker?: string; current_count: number; next_marker?: string };
	request_id: string;
}

async function list(query: Record<string, string | string[]> = {}): Promise<ListAnswer> {
	const answer = await signedRequest(emulator, 'GET', LIST, { query });
	expect(answer.status).toBe(200);
	return answer.json() as unknown as ListAnswer;
}

test('lists the demo load balancers with the documented fields, request ID and page_info', async () => {
	const answer = await list();
	expect(answer.loadbalancers.map((lb) => [lb.id, lb.name, lb.vip_address])).toEqual(
		DEMO_LOAD_BALANCERS.map((lb) => [lb.id, lb.name, lb.vip_address]),
	);
	expect(answer.page_info).toEqual({ previous_marker: DEMO_LOAD_BALANCERS[0].id, current_count: 3 });
	expect(answer.request_id).toMatch(/^[0-9a-f-]{36}$/);
	expect(Object.keys(answer.loadbalancers[0]).sort()).toEqual(
		[
			'admin_state_up', 'availability_zone_list', 'created_at', 'deletion_protection_enable', 'description', 'eips',
			'elb_virsubnet_ids', 'enterprise_project_id', 'guaranteed', 'id', 'ip_target_enable', 'ipv6_vip_address',
			'ipv6_vip_port_id', 'ipv6_vip_virsubnet_id', 'l4_flavor_id', 'l7_flavor_id', 'listeners', 'name',
			'operating_status', 'pools', 'project_id', 'provider', 'provisioning_status', 'publicips', 'tags', 'updated_at',
			'vip_address', 'vip_port_id', 'vip_subnet_cidr_id', 'vpc_id',
		].sort(),
	);
	const publicOne = answer.loadbalancers.find((lb) => lb.name === 'web-public-lb');
	expect(publicOne?.eips).toEqual([{ eip_id: expect.any(String), eip_address: '121.36.10.20', ip_version: 4 }]);
});

test('pages with limit and marker, next_marker only while more follow', async () => {
	const first = await list({ limit: '2' });
	expect(first.loadbalancers).toHaveLength(2);
	expect(first.page_info.next_marker).toBe(DEMO_LOAD_BALANCERS[1].id);
	const second = await list({ limit: '2', marker: first.page_info.next_marker as string });
	expect(second.loadbalancers.map((lb) => lb.id)).toEqual([DEMO_LOAD_BALANCERS[2].id]);
	expect(second.page_info.next_marker).toBeUndefined();
});

test('repeated filter keys are alternatives; an unknown key or a limit over 2000 is refused', async () => {
	const byName = await list({ name: ['analyser-lb', 'web-public-lb'] });
	expect(byName.loadbalancers.map((lb) => lb.name)).toEqual(['analyser-lb', 'web-public-lb']);
	expect((await list({ vip_address: '192.168.0.51' })).loadbalancers.map((lb) => lb.name)).toEqual(['ids-cluster-lb']);
	for (const query of [{ colour: 'red' }, { limit: '2001' }]) {
		const refused = await signedRequest(emulator, 'GET', LIST, { query });
		expect(refused.status).toBe(400);
	}
});

test('the control API adds a load balancer, with a free private address unless one is given', async () => {
	const added = await control(emulator, 'POST', 'loadbalancers', { name: 'extra-lb' });
	expect(added.status).toBe(201);
	expect(added.body.loadbalancer).toMatchObject({ name: 'extra-lb', vip_address: '192.168.0.100', project_id: PROJECT_ID });
	expect((await list({ name: 'extra-lb' })).loadbalancers).toHaveLength(1);
	expect((await control(emulator, 'POST', 'loadbalancers', { vip_address: 'not-an-ip' })).status).toBe(400);
	emulator.reset();
	expect((await list()).loadbalancers).toHaveLength(DEMO_LOAD_BALANCERS.length);
});

test('the list is signed like every API: a wrong signature is refused by the gateway', async () => {
	const answer = await signedRequest(emulator, 'GET', LIST, { keys: { accessKeyId: emulator.options.accessKeyId, secretAccessKey: 'wrong' } });
	expect(answer.status).toBe(401);
	expect(answer.json()).toMatchObject({ error_code: 'APIGW.0301' });
});
