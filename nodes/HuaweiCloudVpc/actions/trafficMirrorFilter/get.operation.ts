import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filterIdField } from '../../fields/filter.fields';
import { fieldProperty } from '../../fields/property';
import type { TransportContext } from '../../transport/context';
import { type ApiItem, holdsResource, vpcApiRequest } from '../../transport/request';
import { FILTER_KEY, readFilterTarget, unwrapFilter } from './filter.resource';
import type { OperationOption } from '../node.type';
import { simplifyProperty } from '../simplify';

const properties: INodeProperties[] = [fieldProperty(filterIdField, { required: true }), simplifyProperty];

export const option: OperationOption = {
	name: 'Get',
	description: 'Get one traffic mirror filter by ID, with its ingress and egress rules',
	action: 'Get a traffic mirror filter by ID, with its rules',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorFilter'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number, transport: TransportContext): Promise<ApiItem> {
	const { path } = readFilterTarget(this, itemIndex);
	return unwrapFilter(await vpcApiRequest(transport, { method: 'GET', path, itemIndex, expect: holdsResource(FILTER_KEY) }));
}
