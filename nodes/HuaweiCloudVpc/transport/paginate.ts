import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { TransportContext } from './context';
import { vpcApiRequest, type ApiItem, type ApiRequest } from './request';

/** The API's largest page (spec §3). */
export const MAX_PAGE_SIZE = 2000;

export interface ListRequest extends Omit<ApiRequest, 'method' | 'body'> {
	/** The list's key in the answer, e.g. `traffic_mirror_sessions`. */
	key: string;
	/** At most this many resources; all of them when undefined. */
	limit?: number;
	/**
	 * Where the next page's marker comes from: `page_info.next_marker` (VPC v3), or, for lists that answer without
	 * page_info (VPC v1 ports), the ID of the last resource of a full page.
	 */
	markers?: 'pageInfo' | 'lastOfFullPage';
}

/**
 * Follows the marker until the last page (where it is absent) or until `limit` resources are read;
 * each resource comes with the request ID of its page.
 * A marker seen twice ends the loop with an error rather than looping forever on a misbehaving server.
 */
export async function vpcApiRequestAllItems(transport: TransportContext, request: ListRequest): Promise<ApiItem[]> {
	const resources: ApiItem[] = [];
	const seenMarkers = new Set<string>();
	let marker: string | undefined;
	do {
		const remaining = request.limit === undefined ? MAX_PAGE_SIZE : request.limit - resources.length;
		const pageSize = Math.min(remaining, MAX_PAGE_SIZE);
		const response = await vpcApiRequest(transport, {
			...request,
			method: 'GET',
			qs: { ...request.qs, limit: pageSize, marker },
		});
		const page = (response[request.key] ?? []) as IDataObject[];
		resources.push(...page.slice(0, remaining).map((data) => ({ data, requestId: response.request_id })));
		marker =
			request.markers === 'lastOfFullPage'
				? page.length >= pageSize ? (page[page.length - 1]?.id as string | undefined) : undefined
				: (((response.page_info ?? {}) as IDataObject).next_marker as string | undefined);
		if (marker !== undefined && seenMarkers.has(marker)) {
			throw new NodeApiError(transport.context.getNode(), response as JsonObject, {
				message: `The list of ${request.key} repeated the page marker "${marker}"`,
				itemIndex: request.itemIndex,
			});
		}
		if (marker !== undefined) seenMarkers.add(marker);
	} while (marker && (request.limit === undefined || resources.length < request.limit));
	return resources;
}
