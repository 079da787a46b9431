import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { canonicalIpAddress } from '../../fields/constraints';
import type { InterfaceChoice } from '../../fields/networkInterface.fields';
import type { TransportContext } from '../../transport/context';
import { describePort, isServerInterface, listPorts, portAddresses, primaryFlag } from './ports';

/**
 * The most sources a traffic mirror session can have by default
 * (https://support.huaweicloud.com/intl/en-us/api-vpc/CreateTrafficMirrorSession.html).
 */
export const MAX_SOURCES = 10;

/** The output key of the network interfaces an item's servers or addresses resolved to, apart from the API's fields. */
export const RESOLVED_PORTS_KEY = '_resolvedPorts';

/** A network interface found for a server or an address, as the output shows it to the next node. */
export interface ResolvedPort extends IDataObject {
	/** The ECS instance ID or private IP address it was found for, as sent to the ports API. */
	given: string;
	givenAs: 'ecsInstanceId' | 'ipAddress';
	portId: string;
	name: string;
	ipAddresses: string[];
	ecsInstanceId: string;
	/** The port's documented primary-interface flag; null when the API does not say. */
	primary: boolean | null;
	networkId: string;
}

type Role = 'mirror source' | 'mirror target';

const NOTHING_DONE = 'No traffic mirror session was created or changed for this item.';

function failure(transport: TransportContext, itemIndex: number, message: string, hint: string): NodeOperationError {
	return new NodeOperationError(transport.context.getNode(), message, { itemIndex, description: `${hint} ${NOTHING_DONE}` });
}

/** A server named by a private IP address; otherwise by its ECS instance ID (the field's rule allows nothing else). */
const isAddress = (server: string) => canonicalIpAddress(server) !== undefined;

function resolved(port: IDataObject, given: string): ResolvedPort {
	return {
		given,
		givenAs: isAddress(given) ? 'ipAddress' : 'ecsInstanceId',
		portId: String(port.id),
		name: String(port.name ?? ''),
		ipAddresses: portAddresses(port),
		ecsInstanceId: String(port.device_id ?? ''),
		primary: primaryFlag(port) ?? null,
		networkId: String(port.network_id ?? ''),
	};
}

/**
 * The network interfaces of an ECS server: every port whose device is the instance (the API's `device_id` filter,
 * checked again here), all of them or its primary one. A server with one interface needs no flag to tell it.
 */
async function interfacesOfServer(
	transport: TransportContext,
	itemIndex: number,
	instanceId: string,
	interfaces: InterfaceChoice,
	role: Role,
): Promise<IDataObject[]> {
	const ports = (await listPorts(transport, itemIndex, { device_id: instanceId })).filter(
		(port) => String(port.device_id).toLowerCase() === instanceId.toLowerCase(),
	);
	const serverPorts = ports.filter(isServerInterface);
	if (serverPorts.length === 0 && ports.length > 0) {
		throw failure(
			transport,
			itemIndex,
			`${instanceId} is not an ECS instance: its ${ports.length === 1 ? 'port belongs' : 'ports belong'} to ${ports.map(describePort).join('; ')}`,
			`Give the ECS instance ID of the server whose network interface is the ${role}.`,
		);
	}
	if (serverPorts.length === 0) {
		throw failure(
			transport,
			itemIndex,
			`No network interface found for ECS instance ${instanceId}: the VPC ports API lists no port of that server in this project`,
			`Check the instance ID (${role === 'mirror source' ? 'network interface IDs are given with Identify Sources By: Network Interface' : 'a network interface ID is given By ID'}), and that the credential's region and project are the server's.`,
		);
	}
	if (interfaces === 'all' || serverPorts.length === 1) return serverPorts;
	const primary = serverPorts.filter((port) => primaryFlag(port) === true);
	if (primary.length === 1) return primary;
	throw failure(
		transport,
		itemIndex,
		`ECS instance ${instanceId} has ${serverPorts.length} network interfaces and ${primary.length === 0 ? 'none is' : 'several are'} marked primary: ${serverPorts.map(describePort).join('; ')}`,
		role === 'mirror source'
			? 'Choose "All Interfaces" under Interfaces to Mirror, or give the network interfaces by ID.'
			: 'Give the target network interface by ID or by its private IP address.',
	);
}

/** The ECS network interface that holds a private IP address (the API's `fixed_ips=ip_address=` filter, checked again). */
async function interfaceWithAddress(
	transport: TransportContext,
	itemIndex: number,
	address: string,
	role: Role,
): Promise<IDataObject> {
	const ports = (await listPorts(transport, itemIndex, { fixed_ips: `ip_address=${address}` })).filter((port) =>
		portAddresses(port).includes(address),
	);
	const serverPorts = ports.filter(isServerInterface);
	if (serverPorts.length === 1) return serverPorts[0];
	if (serverPorts.length > 1) {
		throw failure(
			transport,
			itemIndex,
			`${address} is held by ${serverPorts.length} network interfaces, in different networks: ${serverPorts.map(describePort).join('; ')}`,
			`Give the ${role} by ECS instance ID or by network interface ID instead.`,
		);
	}
	if (ports.length > 0) {
		throw failure(
			transport,
			itemIndex,
			`${address} is not an ECS server's address: it is held by ${ports.map(describePort).join('; ')}`,
			`Give the private IP address of the server whose network interface is the ${role}.`,
		);
	}
	throw failure(
		transport,
		itemIndex,
		`No network interface in this project holds the private IP address ${address}`,
		"Check the address, and that the credential's region and project are the server's.",
	);
}

/** The network interfaces one server stands for: an address the interface holding it, an instance ID its interfaces. */
async function interfacesOf(
	transport: TransportContext,
	itemIndex: number,
	server: string,
	interfaces: InterfaceChoice,
	role: Role,
): Promise<IDataObject[]> {
	if (isAddress(server)) return [await interfaceWithAddress(transport, itemIndex, server, role)];
	return await interfacesOfServer(transport, itemIndex, server, interfaces, role);
}

/**
 * The network interfaces that mirror sources given as servers stand for, looked up one by one before anything is
 * created or changed. More than `limit` (what one session can hold) fails the item, naming what each server found.
 */
export async function resolveSources(
	transport: TransportContext,
	itemIndex: number,
	servers: string[],
	interfaces: InterfaceChoice,
	limit = MAX_SOURCES,
): Promise<ResolvedPort[]> {
	const found: Array<{ server: string; ports: IDataObject[] }> = [];
	for (const server of servers) {
		found.push({ server, ports: await interfacesOf(transport, itemIndex, server, interfaces, 'mirror source') });
	}
	// Two addresses of one dual-stack interface, or a server and its address, name it once.
	const unique = new Map<string, ResolvedPort>();
	for (const { server, ports } of found) {
		for (const port of ports) if (!unique.has(String(port.id))) unique.set(String(port.id), resolved(port, server));
	}
	if (unique.size > limit) {
		const perServer = found.map(({ server, ports }) => `${server}: ${ports.length} (${ports.map((port) => String(port.id)).join(', ')})`);
		throw failure(
			transport,
			itemIndex,
			`The mirror sources resolve to ${unique.size} network interfaces, more than the ${MAX_SOURCES} a traffic mirror session can have. ${perServer.join('; ')}`,
			'Choose "Primary Interface Only" under Interfaces to Mirror, or give fewer servers.',
		);
	}
	return [...unique.values()];
}

/** The network interface a mirror target given as a server stands for: its primary interface, or the one holding the address. */
export async function resolveTarget(transport: TransportContext, itemIndex: number, server: string): Promise<ResolvedPort> {
	const [port] = await interfacesOf(transport, itemIndex, server, 'primary', 'mirror target');
	return resolved(port, server);
}
