import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filterFields, filterIdField } from '../../fields/filter.fields';
import type { TransportContext } from '../../transport/context';
import { listProperties, listResources, type ListFilter } from '../list';
import { FILTERS_KEY, FILTERS_PATH } from './filter.resource';
import type { ApiItem } from '../../transport/request';
import type { OperationOption } from '../node.type';
import { simplifyProperty } from '../simplify';

/**
 * The filters of Huawei Cloud's ListTrafficMirrorFilters API. IDs and names take several values as a repeated key, as
 * the session list does in the 2025 documentation (documented for sessions only); one value is the SDK's scalar.
 * `created_at`/`updated_at` are documented as sort keys with unknown semantics and are not offered.
 */
const filters: ListFilter[] = [
	{ field: filterIdField, displayName: 'IDs', description: 'Only the filters with these IDs', multiple: true },
	{ field: filterFields.name, displayName: 'Names', description: 'Only the filters with one of these names', multiple: true },
	{ field: filterFields.description, displayName: 'Description', description: 'Only the filters with exactly this description' },
];

export const option: OperationOption = {
	name: 'Get Many',
	description: 'List traffic mirror filters, optionally narrowed by ID, name or description',
	action: 'Get many traffic mirror filters',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorFilter'], operation: ['getAll'] } },
	[...listProperties(filters), simplifyProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, transport: TransportContext): Promise<ApiItem[]> {
	return await listResources(this, itemIndex, transport, { path: FILTERS_PATH, key: FILTERS_KEY, filters, label: 'traffic mirror filters' });
}
