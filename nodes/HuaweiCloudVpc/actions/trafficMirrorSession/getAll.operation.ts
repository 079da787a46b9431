import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { canonicalIpAddress } from '../../fields/constraints';
import { containingFilter } from '../../fields/networkInterface.fields';
import { fieldProperty } from '../../fields/property';
import { validateField } from '../../fields/read';
import { sessionFields, sessionIdField } from '../../fields/session.fields';
import type { TransportContext } from '../../transport/context';
import { canonicalId } from '../create';
import { listProperties, listResources, type ListFilter } from '../list';
import { listPorts } from '../port/ports';
import { resolveSources } from '../port/resolve';
import { SESSIONS_KEY, SESSIONS_PATH } from './session.resource';
import type { ApiItem } from '../../transport/request';
import type { OperationOption } from '../node.type';
import { simplifyProperty } from '../simplify';

/**
 * The filters of Huawei Cloud's ListTrafficMirrorSessions API. Its 2025 documentation makes most of them multi-valued
 * (a repeated key); `enabled` is single. A choice offers every value, so choosing several would filter nothing.
 * `created_at`/`updated_at` are documented as sort keys with unknown semantics and are not offered.
 */
const filters: ListFilter[] = [
	{ field: sessionIdField, displayName: 'IDs', description: 'Only the sessions with these IDs', multiple: true },
	{ field: sessionFields.name, displayName: 'Names', description: 'Only the sessions with one of these names', multiple: true },
	{ field: sessionFields.description, displayName: 'Description', description: 'Only the sessions with exactly this description' },
	{
		field: sessionFields.trafficMirrorFilterId,
		displayName: 'Traffic Mirror Filter IDs',
		description: 'Only the sessions that use one of these traffic mirror filters',
		multiple: true,
	},
	{
		field: sessionFields.trafficMirrorTargetId,
		displayName: 'Traffic Mirror Target IDs',
		description: 'Only the sessions that mirror to one of these targets (network interface or load balancer IDs)',
		multiple: true,
	},
	{
		field: sessionFields.trafficMirrorTargetType,
		displayName: 'Traffic Mirror Target Type',
		description: 'Only the sessions whose target is of this kind',
	},
	{
		field: sessionFields.virtualNetworkId,
		displayName: 'Virtual Network IDs (VNI)',
		description: 'Only the sessions with one of these VXLAN network identifiers',
		multiple: true,
	},
	{
		field: sessionFields.packetLength,
		displayName: 'Packet Lengths',
		description: 'Only the sessions that mirror one of these numbers of bytes per packet',
		multiple: true,
	},
	{ field: sessionFields.priority, displayName: 'Priorities', description: 'Only the sessions with one of these priorities', multiple: true },
	{ field: sessionFields.enabled, displayName: 'Enabled', description: 'Whether to list only enabled sessions (on) or only disabled ones (off)' },
	{ field: sessionFields.type, displayName: 'Source Type', description: 'Only the sessions whose mirror sources are of this kind' },
];

export const option: OperationOption = {
	name: 'Get Many',
	description: 'List traffic mirror sessions, optionally filtered by name, ID, filter, target, priority and more',
	action: 'Get many traffic mirror sessions',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorSession'], operation: ['getAll'] } },
	[...listProperties(filters, [fieldProperty(containingFilter)]), simplifyProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, transport: TransportContext): Promise<ApiItem[]> {
	const containing = await readContaining(this, itemIndex, transport);
	return await listResources(this, itemIndex, transport, {
		path: SESSIONS_PATH,
		key: SESSIONS_KEY,
		filters,
		label: 'traffic mirror sessions',
		keep: containing && {
			displayName: containingFilter.displayName,
			test: (session) => ((session.traffic_mirror_sources ?? []) as unknown[]).some((source) => containing.has(canonicalId(source))),
		},
	});
}

/**
 * The network interfaces the Containing filter stands for: the one holding an address; the interfaces of an ECS
 * instance; or, when no server has that ID, the network interface of that ID itself.
 */
async function readContaining(context: IExecuteFunctions, itemIndex: number, transport: TransportContext): Promise<Set<string> | undefined> {
	const value = (context.getNodeParameter('filters', itemIndex, {}) as IDataObject)[containingFilter.parameter];
	if (value === undefined || (typeof value === 'string' && value.trim() === '')) return undefined;
	const given = validateField(context, itemIndex, containingFilter, value) as string;
	if (canonicalIpAddress(given) !== undefined) {
		const [port] = await resolveSources(transport, itemIndex, [given], 'all', Number.POSITIVE_INFINITY);
		return new Set([canonicalId(port.portId)]);
	}
	const ofServer = (await listPorts(transport, itemIndex, { device_id: given })).filter(
		(port) => canonicalId(port.device_id) === canonicalId(given),
	);
	return new Set(ofServer.length > 0 ? ofServer.map((port) => canonicalId(port.id)) : [canonicalId(given)]);
}
