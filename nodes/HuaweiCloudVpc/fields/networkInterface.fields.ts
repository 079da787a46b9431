import type { ParameterDefinition } from './definition';

/**
 * How a session's network interfaces are named: by their own IDs, or by the servers they belong to. Alerts name a
 * server by its ECS instance ID or its private IP address, never by its network interface; the node then looks the
 * interfaces up with the VPC ports API (`GET /v1/{project_id}/ports` with `device_id=…` or `fixed_ips=ip_address=…`).
 */
export const NAMED_BY = ['networkInterface', 'server'] as const;
export type NamedBy = (typeof NAMED_BY)[number];

export const INTERFACE_CHOICES = ['primary', 'all'] as const;
export type InterfaceChoice = (typeof INTERFACE_CHOICES)[number];

/**
 * The parameters that say which network interfaces are a session's mirror sources when servers name them: they steer
 * the node, and have no API name.
 */
export const sourceSelectionFields = {
	sourcesBy: {
		parameter: 'sourcesBy',
		displayName: 'Identify Sources By',
		description:
			'How the mirror sources are given: as network interfaces, or as servers (ECS instance IDs or private IP addresses) whose network interfaces are looked up before anything is sent',
		constraint: { kind: 'choice', values: NAMED_BY },
		choiceNames: { networkInterface: 'Network Interface', server: 'Server (ECS Instance ID or Private IP Address)' },
		uiDefault: 'networkInterface',
	},
	sourceServers: {
		parameter: 'sourceServers',
		displayName: 'Servers',
		description:
			'The servers whose network interfaces are the mirror sources, e.g. from an alert: an instance ID stands for the interfaces chosen under Interfaces to Mirror, an address for the interface that holds it',
		constraint: { kind: 'serverList', minItems: 1, maxItems: 10 },
		placeholder: 'e.g. {{ $json.server }}',
	},
	sourceInterfaces: {
		parameter: 'sourceInterfaces',
		displayName: 'Interfaces to Mirror',
		description:
			'Which network interfaces of a server given by its instance ID are mirrored; a session holds at most 10 in all',
		constraint: { kind: 'choice', values: INTERFACE_CHOICES },
		choiceNames: { primary: 'Primary Interface Only', all: 'All Interfaces' },
		uiDefault: 'primary',
	},
} satisfies Record<string, ParameterDefinition>;

/** The mirror target's mode for a network interface named by its server, beside picking it or giving its ID. */
export const targetServerMode = {
	name: 'server',
	displayName: 'By Server (ECS Instance ID or IP)',
	placeholder: "e.g. the analyser's instance ID, or 192.168.0.100",
	constraint: { kind: 'server' },
} as const;

/**
 * Get Many's filter on what a session mirrors. The sessions API cannot filter by source, so the node lists the
 * sessions and keeps those holding the interface, or one of the server's interfaces.
 */
export const containingFilter = {
	parameter: 'containing',
	displayName: 'Containing Server or Network Interface',
	description:
		'Only the sessions that mirror this network interface, or an interface of this server (ECS instance ID or private IP address); the sessions are all listed, then filtered',
	constraint: { kind: 'server' },
	placeholder: 'e.g. {{ $json.server }}',
} satisfies ParameterDefinition;
