/** The resources as the service answers them (spec §2), plus the emulator's whole state. */
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
	/** Unset CIDRs and port ranges are left out of the answer, as in the documented examples `[U]`. */
	source_cidr_block?: string;
	destination_cidr_block?: string;
	source_port_range?: string;
	destination_port_range?: string;
	created_at: string;
	updated_at: string;
}

/** A VPC v1 port (elastic network interface), as far as the ENI picker needs it. */
export interface Port {
	id: string;
	name: string;
	status: string;
	admin_state_up: boolean;
	device_owner: string;
	device_id: string;
	mac_address: string;
	network_id: string;
	tenant_id: string;
	project_id: string;
	fixed_ips: Array<{ subnet_id: string; ip_address: string }>;
	security_groups: string[];
	'binding:vnic_type': string;
	port_security_enabled: boolean;
}

export class EmulatorState {
	readonly sessions = new Collection<TrafficMirrorSession>();
	readonly filters = new Collection<TrafficMirrorFilter>();
	readonly rules = new Collection<TrafficMirrorFilterRule>();
	readonly ports = new Collection<Port>();
	/** Rule ids per filter id in creation order, so a filter's answer does not scan every rule. */
	readonly ruleIdsByFilter = new Map<string, Set<string>>();

	clear(): void {
		this.sessions.clear();
		this.filters.clear();
		this.rules.clear();
		this.ports.clear();
		this.ruleIdsByFilter.clear();
	}
}

/** `YYYY-MM-DDTHH:MM:SSZ`, the service's timestamp format. */
export function formatTimestamp(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
