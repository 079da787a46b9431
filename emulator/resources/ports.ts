/**
 * VPC v1 ports (network interfaces): `GET /v1/{project_id}/ports`, the seeded demo network, and ports added through
 * the control API. Written from Huawei's VPC API reference ("查询端口列表" ListPorts, and the port object of
 * "查询端口"/"创建端口") and the official SDK's `ListPortsRequest`/`Port` models:
 * - filters `id`, `name`, `admin_state_up`, `network_id`, `mac_address`, `device_id`, `device_owner`, `status`,
 *   `security_groups`, `fixed_ips` (`fixed_ips=ip_address=…`, `fixed_ips=subnet_id=…`), `enterprise_project_id`,
 *   `enable_efi`; a repeated key is a choice between its values, as the SDK sends arrays (`id`, `fixed_ips`,
 *   `security_groups`) as repeated keys;
 * - `limit` from 0 to 2^31-1, default 2000, and `marker`, the ID of the last port of the previous page;
 * - the answer is `{"ports": [...]}`: the v1 list has no page_info, so a client pages until a page is not full.
 */
import { randomUUID } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

import { invalid } from '../errors';
import { EmulatorState, FixedIp, Port } from '../model';
import { Operation } from '../operation';
import { FilterField, LimitRule, listPage } from '../query';
import { isObject, nonEmptyString, rejectUnknownKeys } from '../validation';

const ZONE = 'cn-north-4a';
const COMPUTE_OWNER = `compute:${ZONE}`;

/** The demo VPC's subnet: its network (`network_id`), its IPv4 and IPv6 subnets, and a second subnet for back-ups. */
const WEB_NETWORK = '5ae24488-454f-499c-86c4-c0355704005d';
const WEB_SUBNET_V4 = '2f3a6c1e-8b4d-4f7a-9c2e-1d5b7a9e3c41';
const WEB_SUBNET_V6 = '7c1d3e5f-9a2b-4c6d-8e0f-1a3b5c7d9e62';
const BACKUP_NETWORK = '9e4b2c71-3d5a-4f80-b1c2-6d7e8f9a0b13';
const BACKUP_SUBNET_V4 = '4a6c8e0f-2b4d-4e6f-8a0b-2c4e6a8c0e24';
/** Another VPC that uses the same CIDR as the demo VPC, as default VPCs often do. */
const TEST_NETWORK = 'b3d5f7a9-1c3e-4a5b-9d7f-3e5a7c9e1b35';
const TEST_SUBNET_V4 = '6e8a0c2e-4f6b-4d8f-a0c2-4e6a8c0e2a46';
/** Huawei's router for a VPC distributes the subnet gateway; its ports carry the VPC's router ID as device. */
const DEMO_ROUTER_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c57';
const DEMO_SECURITY_GROUP_ID = '0b7d9e4f-3c2a-4e1b-8f6d-5a9c7e2b1d03';
/** Ports created by hand (the control API) without addresses get one from here, never an address already used. */
const EXTRA_SUBNET_V4 = '8c0e2a4c-6b8d-4f0a-b2c4-6e8a0c2e4a68';

/** The ECS servers of the demo network, by their instance IDs (the `device_id` of their network interfaces). */
export const DEMO_SERVERS = {
	web01: 'c1f2e3d4-0a1b-4c2d-8e3f-000000000011',
	web02: 'c1f2e3d4-0a1b-4c2d-8e3f-000000000012',
	db01: 'c1f2e3d4-0a1b-4c2d-8e3f-000000000021',
	analyser: 'c1f2e3d4-0a1b-4c2d-8e3f-000000000100',
	/** In the other VPC, with the same private IPv4 address as web-01. */
	test01: 'c1f2e3d4-0a1b-4c2d-8e3f-000000000031',
} as const;

interface DemoPort {
	id: string;
	name: string;
	network_id: string;
	fixed_ips: FixedIp[];
	device_id: string;
	device_owner: string;
	primary_interface?: boolean;
}

const serverPort = (
	id: string,
	name: string,
	server: string,
	primary: boolean,
	network: string,
	fixedIps: FixedIp[],
): DemoPort => ({ id, name, network_id: network, fixed_ips: fixedIps, device_id: server, device_owner: COMPUTE_OWNER, primary_interface: primary });

/**
 * The ports every fresh emulator holds, with fixed IDs so that demos and tests can name them. The first four are
 * the primary network interfaces of two web servers, a database and an analyser (the first and the fourth reuse the
 * source and target IDs of the example in Huawei Cloud's CreateTrafficMirrorSession API reference); then the
 * database's second interface, a server in another VPC holding web-01's IPv4 address, and the ports that belong to no
 * server: the subnet's DHCP and gateway ports and a virtual IP.
 */
export const DEMO_PORTS: readonly DemoPort[] = [
	serverPort('6134900d-31a6-4b71-8453-dbca7f26982a', 'ecs-web-01-eth0', DEMO_SERVERS.web01, true, WEB_NETWORK, [
		{ subnet_id: WEB_SUBNET_V4, ip_address: '192.168.0.11' },
		{ subnet_id: WEB_SUBNET_V6, ip_address: '2407:c080:11f0:a::11' },
	]),
	serverPort('8d5f0c7b-2e4a-4f61-9b3c-7a1e5d2c9f02', 'ecs-web-02-eth0', DEMO_SERVERS.web02, true, WEB_NETWORK, [
		{ subnet_id: WEB_SUBNET_V4, ip_address: '192.168.0.12' },
	]),
	serverPort('3e9a7b1c-6d2f-4c85-a0e4-9f8b2d6c1a03', 'ecs-db-01-eth0', DEMO_SERVERS.db01, true, WEB_NETWORK, [
		{ subnet_id: WEB_SUBNET_V4, ip_address: '192.168.0.21' },
	]),
	serverPort('c9f8acef-d550-4fbe-be7c-e8bfd3501dc1', 'analyser-eth0', DEMO_SERVERS.analyser, true, WEB_NETWORK, [
		{ subnet_id: WEB_SUBNET_V4, ip_address: '192.168.0.100' },
	]),
	serverPort('d4b2e8f1-5c3a-4e7d-9b6f-2a1c8e4d7f05', 'ecs-db-01-eth1', DEMO_SERVERS.db01, false, BACKUP_NETWORK, [
		{ subnet_id: BACKUP_SUBNET_V4, ip_address: '192.168.1.21' },
	]),
	serverPort('e7a9c1e3-5b7d-4f91-a3c5-7e9b1d3f5a06', 'ecs-test-01-eth0', DEMO_SERVERS.test01, true, TEST_NETWORK, [
		{ subnet_id: TEST_SUBNET_V4, ip_address: '192.168.0.11' },
	]),
	{
		id: 'f1a3c5e7-9b1d-4f3a-b5c7-9e1b3d5f7a07',
		name: '',
		network_id: WEB_NETWORK,
		fixed_ips: [{ subnet_id: WEB_SUBNET_V4, ip_address: '192.168.0.254' }],
		device_id: `dhcp-${WEB_NETWORK}`,
		device_owner: 'network:dhcp',
	},
	{
		id: 'a5c7e9b1-3d5f-4a7b-9c1e-3f5a7c9e1b08',
		name: '',
		network_id: WEB_NETWORK,
		fixed_ips: [{ subnet_id: WEB_SUBNET_V4, ip_address: '192.168.0.1' }],
		device_id: DEMO_ROUTER_ID,
		device_owner: 'network:router_interface_distributed',
	},
	{
		id: 'b9d1f3a5-7c9e-4b1d-a3f5-7b9d1f3a5c09',
		name: 'vip-web',
		network_id: WEB_NETWORK,
		fixed_ips: [{ subnet_id: WEB_SUBNET_V4, ip_address: '192.168.0.50' }],
		device_id: '',
		device_owner: 'neutron:VIP_PORT',
	},
];

/** The documented `limit` range is 0 to intmax (2^31-1), default 2000. */
const PORTS_LIMIT: LimitRule = { max: 2_147_483_647, default: 2000 };

const text = (multi = true): FilterField => ({ kind: 'text', multi });
const FIXED_IP_KEYS = ['ip_address', 'subnet_id'] as const;

/** `ip_address=<address>` or `subnet_id=<id>`, the two forms the reference documents for the `fixed_ips` filter. */
function parseFixedIpFilter(value: string, key: string): string {
	const separator = value.indexOf('=');
	const name = value.slice(0, separator);
	if (separator < 0 || !(FIXED_IP_KEYS as readonly string[]).includes(name) || value.length === separator + 1) {
		throw invalid(`Query parameter ${key} must be ip_address=<address> or subnet_id=<id>; got "${value}".`);
	}
	return value;
}

/**
 * One of the port's fixed IPs must satisfy every kind given: its address is one of the `ip_address` values and its
 * subnet one of the `subnet_id` values (OpenStack Neutron's meaning of the filter, which the VPC v1 API fronts; not
 * confirmed against the live API).
 */
function matchesFixedIps(port: Record<string, unknown>, values: ReadonlySet<string>): boolean {
	const wanted = (name: (typeof FIXED_IP_KEYS)[number]) =>
		[...values].filter((value) => value.startsWith(`${name}=`)).map((value) => value.slice(name.length + 1));
	const addresses = wanted('ip_address');
	const subnets = wanted('subnet_id');
	return (port.fixed_ips as FixedIp[]).some(
		(fixedIp) =>
			(addresses.length === 0 || addresses.some((address) => sameAddress(address, fixedIp.ip_address))) &&
			(subnets.length === 0 || subnets.includes(fixedIp.subnet_id)),
	);
}

/** IPv6 addresses compare in any spelling (`2407:c080:11f0:a::11` = `2407:C080:11F0:A:0:0:0:11`). */
function sameAddress(a: string, b: string): boolean {
	if (isIPv6(a) && isIPv6(b)) return expandIpv6(a) === expandIpv6(b);
	return a === b;
}

function expandIpv6(address: string): string {
	const [head, tail] = address.toLowerCase().split('::');
	const groups = (part: string | undefined) => (part ? part.split(':') : []);
	const missing = 8 - groups(head).length - groups(tail).length;
	const all = tail === undefined ? groups(head) : [...groups(head), ...Array<string>(missing).fill('0'), ...groups(tail)];
	return all.map((group) => group.padStart(4, '0')).join(':');
}

const LIST_FILTERS: Record<string, FilterField> = {
	id: text(),
	name: text(),
	admin_state_up: { kind: 'boolean', multi: false },
	network_id: text(),
	mac_address: text(),
	device_id: text(),
	device_owner: text(),
	status: text(),
	security_groups: {
		kind: 'text',
		multi: true,
		matches: (port, groups) => (port.security_groups as string[]).some((group) => groups.has(group)),
	},
	fixed_ips: { kind: 'text', multi: true, parse: parseFixedIpFilter, matches: matchesFixedIps },
	// Every port is in the default enterprise project ("0"); "all_granted_eps" asks for all the caller may see.
	enterprise_project_id: {
		kind: 'text',
		multi: false,
		matches: (_port, projects) => projects.has('0') || projects.has('all_granted_eps'),
	},
	enable_efi: { kind: 'boolean', multi: false },
};

/** Locally administered MACs in OpenStack's `fa:16:3e` range, derived from a counter so they stay unique. */
function macAddress(index: number): string {
	const bytes = [(index >> 16) & 0xff, (index >> 8) & 0xff, index & 0xff];
	return ['fa', '16', '3e', ...bytes.map((byte) => byte.toString(16).padStart(2, '0'))].join(':');
}

/** A fresh address in 10.0.0.0/8 for the n-th port, so that no two generated ports share one. */
function generatedAddress(index: number): FixedIp {
	return { subnet_id: EXTRA_SUBNET_V4, ip_address: `10.${(index >> 16) & 0xff}.${(index >> 8) & 0xff}.${index & 0xff}` };
}

function port(state: EmulatorState, projectId: string, fields: Partial<DemoPort> & { status?: string; mac_address?: string }): Port {
	const index = state.ports.size + 1;
	const fixedIps = fields.fixed_ips ?? [generatedAddress(index)];
	const deviceOwner = fields.device_owner ?? COMPUTE_OWNER;
	const isServerInterface = deviceOwner.startsWith('compute:');
	const vifDetails: Port['binding:vif_details'] = { port_filter: true, ovs_hybrid_plug: false };
	if (isServerInterface) vifDetails.primary_interface = fields.primary_interface ?? false;
	return {
		id: fields.id ?? randomUUID(),
		name: fields.name ?? '',
		network_id: fields.network_id ?? WEB_NETWORK,
		admin_state_up: true,
		mac_address: fields.mac_address ?? macAddress(index),
		fixed_ips: fixedIps,
		device_id: fields.device_id ?? '',
		device_owner: deviceOwner,
		tenant_id: projectId,
		status: fields.status ?? 'ACTIVE',
		security_groups: isServerInterface ? [DEMO_SECURITY_GROUP_ID] : [],
		allowed_address_pairs: [],
		extra_dhcp_opts: [],
		'binding:vif_details': vifDetails,
		'binding:profile': {},
		'binding:vnic_type': 'normal',
		dns_assignment: isServerInterface
			? fixedIps
					.filter((fixedIp) => isIPv4(fixedIp.ip_address))
					.map((fixedIp) => {
						const hostname = `host-${fixedIp.ip_address.replace(/\./g, '-')}`;
						return { hostname, ip_address: fixedIp.ip_address, fqdn: `${hostname}.${ZONE.slice(0, -1)}.compute.internal.` };
					})
			: [],
		dns_name: '',
		instance_id: '',
		instance_type: '',
		port_security_enabled: true,
		zone_id: ZONE,
		enable_efi: false,
	};
}

export function seedDemoPorts(state: EmulatorState, projectId: string): void {
	for (const demo of DEMO_PORTS) state.ports.add(port(state, projectId, demo));
}

const ADDABLE_KEYS = [
	'id',
	'name',
	'status',
	'device_owner',
	'device_id',
	'network_id',
	'mac_address',
	'ip_address',
	'fixed_ips',
	'primary_interface',
] as const;

function fixedIpsOf(value: unknown): FixedIp[] {
	if (!Array.isArray(value) || value.length === 0) throw invalid('fixed_ips must be a non-empty array.');
	return value.map((entry, index) => {
		if (!isObject(entry)) throw invalid(`fixed_ips[${index}] must be an object.`);
		rejectUnknownKeys(entry, ['ip_address', 'subnet_id'], `fixed_ips[${index}]`);
		const address = nonEmptyString(entry.ip_address, `fixed_ips[${index}].ip_address`);
		if (!isIPv4(address) && !isIPv6(address)) throw invalid(`fixed_ips[${index}].ip_address must be an IP address.`);
		const subnet = entry.subnet_id === undefined ? undefined : nonEmptyString(entry.subnet_id, `fixed_ips[${index}].subnet_id`);
		return { subnet_id: subnet ?? (isIPv4(address) ? WEB_SUBNET_V4 : WEB_SUBNET_V6), ip_address: address };
	});
}

/**
 * Control API: adds a port. A port given a `device_id` and no `device_owner` is a server's network interface
 * (`compute:<zone>`); it is the primary one when `primary_interface` says so, or when it is the server's first.
 * `ip_address` is a shorthand for one fixed IP in the demo subnet; without either, a fresh 10.x.y.z address.
 */
export function addPort(state: EmulatorState, projectId: string, body: unknown): Port {
	if (!isObject(body)) throw invalid('The body must be a JSON object describing the port.');
	rejectUnknownKeys(body, ADDABLE_KEYS, 'the port');
	const nonEmpty = (key: string) => (body[key] === undefined ? undefined : nonEmptyString(body[key], key));
	const anyText = (key: string) => {
		if (body[key] !== undefined && typeof body[key] !== 'string') throw invalid(`${key} must be a string.`);
		return body[key] as string | undefined;
	};
	const id = nonEmpty('id');
	if (id !== undefined && state.ports.get(id)) throw invalid(`Port ${id} already exists.`);
	if (body.ip_address !== undefined && body.fixed_ips !== undefined) throw invalid('Give ip_address or fixed_ips, not both.');
	const fixedIps =
		body.fixed_ips !== undefined
			? fixedIpsOf(body.fixed_ips)
			: body.ip_address !== undefined
				? fixedIpsOf([{ ip_address: body.ip_address }])
				: undefined;
	if (body.primary_interface !== undefined && typeof body.primary_interface !== 'boolean') {
		throw invalid('primary_interface must be true or false.');
	}
	const deviceOwner = anyText('device_owner') ?? COMPUTE_OWNER;
	const deviceId = anyText('device_id') ?? (deviceOwner.startsWith('compute:') ? randomUUID() : '');
	const isFirstOfDevice = ![...state.ports.values()].some((existing) => existing.device_id === deviceId);
	return state.ports.add(
		port(state, projectId, {
			id,
			name: anyText('name'),
			status: nonEmpty('status'),
			device_owner: deviceOwner,
			device_id: deviceId,
			network_id: nonEmpty('network_id'),
			mac_address: nonEmpty('mac_address'),
			fixed_ips: fixedIps,
			primary_interface: (body.primary_interface as boolean | undefined) ?? isFirstOfDevice,
		}),
	);
}

/** `GET /v1/{project_id}/ports`: a bare `{"ports": [...]}`; the v1 API has no page_info, clients page by marker. */
export const listPorts: Operation = (context) => {
	const { items } = listPage(context.state.ports, context.query, LIST_FILTERS, PORTS_LIMIT);
	return { status: 200, body: { ports: items } };
};
