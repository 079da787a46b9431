import { DESCRIPTION_RULE, NAME_RULE } from './common.fields';
import type { FieldDefinition, FieldSet } from './definition';

/** The session an operation acts on: the `{traffic_mirror_session_id}` of the path, and the `id` list filter. */
export const sessionIdField: FieldDefinition = {
	parameter: 'trafficMirrorSessionId',
	apiName: 'id',
	displayName: 'Traffic Mirror Session',
	description: 'The traffic mirror session, picked from the list or given by its ID',
	constraint: { kind: 'id' },
	listSearchMethod: 'searchTrafficMirrorSessions',
};

/** CreateTrafficMirrorSessionOption and UpdateTrafficMirrorSessionOption (spec §2.1, §2.3). */
export const sessionFields = {
	name: {
		parameter: 'name',
		apiName: 'name',
		displayName: 'Name',
		description: 'Name of the traffic mirror session',
		constraint: NAME_RULE,
		placeholder: 'e.g. mirror-web-01',
	},
	description: {
		parameter: 'description',
		apiName: 'description',
		displayName: 'Description',
		description: 'Description of the traffic mirror session',
		constraint: DESCRIPTION_RULE,
	},
	trafficMirrorFilterId: {
		parameter: 'trafficMirrorFilterId',
		apiName: 'traffic_mirror_filter_id',
		displayName: 'Traffic Mirror Filter',
		description: 'The traffic mirror filter that selects which packets are mirrored',
		constraint: { kind: 'id' },
		listSearchMethod: 'searchTrafficMirrorFilters',
	},
	trafficMirrorSources: {
		parameter: 'trafficMirrorSources',
		apiName: 'traffic_mirror_sources',
		displayName: 'Traffic Mirror Source Names or IDs',
		description:
			'The elastic network interfaces (ports) whose traffic is mirrored. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		constraint: { kind: 'idList', minItems: 1, maxItems: 10 },
		loadOptionsMethod: 'getPorts',
	},
	trafficMirrorTargetId: {
		parameter: 'trafficMirrorTargetId',
		apiName: 'traffic_mirror_target_id',
		displayName: 'Traffic Mirror Target',
		description: 'The elastic network interface or private load balancer that receives the mirrored traffic',
		constraint: { kind: 'id' },
		listSearchMethod: 'searchPorts',
	},
	trafficMirrorTargetType: {
		parameter: 'trafficMirrorTargetType',
		apiName: 'traffic_mirror_target_type',
		displayName: 'Traffic Mirror Target Type',
		description: 'Kind of the mirror target',
		constraint: { kind: 'choice', values: ['eni', 'elb'] },
		choiceNames: { eni: 'Elastic Network Interface', elb: 'Private Load Balancer' },
		uiDefault: 'eni',
	},
	virtualNetworkId: {
		parameter: 'virtualNetworkId',
		apiName: 'virtual_network_id',
		displayName: 'Virtual Network ID (VNI)',
		description: 'VXLAN network identifier that tells this session’s mirrored traffic apart from other sessions’',
		constraint: { kind: 'integer', min: 0, max: 16777215 },
		uiDefault: 1,
	},
	packetLength: {
		parameter: 'packetLength',
		apiName: 'packet_length',
		displayName: 'Packet Length',
		description: 'Bytes of each packet that are mirrored (the mirror MTU)',
		constraint: { kind: 'integer', min: 1, max: 1460 },
		uiDefault: 96,
	},
	priority: {
		parameter: 'priority',
		apiName: 'priority',
		displayName: 'Priority',
		description: 'Session priority; a smaller number means a higher priority',
		constraint: { kind: 'integer', min: 1, max: 32766 },
		uiDefault: 1,
	},
	enabled: {
		parameter: 'enabled',
		apiName: 'enabled',
		displayName: 'Enabled',
		description: 'Whether the session mirrors traffic',
		constraint: { kind: 'boolean' },
		uiDefault: true,
	},
	type: {
		parameter: 'type',
		apiName: 'type',
		displayName: 'Source Type',
		description: 'Kind of the mirror sources',
		constraint: { kind: 'choice', values: ['eni'] },
		choiceNames: { eni: 'Elastic Network Interface' },
		uiDefault: 'eni',
	},
} satisfies FieldSet;
