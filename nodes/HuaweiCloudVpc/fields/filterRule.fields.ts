import { DESCRIPTION_RULE } from './common.fields';
import type { FieldDefinition, FieldSet } from './definition';

/** The rule an operation acts on: the `{traffic_mirror_filter_rule_id}` of the path, and the `id` list filter. */
export const filterRuleIdField: FieldDefinition = {
	parameter: 'trafficMirrorFilterRuleId',
	apiName: 'id',
	displayName: 'Traffic Mirror Filter Rule',
	description: 'The traffic mirror filter rule, picked from the list (labelled direction, protocol, ports, action and priority) or given by its ID',
	constraint: { kind: 'id' },
	listSearchMethod: 'searchTrafficMirrorFilterRules',
};

/**
 * CreateTrafficMirrorFilterRuleOption and UpdateTrafficMirrorFilterRuleOption (models of
 * @huaweicloud/huaweicloud-sdk-vpc, v3/model/), with the rules of Huawei Cloud's CreateTrafficMirrorFilterRule API
 * reference.
 */
export const filterRuleFields = {
	trafficMirrorFilterId: {
		parameter: 'trafficMirrorFilterId',
		apiName: 'traffic_mirror_filter_id',
		displayName: 'Traffic Mirror Filter',
		description: 'The traffic mirror filter the rule belongs to',
		constraint: { kind: 'id' },
		listSearchMethod: 'searchTrafficMirrorFilters',
	},
	direction: {
		parameter: 'direction',
		apiName: 'direction',
		displayName: 'Direction',
		description: 'Which traffic of the mirror sources the rule matches',
		constraint: { kind: 'choice', values: ['ingress', 'egress'] },
		choiceNames: { ingress: 'Ingress', egress: 'Egress' },
		choiceDescriptions: { ingress: 'Traffic the mirror sources receive', egress: 'Traffic the mirror sources send' },
		uiDefault: 'ingress',
	},
	protocol: {
		parameter: 'protocol',
		apiName: 'protocol',
		displayName: 'Protocol',
		description: 'Protocol of the packets the rule matches',
		constraint: { kind: 'choice', values: ['TCP', 'UDP', 'ICMP', 'ICMPV6', 'ALL'], caseInsensitive: true },
		choiceNames: { ICMPV6: 'ICMPv6', ALL: 'All' },
		choiceDescriptions: { ALL: 'Every protocol' },
		uiDefault: 'TCP',
	},
	ethertype: {
		parameter: 'ethertype',
		apiName: 'ethertype',
		displayName: 'IP Version',
		description: 'IP version of the packets the rule matches; the rule’s CIDR blocks must be of the same version',
		constraint: { kind: 'choice', values: ['IPv4', 'IPv6'], caseInsensitive: true },
		uiDefault: 'IPv4',
	},
	action: {
		// Not `action`: n8n reads an options parameter of that name as a list of operations.
		parameter: 'ruleAction',
		apiName: 'action',
		displayName: 'Action',
		description: 'What happens to the packets the rule matches',
		constraint: { kind: 'choice', values: ['accept', 'reject'] },
		choiceNames: { accept: 'Accept', reject: 'Reject' },
		choiceDescriptions: { accept: 'Mirror the packets', reject: 'Leave the packets out of the mirror' },
		uiDefault: 'accept',
	},
	priority: {
		parameter: 'priority',
		apiName: 'priority',
		displayName: 'Priority',
		description: 'Order of the rule within its filter and direction: a rule with a smaller number is matched first',
		constraint: { kind: 'integer', min: 1, max: 65535 },
		uiDefault: 1,
	},
	sourceCidrBlock: {
		parameter: 'sourceCidrBlock',
		apiName: 'source_cidr_block',
		displayName: 'Source CIDR Block',
		description: 'Source addresses the rule matches; any source when not set',
		constraint: { kind: 'cidr' },
		placeholder: 'e.g. 10.0.0.0/8',
	},
	destinationCidrBlock: {
		parameter: 'destinationCidrBlock',
		apiName: 'destination_cidr_block',
		displayName: 'Destination CIDR Block',
		description: 'Destination addresses the rule matches; any destination when not set',
		constraint: { kind: 'cidr' },
		placeholder: 'e.g. 192.168.0.0/24',
	},
	sourcePortRange: {
		parameter: 'sourcePortRange',
		apiName: 'source_port_range',
		displayName: 'Source Port Range',
		description: 'Source ports the rule matches (TCP and UDP); any port when not set',
		constraint: { kind: 'portRange' },
		placeholder: 'e.g. 1-65535',
	},
	destinationPortRange: {
		parameter: 'destinationPortRange',
		apiName: 'destination_port_range',
		displayName: 'Destination Port Range',
		description: 'Destination ports the rule matches (TCP and UDP); any port when not set',
		constraint: { kind: 'portRange' },
		placeholder: 'e.g. 80-443',
	},
	description: {
		parameter: 'description',
		apiName: 'description',
		displayName: 'Description',
		description: 'Description of the traffic mirror filter rule',
		constraint: DESCRIPTION_RULE,
	},
} satisfies FieldSet;
