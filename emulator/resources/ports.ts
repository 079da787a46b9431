/**
 * VPC v1 ports (elastic network interfaces): the list the node's ENI picker reads, the seeded demo ports, and
 * ports added through the control API.
 */
import { randomUUID } from 'node:crypto';

import { invalid } from '../errors';
import { EmulatorState, Port } from '../model';
import { Operation } from '../operation';
import { FilterField, listPage } from '../query';
import { isObject, nonEmptyString, rejectUnknownKeys, resourceName } from '../validation';

const DEMO_NETWORK_ID = '5ae24488-454f-499c-86c4-c0355704005d';
const DEMO_SUBNET_ID = '2f3a6c1e-8b4d-4f7a-9c2e-1d5b7a9e3c41';
const DEMO_SECURITY_GROUP_ID = '0b7d9e4f-3c2a-4e1b-8f6d-5a9c7e2b1d03';

/**
 * The ports every fresh emulator holds, with fixed ids so that demos and tests can name them:
 * two web servers and a database as mirror sources, and an analyser as the mirror target.
 */
export const DEMO_PORTS = [
	{ id: '6134900d-31a6-4b71-8453-dbca7f26982a', name: 'ecs-web-01-eth0', ip: '192.168.0.11', device: 'c1f2e3d4-0a1b-4c2d-8e3f-000000000011' },
	{ id: '8d5f0c7b-2e4a-4f61-9b3c-7a1e5d2c9f02', name: 'ecs-web-02-eth0', ip: '192.168.0.12', device: 'c1f2e3d4-0a1b-4c2d-8e3f-000000000012' },
	{ id: '3e9a7b1c-6d2f-4c85-a0e4-9f8b2d6c1a03', name: 'ecs-db-01-eth0', ip: '192.168.0.21', device: 'c1f2e3d4-0a1b-4c2d-8e3f-000000000021' },
	{ id: 'c9f8acef-d550-4fbe-be7c-e8bfd3501dc1', name: 'analyser-eth0', ip: '192.168.0.100', device: 'c1f2e3d4-0a1b-4c2d-8e3f-000000000100' },
] as const;

const LIST_FILTERS: Record<string, FilterField> = {
	id: { kind: 'text', multi: true },
	name: { kind: 'text', multi: true },
	status: { kind: 'text', multi: true },
	device_id: { kind: 'text', multi: true },
	device_owner: { kind: 'text', multi: true },
	network_id: { kind: 'text', multi: true },
	mac_address: { kind: 'text', multi: true },
};

/** Locally administered MACs in OpenStack's `fa:16:3e` range, derived from a counter so they stay unique. */
function macAddress(index: number): string {
	const bytes = [(index >> 16) & 0xff, (index >> 8) & 0xff, index & 0xff];
	return ['fa', '16', '3e', ...bytes.map((byte) => byte.toString(16).padStart(2, '0'))].join(':');
}

function port(state: EmulatorState, projectId: string, fields: Partial<Port> & { ip?: string }): Port {
	return {
		id: fields.id ?? randomUUID(),
		name: fields.name ?? '',
		status: fields.status ?? 'ACTIVE',
		admin_state_up: true,
		device_owner: fields.device_owner ?? 'compute:cn-north-4a',
		device_id: fields.device_id ?? randomUUID(),
		mac_address: fields.mac_address ?? macAddress(state.ports.size + 1),
		network_id: fields.network_id ?? DEMO_NETWORK_ID,
		tenant_id: projectId,
		project_id: projectId,
		fixed_ips: fields.fixed_ips ?? [{ subnet_id: DEMO_SUBNET_ID, ip_address: fields.ip ?? `192.168.1.${(state.ports.size % 250) + 2}` }],
		security_groups: [DEMO_SECURITY_GROUP_ID],
		'binding:vnic_type': 'normal',
		port_security_enabled: true,
	};
}

export function seedDemoPorts(state: EmulatorState, projectId: string): void {
	for (const demo of DEMO_PORTS) {
		state.ports.add(port(state, projectId, { id: demo.id, name: demo.name, ip: demo.ip, device_id: demo.device }));
	}
}

const ADDABLE_KEYS = ['id', 'name', 'status', 'device_owner', 'device_id', 'network_id', 'mac_address', 'ip_address'] as const;

/** Control API: adds a port from `{name, id?, status?, device_owner?, device_id?, network_id?, mac_address?, ip_address?}`. */
export function addPort(state: EmulatorState, projectId: string, body: unknown): Port {
	if (!isObject(body)) throw invalid('The body must be a JSON object describing the port.');
	rejectUnknownKeys(body, ADDABLE_KEYS, 'the port');
	const text = (key: (typeof ADDABLE_KEYS)[number]) =>
		body[key] === undefined ? undefined : nonEmptyString(body[key], key);
	const id = text('id');
	if (id !== undefined && state.ports.get(id)) throw invalid(`Port ${id} already exists.`);
	const created = port(state, projectId, {
		id,
		name: body.name === undefined ? '' : resourceName(body.name, 'name'),
		status: text('status'),
		device_owner: text('device_owner'),
		device_id: text('device_id'),
		network_id: text('network_id'),
		mac_address: text('mac_address'),
		ip: text('ip_address'),
	});
	return state.ports.add(created);
}

/** `GET /v1/{project_id}/ports`: a bare `{"ports": [...]}`; the v1 API has no page_info, clients page by marker. */
export const listPorts: Operation = (context) => {
	const { items } = listPage(context.state.ports, context.query, LIST_FILTERS);
	return { status: 200, body: { ports: items } };
};
