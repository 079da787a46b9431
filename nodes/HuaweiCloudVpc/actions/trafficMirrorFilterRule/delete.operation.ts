import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filterRuleIdField } from '../../fields/filterRule.fields';
import { fieldProperty } from '../../fields/property';
import type { TransportContext } from '../../transport/context';
import type { ApiItem } from '../../transport/request';
import { deleteOptionsProperty, deleteResource } from '../delete';
import { readRuleTarget, RESOURCE } from './rule.resource';
import type { OperationOption } from '../node.type';

const properties: INodeProperties[] = [
	fieldProperty(filterRuleIdField, { required: true }),
	deleteOptionsProperty('traffic mirror filter rule'),
];

export const option: OperationOption = {
	name: 'Delete',
	description: 'Delete one rule from its traffic mirror filter',
	action: 'Delete a traffic mirror filter rule by ID',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorFilterRule'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number, transport: TransportContext): Promise<ApiItem> {
	return await deleteResource.call(this, transport, readRuleTarget(this, itemIndex), RESOURCE, itemIndex);
}
