import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filterFields } from '../../fields/filter.fields';
import { versionedName } from '../../fields/versions';
import type { TransportContext } from '../../transport/context';
import type { ApiItem } from '../../transport/request';
import { createResource, type CreateLedger } from '../create';
import { additionalFieldsProperty, readCreateFields } from '../fieldCollections';
import { FILTER_KEY, FILTERS_KEY, FILTERS_PATH } from './filter.resource';
import type { OperationOption } from '../node.type';

/** Name (`name`) in node version 1, Filter Name (`filterName`) from version 2: see fields/versions.ts. */
const filterName = versionedName(filterFields.name, { parameter: 'filterName', displayName: 'Filter Name' });
const optional = [filterFields.description];

const properties: INodeProperties[] = [...filterName.properties({ required: true }), additionalFieldsProperty(optional)];

export const option: OperationOption = {
	name: 'Create',
	description:
		'Create an empty traffic mirror filter; add rules to it with Traffic Mirror Filter Rule → Create, then use it in a session',
	action: 'Create a traffic mirror filter by name',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorFilter'], operation: ['create'] } },
	properties,
);

/** A filter is recognised by its name: after a create whose answer was lost, the new filter of that name and description is this one. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	transport: TransportContext,
	creates: CreateLedger,
): Promise<ApiItem> {
	const filter = readCreateFields(this, itemIndex, [filterName.field(this)], optional);
	const name = filter.name as string;
	return await createResource.call(this, transport, creates, {
		itemIndex,
		path: FILTERS_PATH,
		key: FILTER_KEY,
		listKey: FILTERS_KEY,
		body: filter,
		label: 'traffic mirror filter',
		identity: { text: `named "${name}"`, query: { name } },
	});
}
