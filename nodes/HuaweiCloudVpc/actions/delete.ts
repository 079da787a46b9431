import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { TransportContext } from '../transport/context';
import { vpcApiRequest, type ApiItem } from '../transport/request';
import type { ResourceTarget } from './resourceLocator';

const OPTIONS = 'options';
const SUCCEED_IF_ALREADY_DELETED = 'succeedIfAlreadyDeleted';

/** The "Options" collection of a Delete operation; `resourceLabel` is e.g. "traffic mirror session". */
export function deleteOptionsProperty(resourceLabel: string): INodeProperties {
	return {
		displayName: 'Options',
		name: OPTIONS,
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Succeed If Already Deleted',
				name: SUCCEED_IF_ALREADY_DELETED,
				type: 'boolean',
				default: false,
				description: `Whether a ${resourceLabel} that no longer exists (HTTP 404) counts as success, output with deleted false and alreadyDeleted true, so that clean-up workflows can run again`,
			},
		],
	};
}

/**
 * The item a Delete outputs, the same keys whichever way it went:
 * `{ deleted, alreadyDeleted, id, resource }`. The API answers 204 without a body, so there is nothing else to pass on.
 */
export interface DeleteResult extends IDataObject {
	deleted: boolean;
	alreadyDeleted: boolean;
	id: string;
	resource: string;
}

/**
 * Deletes the resource, and reports `deleted: true` only when this item's delete is what removed it: the resource is
 * read first (seen before), so that after a lost answer its absence (gone after) is this delete's doing, and an ID
 * that never existed is never reported deleted. A 404 at either step is a failure, or with "Succeed If Already
 * Deleted" a success with `alreadyDeleted: true`. The request ID is the delete's own (its X-Request-Id header), or
 * the 404's.
 */
export async function deleteResource(
	this: IExecuteFunctions,
	transport: TransportContext,
	target: ResourceTarget,
	resource: string,
	itemIndex: number,
): Promise<ApiItem> {
	const options = this.getNodeParameter(OPTIONS, itemIndex, {}) as IDataObject;
	let requestId: string | undefined;
	try {
		await vpcApiRequest(transport, { method: 'GET', path: target.path, itemIndex });
		({ request_id: requestId } = await vpcApiRequest(transport, {
			method: 'DELETE',
			path: target.path,
			itemIndex,
			// Sent again after an ambiguous failure, a delete that did land the first time answers 404: so the resource
			// is looked up instead, and its absence is the first attempt's success (it was there before).
			idempotent: false,
			recover: async ({ deadline }) => ((await isGone(transport, target, itemIndex, deadline)) ? {} : undefined),
		}));
	} catch (error) {
		if (options[SUCCEED_IF_ALREADY_DELETED] === true && isMissingResource(error)) {
			const data: DeleteResult = { deleted: false, alreadyDeleted: true, id: target.id, resource };
			return { data, requestId: requestIdOf(error as NodeApiError) };
		}
		// Given a NodeApiError (what vpcApiRequest throws), the constructor hands back that same error, details and all.
		throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex });
	}
	const data: DeleteResult = { deleted: true, alreadyDeleted: false, id: target.id, resource };
	return { data, requestId };
}

function requestIdOf(error: NodeApiError): string | undefined {
	const requestId = (error.errorResponse as JsonObject | undefined)?.request_id;
	return typeof requestId === 'string' ? requestId : undefined;
}

export async function isGone(transport: TransportContext, target: ResourceTarget, itemIndex: number, deadline: number): Promise<boolean> {
	try {
		await vpcApiRequest(transport, { method: 'GET', path: target.path, itemIndex, deadline });
		return false;
	} catch (error) {
		if (isMissingResource(error)) return true;
		throw new NodeApiError(transport.context.getNode(), error as JsonObject, { itemIndex });
	}
}

/**
 * A 404 from the service itself. The API gateway answers 404 too (APIGW.0101) when the endpoint or path is wrong,
 * and that must not pass for a resource that is already gone.
 */
export function isMissingResource(error: unknown): boolean {
	if (!(error instanceof NodeApiError) || error.httpCode !== '404') return false;
	const code = (error.errorResponse as JsonObject | undefined)?.error_code;
	return !(typeof code === 'string' && /^APIGW?\./.test(code));
}
