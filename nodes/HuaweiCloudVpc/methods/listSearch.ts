import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { portLabel, portsPage } from '../actions/port/ports';
import { FILTERS_KEY, FILTERS_PATH } from '../actions/trafficMirrorFilter/filter.resource';
import { RULES_KEY, RULES_PATH } from '../actions/trafficMirrorFilterRule/rule.resource';
import { SESSIONS_KEY, SESSIONS_PATH } from '../actions/trafficMirrorSession/session.resource';
import { targetLabel, type TargetKind } from '../actions/trafficMirrorSession/target';
import { sessionFields } from '../fields/session.fields';
import { createTransportContext, type TransportContext } from '../transport/context';
import { resolveElbEndpoint } from '../../../credentials/common/huaweiCloud/endpoint';
import { vpcApiRequest } from '../transport/request';

const PAGE_SIZE = 100;

/** One page of a resource list, narrowed to names or IDs containing the search text. */
function toResults(resources: IDataObject[], filter: string | undefined, label: (r: IDataObject) => string) {
	const needle = filter?.trim().toLowerCase();
	return resources
		.filter((r) => !needle || label(r).toLowerCase().includes(needle) || String(r.id).includes(needle))
		.map((r) => ({ name: label(r), value: String(r.id) }));
}

async function searchV3List(
	context: ILoadOptionsFunctions,
	path: string,
	key: string,
	filter: string | undefined,
	marker: string | undefined,
	label: (r: IDataObject) => string,
): Promise<INodeListSearchResult> {
	const response = await vpcApiRequest(createTransportContext(context), {
		method: 'GET',
		path,
		qs: { limit: PAGE_SIZE, marker },
	});
	const pageInfo = (response.page_info ?? {}) as IDataObject;
	return {
		results: toResults((response[key] ?? []) as IDataObject[], filter, label),
		paginationToken: pageInfo.next_marker as string | undefined,
	};
}

const nameAndId = (r: IDataObject) => (r.name ? `${r.name as string} (${r.id as string})` : String(r.id));

export async function searchTrafficMirrorFilters(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchV3List(this, FILTERS_PATH, FILTERS_KEY, filter, paginationToken, nameAndId);
}

/** A rule has no name: it is labelled by what it matches, e.g. "ingress TCP 80-200 accept (priority 10)". */
function ruleLabel(rule: IDataObject): string {
	const match = [rule.direction, rule.protocol, rule.destination_port_range, rule.action].filter(Boolean).join(' ');
	const text = `${match} (priority ${String(rule.priority)})`;
	return rule.description ? `${text}: ${rule.description as string}` : text;
}

export async function searchTrafficMirrorFilterRules(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchV3List(this, RULES_PATH, RULES_KEY, filter, paginationToken, ruleLabel);
}

export async function searchTrafficMirrorSessions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchV3List(this, SESSIONS_PATH, SESSIONS_KEY, filter, paginationToken, nameAndId);
}

/**
 * The mirror target's list follows Traffic Mirror Target Type: network interfaces for `eni`, load balancers for
 * `elb`. Each entry is labelled with its kind, and n8n keeps that label with the choice, so a choice that no longer
 * fits the type is seen in the editor and refused at execution (`checkPickedTargetKind`).
 */
export async function searchMirrorTargets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const transport = createTransportContext(this);
	const kind = pickerTargetType(this);
	if (kind === 'elb') return await searchLoadBalancers(this, transport, filter, paginationToken);
	const { ports, nextMarker } = await portsPage(transport, paginationToken);
	return { results: toResults(ports, filter, (port) => targetLabel('eni', portLabel(port))), paginationToken: nextMarker };
}

/** The target type beside the picker: in the same collection (Update Fields) or at the top (Create). */
function pickerTargetType(context: ILoadOptionsFunctions): TargetKind {
	const { trafficMirrorTargetType } = sessionFields;
	const value =
		context.getCurrentNodeParameter(`&${trafficMirrorTargetType.parameter}`) ??
		context.getCurrentNodeParameter(trafficMirrorTargetType.parameter);
	if (value === 'eni' || value === 'elb') return value;
	const why =
		value === undefined
			? `Add ${trafficMirrorTargetType.displayName} beside the target, so that the list knows whether to offer network interfaces or load balancers.`
			: `${trafficMirrorTargetType.displayName} is given by an expression, so the list cannot know whether to offer network interfaces or load balancers.`;
	// All in the message: n8n's list shows an error's message, not its description.
	throw new NodeOperationError(context.getNode(), `The list of targets needs a fixed target type. ${why} Or switch the target to By ID.`);
}

/**
 * One page of load balancers, from the ELB v3 API (`GET /v3/{project_id}/elb/loadbalancers`, IAM action
 * `elb:loadbalancers:list`) at the credential's ELB endpoint. Where that endpoint is unknown, the picker says so
 * and points to By ID.
 */
async function searchLoadBalancers(
	context: ILoadOptionsFunctions,
	transport: TransportContext,
	filter: string | undefined,
	marker: string | undefined,
): Promise<INodeListSearchResult> {
	const elb = resolveElbEndpoint((await transport.credential()).data ?? {});
	if ('unknownBecause' in elb) {
		throw new NodeOperationError(
			context.getNode(),
			`Load balancers cannot be listed with this credential. ${elb.unknownBecause} Until then, switch Traffic Mirror Target to By ID and give the load balancer's ID.`,
		);
	}
	const response = await vpcApiRequest(transport, {
		method: 'GET',
		service: 'elb',
		path: '/elb/loadbalancers',
		qs: { limit: PAGE_SIZE, marker },
	});
	const pageInfo = (response.page_info ?? {}) as IDataObject;
	return {
		results: toResults((response.loadbalancers ?? []) as IDataObject[], filter, (lb) => targetLabel('elb', loadBalancerLabel(lb))),
		paginationToken: pageInfo.next_marker as string | undefined,
	};
}

/** A load balancer by its name (or ID) and its addresses, e.g. "analyser-lb (192.168.0.50)". */
function loadBalancerLabel(loadBalancer: IDataObject): string {
	const publicIps = ((loadBalancer.eips ?? []) as IDataObject[]).map((eip) => `public ${eip.eip_address as string}`);
	const addresses = [loadBalancer.vip_address, ...publicIps].filter(Boolean).join(', ');
	return [loadBalancer.name || loadBalancer.id, addresses && `(${addresses})`].filter(Boolean).join(' ');
}
