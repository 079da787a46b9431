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

/**
 * CreateTrafficMirrorSessionOption and UpdateTrafficMirrorSessionOption (models of @huaweicloud/huaweicloud-sdk-vpc,
 * v3/model/), with the rules of https://support.huaweicloud.com/intl/en-us/api-vpc/CreateTrafficMirrorSession.html
 * and of Huawei Cloud's UpdateTrafficMirrorSession API reference.
 */
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
		description: 'The elastic network interfaces (ports) whose traffic is copied to the target',
		constraint: { kind: 'idList', minItems: 1, maxItems: 10 },
		loadOptionsMethod: 'getPorts',
	},
	trafficMirrorTargetId: {
		parameter: 'trafficMirrorTargetId',
		apiName: 'traffic_mirror_target_id',
		displayName: 'Traffic Mirror Target',
		description: 'Where the mirrored traffic goes: a network interface or a load balancer, of the kind Traffic Mirror Target Type says',
		constraint: { kind: 'id' },
		listSearchMethod: 'searchMirrorTargets',
	},
	trafficMirrorTargetType: {
		parameter: 'trafficMirrorTargetType',
		apiName: 'traffic_mirror_target_type',
		displayName: 'Traffic Mirror Target Type',
		description: 'What kind of resource receives the mirrored traffic',
		constraint: { kind: 'choice', values: ['eni', 'elb'] },
		choiceNames: { eni: 'Elastic Network Interface', elb: 'Private Load Balancer' },
		choiceDescriptions: {
			eni: 'A network interface, such as that of a server running a traffic analyser',
			elb: 'A private network load balancer that spreads the traffic over several analysers',
		},
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
		description: 'How many bytes of each packet are mirrored; longer packets are cut short',
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
		description: 'What kind of resources the mirror sources are; network interfaces are the only kind so far',
		constraint: { kind: 'choice', values: ['eni'] },
		choiceNames: { eni: 'Elastic Network Interface' },
		uiDefault: 'eni',
	},
} satisfies FieldSet;
