/**
 * The ports service: network interfaces (ports) from the VPC v1 ports API (`GET /v1/{project_id}/ports`, IAM action
 * `vpc:ports:get`), paged and labelled, for the pickers (methods/listSearch.ts, methods/loadOptions.ts) and for the
 * servers that mirror sources and targets are given as (resolve.ts). The API has no page_info: a full page means
 * there may be more, and the next page starts after its last port.
 */
import type { IDataObject } from 'n8n-workflow';

import { canonicalIpAddress } from '../../fields/constraints';
import type { TransportContext } from '../../transport/context';
import { vpcApiRequestAllItems } from '../../transport/paginate';
import { vpcApiRequest } from '../../transport/request';

const PORTS_VERSION = 'v1';
const PORTS_PATH = '/ports';
const PORTS_KEY = 'ports';
/** A picker's page: as many as the other pickers show at once. */
const PICKER_PAGE_SIZE = 100;

/** Every port the ports API lists for these query filters. */
export async function listPorts(transport: TransportContext, itemIndex: number, qs: IDataObject): Promise<IDataObject[]> {
	const ports = await vpcApiRequestAllItems(transport, {
		version: PORTS_VERSION,
		path: PORTS_PATH,
		key: PORTS_KEY,
		qs,
		itemIndex,
		markers: 'lastOfFullPage',
	});
	return ports.map((port) => port.data);
}

/** One page of a picker's ports, and the marker of the next page where there may be one. */
export async function portsPage(
	transport: TransportContext,
	marker: string | undefined,
): Promise<{ ports: IDataObject[]; nextMarker?: string }> {
	const response = await vpcApiRequest(transport, {
		method: 'GET',
		version: PORTS_VERSION,
		path: PORTS_PATH,
		qs: { limit: PICKER_PAGE_SIZE, marker },
	});
	const ports = (response[PORTS_KEY] ?? []) as IDataObject[];
	return { ports, nextMarker: ports.length === PICKER_PAGE_SIZE ? String(ports[ports.length - 1].id) : undefined };
}

/** A port in a picker: by its name (or ID) and its addresses, e.g. "ecs-web-01-eth0 (192.168.0.10)". */
export function portLabel(port: IDataObject): string {
	const addresses = ((port.fixed_ips ?? []) as IDataObject[]).map((ip) => ip.ip_address).join(', ');
	return [port.name || port.id, addresses && `(${addresses})`].filter(Boolean).join(' ');
}

/** The addresses of a port's fixed IPs, each in its canonical spelling. */
export function portAddresses(port: IDataObject): string[] {
	return ((port.fixed_ips ?? []) as IDataObject[]).map((fixedIp) => {
		const address = String(fixedIp.ip_address ?? '');
		return canonicalIpAddress(address) ?? address;
	});
}

/** An ECS server's network interface: the ports API documents `device_owner` `compute:<availability zone>` for them. */
export function isServerInterface(port: IDataObject): boolean {
	return String(port.device_owner ?? '').startsWith('compute:');
}

/** The documented primary-interface flag (`binding:vif_details.primary_interface`); undefined where it is absent. */
export function primaryFlag(port: IDataObject): boolean | undefined {
	const flag = ((port['binding:vif_details'] ?? {}) as IDataObject).primary_interface;
	return typeof flag === 'boolean' ? flag : undefined;
}

/** A port as an error message names it: `ecs-web-01-eth0 (port 6134900d-…, 192.168.0.11)`. */
export function describePort(port: IDataObject): string {
	const details = [`port ${String(port.id)}`, ...portAddresses(port)];
	if (!isServerInterface(port)) details.push(port.device_owner ? String(port.device_owner) : 'attached to nothing');
	else details.push(`ECS instance ${String(port.device_id)}`);
	return port.name ? `${String(port.name)} (${details.join(', ')})` : details.join(', ');
}
