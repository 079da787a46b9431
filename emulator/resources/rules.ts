/**
 * Traffic mirror filter rules: create, list, show, update, delete, as Huawei Cloud's VPC API reference describes them
 * (CreateTrafficMirrorFilterRule and its sibling pages).
 */
import { randomUUID } from 'node:crypto';

import { invalid, notFound } from '../errors';
import { TrafficMirrorFilterRule } from '../model';
import { Operation, OperationContext } from '../operation';
import { FilterField, listPage } from '../query';
import { existingFilterId } from './filters';
import {
	cidr,
	description,
	integer,
	IpVersion,
	JsonObject,
	oneOf,
	oneOfIgnoringCase,
	parseJsonBody,
	portRange,
	present,
	rejectUnknownKeys,
	required,
	unwrapEnvelope,
} from '../validation';

const ENVELOPE = 'traffic_mirror_filter_rule';
const DIRECTIONS = ['ingress', 'egress'] as const;
const PROTOCOLS = ['TCP', 'UDP', 'ICMP', 'ICMPV6', 'ALL'] as const;
const ETHERTYPES = ['IPv4', 'IPv6'] as const;
const ACTIONS = ['accept', 'reject'] as const;
const PRIORITY_MAX = 65_535;

const UPDATE_KEYS = [
	'description',
	'protocol',
	'ethertype',
	'source_cidr_block',
	'destination_cidr_block',
	'source_port_range',
	'destination_port_range',
	'priority',
	'action',
] as const;
const CREATE_KEYS = [...UPDATE_KEYS, 'traffic_mirror_filter_id', 'direction'] as const;
const CIDR_KEYS = ['source_cidr_block', 'destination_cidr_block'] as const;
const PORT_KEYS = ['source_port_range', 'destination_port_range'] as const;

const LIST_FILTERS: Record<string, FilterField> = {
	id: { kind: 'text', multi: true },
	description: { kind: 'text', multi: true },
	traffic_mirror_filter_id: { kind: 'text', multi: true },
	direction: { kind: 'text', multi: true },
	protocol: { kind: 'upper', multi: true },
	source_cidr_block: { kind: 'text', multi: true },
	destination_cidr_block: { kind: 'text', multi: true },
	source_port_range: { kind: 'text', multi: true },
	destination_port_range: { kind: 'text', multi: true },
	action: { kind: 'text', multi: true },
	priority: { kind: 'integer', multi: true },
};

const path = (key: string) => `${ENVELOPE}.${key}`;

function findRule(context: OperationContext): TrafficMirrorFilterRule {
	const rule = context.state.rules.get(context.id);
	if (!rule) throw notFound('Traffic mirror filter rule', context.id);
	return rule;
}

/**
 * The fields create and update share. Protocol and ethertype are case-insensitive and answered in their canonical
 * spelling (Huawei's API Explorer example sends `ipv4` and gets `IPv4`; the Huawei Cloud Terraform provider sends
 * `tcp`): inferred, not documented. An empty CIDR or port range leaves the field unset (on update: clears it), also
 * not documented.
 */
function applyCommonFields(option: JsonObject, rule: TrafficMirrorFilterRule): void {
	if (present(option, 'description', path('description'))) {
		rule.description = description(option.description, path('description'));
	}
	if (present(option, 'protocol', path('protocol'))) {
		rule.protocol = oneOfIgnoringCase(option.protocol, path('protocol'), PROTOCOLS);
	}
	if (present(option, 'ethertype', path('ethertype'))) {
		rule.ethertype = oneOfIgnoringCase(option.ethertype, path('ethertype'), ETHERTYPES);
	}
	if (present(option, 'action', path('action'))) rule.action = oneOf(option.action, path('action'), ACTIONS);
	if (present(option, 'priority', path('priority'))) {
		rule.priority = integer(option.priority, path('priority'), 1, PRIORITY_MAX);
	}
	for (const key of CIDR_KEYS) {
		if (!present(option, key, path(key))) continue;
		if (option[key] === '') delete rule[key];
		else rule[key] = cidr(option[key], path(key)).cidr;
	}
	for (const key of PORT_KEYS) {
		if (!present(option, key, path(key))) continue;
		if (option[key] === '') delete rule[key];
		else rule[key] = portRange(option[key], path(key));
	}
	// A CIDR of the other IP family than the rule's ethertype cannot match anything (the service's answer: not known).
	const version: IpVersion = rule.ethertype === 'IPv6' ? 6 : 4;
	for (const key of CIDR_KEYS) {
		const value = rule[key];
		if (value !== undefined && cidr(value, path(key)).version !== version) {
			throw invalid(`${path(key)} ${value} does not match ethertype ${rule.ethertype}.`);
		}
	}
}

export const createRule: Operation = (context) => {
	const option = unwrapEnvelope(parseJsonBody(context.body), ENVELOPE);
	rejectUnknownKeys(option, CREATE_KEYS, ENVELOPE);
	for (const key of ['traffic_mirror_filter_id', 'direction', 'protocol', 'ethertype', 'action', 'priority']) {
		required(option, key, path(key));
	}
	const filterId = existingFilterId(context.state, option.traffic_mirror_filter_id, path('traffic_mirror_filter_id'));
	const rule: TrafficMirrorFilterRule = {
		id: randomUUID(),
		project_id: context.options.projectId,
		traffic_mirror_filter_id: filterId,
		direction: oneOf(option.direction, path('direction'), DIRECTIONS),
		protocol: '',
		ethertype: '',
		action: '',
		priority: 0,
		description: '',
		created_at: context.timestamp,
		updated_at: context.timestamp,
	};
	applyCommonFields(option, rule);
	context.state.rules.add(rule);
	const ruleIds = context.state.ruleIdsByFilter.get(filterId) ?? new Set<string>();
	context.state.ruleIdsByFilter.set(filterId, ruleIds.add(rule.id));
	context.counters.resourceCreated('rules');
	return { status: 201, body: { [ENVELOPE]: rule } };
};

export const listRules: Operation = (context) => {
	const { items, page_info } = listPage(context.state.rules, context.query, LIST_FILTERS);
	return { status: 200, body: { traffic_mirror_filter_rules: items, page_info } };
};

export const showRule: Operation = (context) => ({ status: 200, body: { [ENVELOPE]: findRule(context) } });

/** `traffic_mirror_filter_id` and `direction` are immutable (Terraform: ForceNew), so they are unknown keys here. */
export const updateRule: Operation = (context) => {
	const rule = findRule(context);
	const option = unwrapEnvelope(parseJsonBody(context.body), ENVELOPE);
	rejectUnknownKeys(option, UPDATE_KEYS, ENVELOPE);
	// Changed on a copy that is stored only once every field passed, so that a refused update changes nothing.
	const updated = { ...rule, updated_at: context.timestamp };
	applyCommonFields(option, updated);
	return { status: 200, body: { [ENVELOPE]: context.state.rules.replace(updated) } };
};

export const deleteRule: Operation = (context) => {
	const rule = findRule(context);
	context.state.rules.delete(rule.id);
	context.state.ruleIdsByFilter.get(rule.traffic_mirror_filter_id)?.delete(rule.id);
	return { status: 204 };
};
