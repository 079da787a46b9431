import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { filterFields, filterIdField } from '../../fields/filter.fields';
import { fieldProperty } from '../../fields/property';
import { readCollection } from '../../fields/read';
import { vpcApiRequest } from '../../transport/request';
import { FILTER_KEY, readFilterTarget, unwrapFilter } from './filter.resource';

/** UpdateTrafficMirrorFilterOption (spec §2.5). */
const updatable = [filterFields.description, filterFields.name];

function updateFieldProperty(field: (typeof updatable)[number]): INodeProperties {
	const property = fieldProperty(field);
	if (field !== filterFields.description) return property;
	return { ...property, description: `${property.description}. An empty value clears the description.` };
}

const properties: INodeProperties[] = [
	fieldProperty(filterIdField, { required: true }),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The fields to change; only the fields added here are sent, the others keep their values',
		options: updatable.map(updateFieldProperty),
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorFilter'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { path } = readFilterTarget(this, itemIndex);
	const changes = readCollection(this, itemIndex, 'updateFields', updatable);
	if (Object.keys(changes).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Add at least one field to Update Fields', {
			itemIndex,
			description: 'An update without fields would change nothing, so nothing was sent for this item.',
		});
	}
	const response = await vpcApiRequest.call(this, { method: 'PUT', path, body: { [FILTER_KEY]: changes }, itemIndex });
	return unwrapFilter(response);
}
