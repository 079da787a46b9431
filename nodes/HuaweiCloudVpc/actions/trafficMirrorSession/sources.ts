import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ParameterDefinition } from '../../fields/definition';
import { type InterfaceChoice, type NamedBy, sourceSelectionFields } from '../../fields/networkInterface.fields';
import { fieldDescription, fieldProperty } from '../../fields/property';
import { readFields, validateField } from '../../fields/read';
import { sessionFields, sessionIdField } from '../../fields/session.fields';
import type { TransportContext } from '../../transport/context';
import { type ApiResponse, holdsResource, vpcApiRequest } from '../../transport/request';
import { canonicalId } from '../create';
import type { OperationItem } from '../node.type';
import { resolveSources, type ResolvedPort } from '../port/resolve';
import { withFlavorAdvice } from './refusals';
import { readSessionTarget, SESSION_KEY, unwrapSession } from './session.resource';

const { sourcesBy, sourceServers, sourceInterfaces } = sourceSelectionFields;
const shownFor = (namedBy: NamedBy) => ({ displayOptions: { show: { [sourcesBy.parameter]: [namedBy] } } });

/**
 * The mirror sources' parameters, for Create and Add/Remove Sources: how they are given, then the network interfaces
 * themselves, or the servers that stand for them (and which interfaces of a server given by instance ID).
 */
export function sourceProperties(sourcesDescription: string, namedBy: NamedBy = 'networkInterface'): INodeProperties[] {
	const { trafficMirrorSources } = sessionFields;
	return [
		{ ...fieldProperty(sourcesBy), default: namedBy },
		fieldProperty(trafficMirrorSources, {
			required: true,
			description: fieldDescription(trafficMirrorSources, sourcesDescription),
			...shownFor('networkInterface'),
		}),
		fieldProperty(sourceServers, { required: true, ...shownFor('server') }),
		fieldProperty(sourceInterfaces, shownFor('server')),
	];
}

/** The parameters Add Sources and Remove Sources share: the session, then the sources. */
export function sessionSourcesProperties(sourcesDescription: string): INodeProperties[] {
	return [fieldProperty(sessionIdField, { required: true }), ...sourceProperties(sourcesDescription)];
}

/** A choice parameter that older workflows may lack: its default then, else checked against its rule. */
function readChoice<T extends string>(context: IExecuteFunctions, itemIndex: number, field: ParameterDefinition): T {
	const value = context.getNodeParameter(field.parameter, itemIndex, field.uiDefault);
	return validateField(context, itemIndex, field, value) as T;
}

export interface Sources {
	/** The network interface IDs to send. */
	ids: string[];
	/** What the servers resolved to; undefined when the interfaces were given by ID. */
	resolved?: ResolvedPort[];
}

/**
 * The mirror sources of an item as network interface IDs, looked up first when given as servers: at most what one
 * session holds unless `limit` says otherwise, and the interfaces Interfaces to Mirror chooses unless `interfaces` does.
 */
export async function readSources(
	context: IExecuteFunctions,
	itemIndex: number,
	transport: TransportContext,
	{ interfaces: chosen, limit }: { interfaces?: InterfaceChoice; limit?: number } = {},
): Promise<Sources> {
	const namedBy = readChoice<NamedBy>(context, itemIndex, sourcesBy);
	if (namedBy === 'networkInterface') {
		const { traffic_mirror_sources } = readFields(context, itemIndex, [sessionFields.trafficMirrorSources]);
		return { ids: traffic_mirror_sources as string[] };
	}
	const servers = validateField(context, itemIndex, sourceServers, context.getNodeParameter(sourceServers.parameter, itemIndex, undefined)) as string[];
	const interfaces = chosen ?? readChoice<InterfaceChoice>(context, itemIndex, sourceInterfaces);
	const resolved = await resolveSources(transport, itemIndex, servers, interfaces, limit);
	return { ids: resolved.map((port) => port.portId), resolved };
}

/** Add Sources and Remove Sources: the item's session, and its sources, looked up first when given as servers. */
export async function changeSources(
	context: IExecuteFunctions,
	itemIndex: number,
	transport: TransportContext,
	action: SourcesAction,
): Promise<OperationItem> {
	const { path } = readSessionTarget(context, itemIndex);
	const sources = await readSources(context, itemIndex, transport);
	const response = await putSources(transport, itemIndex, path, action, sources.ids);
	const session = unwrapSession(response);
	return sources.resolved ? { ...session, resolvedPorts: { sources: sources.resolved } } : session;
}

export type SourcesAction = 'add-sources' | 'remove-sources';

/**
 * PUT `…/add-sources` or `…/remove-sources` with `{traffic_mirror_session: {traffic_mirror_sources}}`. Success is what
 * the session then holds: an answer whose session does not show the change (say, an ID the service spelt otherwise)
 * fails the item rather than reporting a change that did not happen.
 */
export async function putSources(
	transport: TransportContext,
	itemIndex: number,
	path: string,
	action: SourcesAction,
	ids: string[],
): Promise<ApiResponse> {
	const adding = action === 'add-sources';
	const showsChange = (response: ApiResponse) => {
		const held = ((response[SESSION_KEY] as IDataObject).traffic_mirror_sources ?? []) as unknown[];
		const present = new Set(held.map(canonicalId));
		return ids.every((source) => present.has(canonicalId(source)) === adding);
	};
	const response = await withFlavorAdvice(
		vpcApiRequest(transport, {
			method: 'PUT',
			path: `${path}/${action}`,
			body: { [SESSION_KEY]: { traffic_mirror_sources: ids } },
			itemIndex,
			expect: holdsResource(SESSION_KEY),
			// Sent twice, a change that did land the first time is refused (a source already added, or no longer there),
			// so after an ambiguous failure the session is read back: if the change is in it, that is the answer.
			idempotent: false,
			recover: async ({ deadline }) => {
				const current = await vpcApiRequest(transport, { method: 'GET', path, itemIndex, expect: holdsResource(SESSION_KEY), deadline });
				return showsChange(current) ? current : undefined;
			},
		}),
		transport,
		itemIndex,
	);
	if (!showsChange(response)) {
		const held = (response[SESSION_KEY] as IDataObject).traffic_mirror_sources;
		throw new NodeOperationError(
			transport.context.getNode(),
			`Huawei Cloud accepted the ${adding ? 'addition' : 'removal'} of ${ids.join(', ')}, but the session's sources are ${JSON.stringify(held)}`,
			{
				itemIndex,
				description: `The session does not show the change, so it is not reported as done. Request ID: ${response.request_id ?? 'none'}.`,
			},
		);
	}
	return response;
}
