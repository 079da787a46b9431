/**
 * ELB v3 load balancers, as far as a traffic mirror session needs them: `GET /v3/{project_id}/elb/loadbalancers`
 * (the ELB API reference "查询负载均衡器列表" ListLoadBalancers, IAM action `elb:loadbalancers:list`), the seeded
 * demo load balancers, and load balancers added through the control API. Written from that page and the official
 * Go SDK's `ListLoadBalancersResponse`, `LoadBalancer` and `PageInfo` models:
 * - the answer is `{"loadbalancers": [...], "page_info": {previous_marker, current_count, next_marker?}, "request_id"}`;
 * - `limit` 0 to 2000, default 2000, with `marker` (the ID of the last load balancer of the previous page);
 * - the filters offered here: `id`, `name`, `description`, `vip_address`, `vip_port_id`, `vpc_id`,
 *   `vip_subnet_cidr_id`, `operating_status`, `provisioning_status` (repeated keys are alternatives, as documented)
 *   and `guaranteed` (single). Other documented filters are refused as unknown, though the real service takes them.
 *
 * The ELB API is served by the same emulator, so a credential whose ELB endpoint is the emulator's URL reaches it.
 */
import { randomUUID } from 'node:crypto';
import { isIPv4 } from 'node:net';

import { invalid } from '../errors';
import { EmulatorState, LoadBalancer } from '../model';
import { Operation } from '../operation';
import { FilterField, listPage } from '../query';
import { isObject, nonEmptyString, rejectUnknownKeys } from '../validation';

/** The demo VPC and its IPv4 subnet, where the demo load balancers have their private addresses. */
const DEMO_VPC_ID = '3d6f8b0d-2a4c-4e6f-8b0d-2a4c6e8f0b17';
const DEMO_SUBNET_V4 = '5f7b9d1f-4c6e-4a8b-9d1f-4c6e8a0b2d39';
const ZONES = ['cn-north-4a', 'cn-north-4b'];

/** The demo project's load balancers: two private ones that can receive mirrored traffic, one with a public IP. */
export const DEMO_LOAD_BALANCERS = [
	{ id: '7a1c3e5b-9d2f-4b6a-8c0e-2f4a6c8e0a11', name: 'analyser-lb', vip_address: '192.168.0.50' },
	{ id: '7a1c3e5b-9d2f-4b6a-8c0e-2f4a6c8e0a12', name: 'ids-cluster-lb', vip_address: '192.168.0.51' },
	{ id: '7a1c3e5b-9d2f-4b6a-8c0e-2f4a6c8e0a13', name: 'web-public-lb', vip_address: '192.168.0.52', public_ip: '121.36.10.20' },
] as const;

const ADDABLE_KEYS = ['id', 'name', 'description', 'vip_address', 'public_ip', 'guaranteed'];

const text = (multi = true): FilterField => ({ kind: 'text', multi });
const LIST_FILTERS: Record<string, FilterField> = {
	id: text(),
	name: text(),
	description: text(),
	vip_address: text(),
	vip_port_id: text(),
	vpc_id: text(),
	vip_subnet_cidr_id: text(),
	operating_status: text(),
	provisioning_status: text(),
	guaranteed: { kind: 'boolean', multi: false },
};

interface LoadBalancerInput {
	id?: string;
	name?: string;
	description?: string;
	vip_address?: string;
	public_ip?: string;
	guaranteed?: boolean;
}

function loadBalancer(projectId: string, input: LoadBalancerInput, timestamp: string): LoadBalancer {
	const publicIps = input.public_ip
		? [{ publicip_id: randomUUID(), publicip_address: input.public_ip, ip_version: 4 }]
		: [];
	return {
		id: input.id ?? randomUUID(),
		name: input.name ?? '',
		description: input.description ?? '',
		provisioning_status: 'ACTIVE',
		operating_status: 'ONLINE',
		admin_state_up: true,
		provider: 'vlb',
		project_id: projectId,
		vpc_id: DEMO_VPC_ID,
		vip_subnet_cidr_id: DEMO_SUBNET_V4,
		vip_address: input.vip_address ?? '',
		vip_port_id: randomUUID(),
		ipv6_vip_address: null,
		ipv6_vip_virsubnet_id: null,
		ipv6_vip_port_id: null,
		eips: publicIps.map(({ publicip_id, publicip_address, ip_version }) => ({
			eip_id: publicip_id,
			eip_address: publicip_address,
			ip_version,
		})),
		publicips: publicIps,
		guaranteed: input.guaranteed ?? true,
		availability_zone_list: [...ZONES],
		listeners: [],
		pools: [],
		tags: [],
		enterprise_project_id: '0',
		l4_flavor_id: null,
		l7_flavor_id: null,
		elb_virsubnet_ids: [DEMO_SUBNET_V4],
		ip_target_enable: false,
		deletion_protection_enable: false,
		created_at: timestamp,
		updated_at: timestamp,
	};
}

export function seedDemoLoadBalancers(state: EmulatorState, projectId: string, timestamp: string): void {
	for (const demo of DEMO_LOAD_BALANCERS) state.loadBalancers.add(loadBalancer(projectId, demo, timestamp));
}

/** A load balancer from the control API: `{name, id?, description?, vip_address?, public_ip?, guaranteed?}`. */
export function addLoadBalancer(state: EmulatorState, projectId: string, body: unknown, timestamp: string): LoadBalancer {
	if (!isObject(body)) throw invalid('The body must be a JSON object describing the load balancer.');
	rejectUnknownKeys(body, ADDABLE_KEYS, 'the load balancer');
	const optionalText = (key: string) => (body[key] === undefined ? undefined : nonEmptyString(body[key], key));
	const id = optionalText('id');
	if (id !== undefined && state.loadBalancers.get(id)) throw invalid(`Load balancer ${id} already exists.`);
	for (const key of ['vip_address', 'public_ip']) {
		const address = optionalText(key);
		if (address !== undefined && !isIPv4(address)) throw invalid(`${key} must be an IPv4 address.`);
	}
	if (body.guaranteed !== undefined && typeof body.guaranteed !== 'boolean') throw invalid('guaranteed must be true or false.');
	const used = new Set([...state.loadBalancers.values()].map((existing) => existing.vip_address));
	const vipAddress = optionalText('vip_address') ?? freeAddress(used);
	return state.loadBalancers.add(
		loadBalancer(
			projectId,
			{
				id,
				name: optionalText('name'),
				description: optionalText('description'),
				vip_address: vipAddress,
				public_ip: optionalText('public_ip'),
				guaranteed: body.guaranteed as boolean | undefined,
			},
			timestamp,
		),
	);
}

/** The next private address of the demo subnet that no load balancer uses. */
function freeAddress(used: Set<string>): string {
	for (let host = 100; host < 255; host++) {
		const address = `192.168.0.${host}`;
		if (!used.has(address)) return address;
	}
	throw invalid('The demo subnet has no free address left for a load balancer.');
}

/** `GET /v3/{project_id}/elb/loadbalancers`. */
export const listLoadBalancers: Operation = (context) => {
	const { items, page_info } = listPage(context.state.loadBalancers, context.query, LIST_FILTERS);
	return { status: 200, body: { loadbalancers: items, page_info } };
};
