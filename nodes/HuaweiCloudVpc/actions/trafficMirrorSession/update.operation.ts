import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { FieldDefinition } from '../../fields/definition';
import { fieldProperty } from '../../fields/property';
import { readCollection } from '../../fields/read';
import { sessionFields, sessionIdField } from '../../fields/session.fields';
import { vpcApiRequest } from '../../transport/request';
import { readSessionTarget, SESSION_KEY, unwrapSession } from './session.resource';

/**
 * UpdateTrafficMirrorSessionOption (spec §2.3). Sources change only through Add Sources / Remove Sources.
 * `enabled` goes out as a JSON boolean, as Create sends it: the spec's model types it as the string "true"/"false" on
 * update, but Terraform sends booleans on update and its acceptance tests pass, and the responses hold booleans `[U]`.
 */
const updatable = [
	sessionFields.description,
	sessionFields.enabled,
	sessionFields.name,
	sessionFields.packetLength,
	sessionFields.priority,
	sessionFields.trafficMirrorFilterId,
	sessionFields.trafficMirrorTargetId,
	sessionFields.trafficMirrorTargetType,
	sessionFields.virtualNetworkId,
];

function updateFieldProperty(field: FieldDefinition): INodeProperties {
	const property = fieldProperty(field);
	if (field !== sessionFields.description) return property;
	return { ...property, description: `${property.description}. An empty value clears the description.` };
}

const properties: INodeProperties[] = [
	fieldProperty(sessionIdField, { required: true }),
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
	{ show: { resource: ['trafficMirrorSession'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { path } = readSessionTarget(this, itemIndex);
	const changes = readCollection(this, itemIndex, 'updateFields', updatable);
	if (Object.keys(changes).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Add at least one field to Update Fields', {
			itemIndex,
			description: 'An update without fields would change nothing, so nothing was sent for this item.',
		});
	}
	const response = await vpcApiRequest.call(this, { method: 'PUT', path, body: { [SESSION_KEY]: changes }, itemIndex });
	return unwrapSession(response);
}
