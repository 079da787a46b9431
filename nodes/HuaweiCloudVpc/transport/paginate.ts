import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { TransportContext } from './context';
import { isObject, isResource, vpcApiRequest, type ApiItem, type ApiRequest, type ApiResponse } from './request';

/** The API's largest page: Huawei Cloud's reference gives the list APIs' `limit` as 0 to 2000. */
export const MAX_PAGE_SIZE = 2000;

/**
 * The most pages one listing follows. The collections are small (a project's mirror sessions, filters, rules and
 * ports number in the hundreds or thousands): 200 pages of 2000 are 400,000 resources, and a server that answered
 * only 100 a page would still list 20,000. A listing going on after that is a server that never ends, and each page
 * is a request that costs time and the API's rate limit.
 */
export const MAX_PAGES = 200;

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
 * A misbehaving server ends the listing with an error rather than a loop: a marker seen twice, an empty page that
 * points to a next one, more than MAX_PAGES pages, or a page that is not a list of resources.
 */
export async function vpcApiRequestAllItems(transport: TransportContext, request: ListRequest): Promise<ApiItem[]> {
	const resources: ApiItem[] = [];
	const seenMarkers = new Set<string>();
	let marker: string | undefined;
	for (let pages = 1; ; pages++) {
		const remaining = request.limit === undefined ? MAX_PAGE_SIZE : request.limit - resources.length;
		const pageSize = Math.min(remaining, MAX_PAGE_SIZE);
		const response = await vpcApiRequest(transport, {
			...request,
			method: 'GET',
			qs: { ...request.qs, limit: pageSize, marker },
			// A page that is not a list was answered but cannot be read: asked for again, as any unreadable answer.
			expect: (answer) => pageProblem(answer, request.key, pages),
		});
		const page = response[request.key] as IDataObject[];
		resources.push(...page.slice(0, remaining).map((data) => ({ data, requestId: response.request_id })));
		marker =
			request.markers === 'lastOfFullPage'
				? page.length >= pageSize ? (page[page.length - 1]?.id as string | undefined) : undefined
				: (((response.page_info ?? {}) as IDataObject).next_marker as string | undefined);
		if (!marker || (request.limit !== undefined && resources.length >= request.limit)) return resources;
		if (page.length === 0) {
			// The next marker is the ID of the page's last resource, so an empty page cannot have one.
			const message = `Page ${pages} of the list of ${request.key} is empty, yet points to a next page (marker "${marker}")`;
			throw listError(transport, request, response, message);
		}
		if (seenMarkers.has(marker)) {
			throw listError(transport, request, response, `The list of ${request.key} repeated the page marker "${marker}"`);
		}
		if (pages >= MAX_PAGES) {
			throw listError(
				transport,
				request,
				response,
				`The list of ${request.key} did not end after ${MAX_PAGES} pages (${resources.length} resources), and was given up`,
			);
		}
		seenMarkers.add(marker);
	}
}

/** What is wrong with a page that is not a list of resources, or undefined when it is one. */
function pageProblem(answer: IDataObject, key: string, pageNumber: number): string | undefined {
	const page = answer[key];
	if (Array.isArray(page) && page.every(isResource)) return undefined;
	const entries: unknown[] = Array.isArray(page) ? page : [];
	const badEntry = entries.findIndex((entry) => !isResource(entry));
	const got =
		page === undefined
			? `the answer has no "${key}": ${preview(answer)}`
			: badEntry >= 0
				? `entry ${badEntry + 1} is ${preview(entries[badEntry])}, not a resource with an ID`
				: `got ${preview(page)}`;
	return `with page ${pageNumber} of the list of ${key} that is not a list of resources: ${got}`;
}

/** An answer that ends the listing: the item's error, with the page's request ID and its `page_info`. */
function listError(transport: TransportContext, request: ListRequest, response: ApiResponse, message: string): NodeApiError {
	const requestId = typeof response.request_id === 'string' ? response.request_id : undefined;
	const data = { request_id: requestId ?? null, ...(isObject(response.page_info) ? { page_info: response.page_info } : {}) } as JsonObject;
	return new NodeApiError(transport.context.getNode(), data, {
		message,
		description: [
			requestId && `Request ID: ${requestId}`,
			'Huawei Cloud answered, but not as its list API does, so the listing was stopped.',
		]
			.filter(Boolean)
			.join('\n'),
		itemIndex: request.itemIndex,
	});
}

/** A value of the answer in JSON, shortened for a message. */
function preview(value: unknown): string {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
