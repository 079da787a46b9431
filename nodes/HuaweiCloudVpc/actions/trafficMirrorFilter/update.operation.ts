import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filterFields, filterIdField } from '../../fields/filter.fields';
import { fieldProperty } from '../../fields/property';
import type { TransportContext } from '../../transport/context';
import { type ApiItem, holdsResource, vpcApiRequest } from '../../transport/request';
import { readUpdateFields, updateFieldsProperty } from '../fieldCollections';
import { FILTER_KEY, readFilterTarget, unwrapFilter } from './filter.resource';
import type { OperationOption } from '../node.type';

/** The fields of Huawei Cloud's UpdateTrafficMirrorFilter API. */
const updatable = [filterFields.description, filterFields.name];
const fieldOptions = { clearable: [filterFields.description] };

const properties: INodeProperties[] = [
	fieldProperty(filterIdField, { required: true }),
	updateFieldsProperty(updatable, fieldOptions),
];

export const option: OperationOption = {
	name: 'Update',
	description:
		'Change the name or description of a traffic mirror filter; its rules are changed with Traffic Mirror Filter Rule operations',
	action: 'Update a traffic mirror filter by ID',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorFilter'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number, transport: TransportContext): Promise<ApiItem> {
	const { path } = readFilterTarget(this, itemIndex);
	const changes = readUpdateFields(this, itemIndex, updatable, fieldOptions);
	const response = await vpcApiRequest(transport, { method: 'PUT', path, body: { [FILTER_KEY]: changes }, itemIndex, expect: holdsResource(FILTER_KEY) });
	return unwrapFilter(response);
}
