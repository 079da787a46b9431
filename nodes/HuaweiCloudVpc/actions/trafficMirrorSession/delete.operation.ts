import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fieldProperty } from '../../fields/property';
import { sessionIdField } from '../../fields/session.fields';
import type { TransportContext } from '../../transport/context';
import type { ApiItem } from '../../transport/request';
import { deleteOptionsProperty, deleteResource } from '../delete';
import { readSessionTarget, RESOURCE } from './session.resource';
import type { OperationOption } from '../node.type';

const properties: INodeProperties[] = [
	fieldProperty(sessionIdField, { required: true }),
	deleteOptionsProperty('traffic mirror session'),
];

export const option: OperationOption = {
	name: 'Delete',
	description: 'Delete a traffic mirror session, which stops its mirroring',
	action: 'Delete a traffic mirror session by ID',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorSession'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number, transport: TransportContext): Promise<ApiItem> {
	return await deleteResource.call(this, transport, readSessionTarget(this, itemIndex), RESOURCE, itemIndex);
}
