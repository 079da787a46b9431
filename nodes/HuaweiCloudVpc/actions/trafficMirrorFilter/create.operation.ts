import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filterFields } from '../../fields/filter.fields';
import { fieldProperty } from '../../fields/property';
import { readCollection, readFields } from '../../fields/read';
import { vpcApiRequest } from '../../transport/request';
import { FILTER_KEY, FILTERS_PATH, unwrapFilter } from './filter.resource';

const required = [filterFields.name];
const optional = [filterFields.description];

const properties: INodeProperties[] = [
	...required.map((field) => fieldProperty(field, { required: true })),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: optional.map((field) => fieldProperty(field)),
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorFilter'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const filter: IDataObject = {
		...readFields(this, itemIndex, required),
		...readCollection(this, itemIndex, 'additionalFields', optional),
	};
	const response = await vpcApiRequest.call(this, {
		method: 'POST',
		path: FILTERS_PATH,
		body: { [FILTER_KEY]: filter },
		itemIndex,
	});
	return unwrapFilter(response);
}
