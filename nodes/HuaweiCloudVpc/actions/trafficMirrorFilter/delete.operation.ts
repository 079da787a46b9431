import type { IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { filterIdField } from '../../fields/filter.fields';
import { fieldProperty } from '../../fields/property';
import type { TransportContext } from '../../transport/context';
import type { ApiItem } from '../../transport/request';
import { deleteOptionsProperty, deleteResource } from '../delete';
import { readFilterTarget, RESOURCE } from './filter.resource';
import type { OperationOption } from '../node.type';

const IN_USE_HINT =
	'A filter that traffic mirror sessions use cannot be deleted: delete those sessions, or update them to use another filter, then delete the filter.';

const properties: INodeProperties[] = [
	fieldProperty(filterIdField, { required: true }),
	deleteOptionsProperty('traffic mirror filter'),
];

export const option: OperationOption = {
	name: 'Delete',
	description: 'Delete a traffic mirror filter and its rules; refused while a traffic mirror session uses it',
	action: 'Delete a traffic mirror filter by ID',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorFilter'], operation: ['delete'] } },
	properties,
);

/** Deletes the filter and, with it, its rules; a filter still in use is refused by the service with 409. */
export async function execute(this: IExecuteFunctions, itemIndex: number, transport: TransportContext): Promise<ApiItem> {
	const target = readFilterTarget(this, itemIndex);
	try {
		return await deleteResource.call(this, transport, target, RESOURCE, itemIndex);
	} catch (error) {
		// The service's 409 names the session but not the way out, which a user or an agent needs next.
		if (error instanceof NodeApiError && error.httpCode === '409') {
			throw new NodeApiError(this.getNode(), (error.errorResponse ?? {}) as JsonObject, {
				message: error.message,
				description: [error.description, IN_USE_HINT].filter(Boolean).join('\n'),
				httpCode: error.httpCode,
				itemIndex,
			});
		}
		// deleteResource throws NodeApiErrors only, which this constructor hands back unchanged.
		throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex });
	}
}
