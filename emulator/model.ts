/** The resources as Huawei Cloud's VPC API reference gives the service's answers, plus the emulator's whole state. */
import { DEFAULT_QUOTAS, type MirrorQuotas } from './resources/quotas';
import { Collection } from './store';

export interface TrafficMirrorSession {
	id: string;
	project_id: string;
	name: string;
	description: string;
	traffic_mirror_filter_id: string;
	traffic_mirror_sources: string[];
	traffic_mirror_target_id: string;
	traffic_mirror_target_type: string;
	virtual_network_id: number;
	packet_length: number;
	priority: number;
	enabled: boolean;
	type: string;
	created_at: string;
	updated_at: string;
}

/** Stored without its rules: `ingress_rules`/`egress_rules` are assembled from the rules when answering. */
export interface TrafficMirrorFilter {
	id: string;
	project_id: string;
	name: string;
	description: string;
	created_at: string;
	updated_at: string;
}

export interface TrafficMirrorFilterRule {
	id: string;
	project_id: string;
	traffic_mirror_filter_id: string;
	direction: 'ingress' | 'egress';
	protocol: string;
	ethertype: string;
	action: string;
	priority: number;
	description: string;
	/** Unset CIDRs and port ranges are left out of the answer, as in the documented examples (the tables list them). */
	source_cidr_block?: string;
	destination_cidr_block?: string;
	source_port_range?: string;
	destination_port_range?: string;
	created_at: string;
	updated_at: string;
}

export interface FixedIp {
	subnet_id: string;
	ip_address: string;
}

/**
 * A VPC v1 port (elastic network interface) with the fields of the documented answer of `GET /v1/{project_id}/ports`
 * (VPC API reference "查询端口列表", and the official SDK's `Port` model).
 */
export interface Port {
	id: string;
	name: string;
	network_id: string;
	admin_state_up: boolean;
	mac_address: string;
	/** Documented with several entries, e.g. an IPv4 and an IPv6 address of a dual-stack port. */
	fixed_ips: FixedIp[];
	/** The ECS instance ID for a server's network interface (`device_owner` `compute:<zone>`); "" when unattached. */
	device_id: string;
	/** `compute:<zone>`, `network:dhcp`, `network:router_interface_distributed`, `neutron:VIP_PORT`, … or "". */
	device_owner: string;
	tenant_id: string;
	status: string;
	security_groups: string[];
	allowed_address_pairs: Array<{ ip_address: string; mac_address?: string }>;
	extra_dhcp_opts: Array<{ opt_name: string; opt_value: string }>;
	/** `primary_interface: true` marks a server's primary network interface (documented for the port's VIF details). */
	'binding:vif_details': { primary_interface?: boolean; port_filter?: boolean; ovs_hybrid_plug?: boolean };
	'binding:profile': Record<string, unknown>;
	'binding:vnic_type': string;
	dns_assignment: Array<{ hostname: string; ip_address: string; fqdn: string }>;
	dns_name: string;
	/** The owning instance for other services' ports (e.g. an RDS instance); "" for ECS network interfaces, a guess. */
	instance_id: string;
	instance_type: string;
	port_security_enabled: boolean;
	zone_id: string;
	enable_efi: boolean;
}

/**
 * An ELB v3 load balancer, with the fields of the documented answer of `GET /v3/{project_id}/elb/loadbalancers`
 * (the official Go SDK's `LoadBalancer` model); `listeners`, `pools` and `tags` stay empty here.
 */
export interface LoadBalancer {
	id: string;
	name: string;
	description: string;
	provisioning_status: string;
	operating_status: string;
	admin_state_up: boolean;
	provider: string;
	project_id: string;
	vpc_id: string;
	vip_subnet_cidr_id: string;
	/** The private IPv4 address: every load balancer has one; a public one has an EIP besides. */
	vip_address: string;
	vip_port_id: string;
	ipv6_vip_address: string | null;
	ipv6_vip_virsubnet_id: string | null;
	ipv6_vip_port_id: string | null;
	eips: Array<{ eip_id: string; eip_address: string; ip_version: number }>;
	publicips: Array<{ publicip_id: string; publicip_address: string; ip_version: number }>;
	/** Dedicated (`true`) or shared (`false`). */
	guaranteed: boolean;
	availability_zone_list: string[];
	listeners: Array<{ id: string }>;
	pools: Array<{ id: string }>;
	tags: Array<{ key: string; value: string }>;
	enterprise_project_id: string;
	l4_flavor_id: string | null;
	l7_flavor_id: string | null;
	elb_virsubnet_ids: string[];
	ip_target_enable: boolean;
	deletion_protection_enable: boolean;
	created_at: string;
	updated_at: string;
}

export class EmulatorState {
	readonly sessions = new Collection<TrafficMirrorSession>();
	readonly filters = new Collection<TrafficMirrorFilter>();
	readonly rules = new Collection<TrafficMirrorFilterRule>();
	readonly ports = new Collection<Port>();
	readonly loadBalancers = new Collection<LoadBalancer>();
	/** Rule ids per filter id in creation order, so a filter's answer does not scan every rule. */
	readonly ruleIdsByFilter = new Map<string, Set<string>>();
	/** The traffic-mirroring quotas in force (resources/quotas.ts). */
	quotas: MirrorQuotas = { ...DEFAULT_QUOTAS };
	/** ECS flavors by instance ID, where a test gave one: ports carry none, and sources are checked against them. */
	readonly serverFlavors = new Map<string, string>();

	clear(): void {
		this.serverFlavors.clear();
		this.sessions.clear();
		this.filters.clear();
		this.rules.clear();
		this.ports.clear();
		this.loadBalancers.clear();
		this.ruleIdsByFilter.clear();
	}
}

/** `YYYY-MM-DDTHH:MM:SSZ`, the service's timestamp format. */
export function formatTimestamp(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
