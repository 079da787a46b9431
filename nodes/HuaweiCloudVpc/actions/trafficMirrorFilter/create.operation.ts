import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filterFields } from '../../fields/filter.fields';
import type { TransportContext } from '../../transport/context';
import { vpcApiRequest, type ApiItem } from '../../transport/request';
import { createProperties, readCreateFields } from '../fieldCollections';
import { FILTER_KEY, FILTERS_PATH, unwrapFilter } from './filter.resource';

const required = [filterFields.name];
const optional = [filterFields.description];

const properties: INodeProperties[] = createProperties(required, optional);

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorFilter'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number, transport: TransportContext): Promise<ApiItem> {
	const filter = readCreateFields(this, itemIndex, required, optional);
	const response = await vpcApiRequest(transport, {
		method: 'POST',
		path: FILTERS_PATH,
		body: { [FILTER_KEY]: filter },
		itemIndex,
	});
	return unwrapFilter(response);
}
