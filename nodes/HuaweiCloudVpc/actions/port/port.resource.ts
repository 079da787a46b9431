import type { IDataObject } from 'n8n-workflow';

import { canonicalIpAddress } from '../../fields/constraints';
import type { TransportContext } from '../../transport/context';
import { vpcApiRequestAllItems } from '../../transport/paginate';

/** The VPC v1 ports API (`GET /v1/{project_id}/ports`, IAM action `vpc:ports:get`): network interfaces. */
export const PORTS_VERSION = 'v1' as const;
export const PORTS_PATH = '/ports';
export const PORTS_KEY = 'ports';

/** Every port the ports API lists for these query filters (it has no page_info: a full page means there may be more). */
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
