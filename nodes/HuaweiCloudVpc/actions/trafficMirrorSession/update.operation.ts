import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fieldProperty } from '../../fields/property';
import { sessionFields, sessionIdField } from '../../fields/session.fields';
import type { TransportContext } from '../../transport/context';
import { holdsResource, vpcApiRequest } from '../../transport/request';
import { readUpdateFields, UPDATE_FIELDS, updateFieldsProperty } from '../fieldCollections';
import { readSessionTarget, SESSION_KEY, unwrapSession } from './session.resource';
import { checkPickedTargetKind, isServerMode, serverTarget, targetProperty } from './target';
import type { OperationItem, OperationOption } from '../node.type';

/**
 * The fields of Huawei Cloud's UpdateTrafficMirrorSession API. Sources change only through Add Sources / Remove
 * Sources. `enabled` goes out as a JSON boolean, as Create sends it: the SDK's model
 * (@huaweicloud/huaweicloud-sdk-vpc) types it as the string "true"/"false" on update, but the Huawei Cloud Terraform
 * provider sends booleans and its acceptance tests pass, and the answers hold booleans (not confirmed against the live
 * API here).
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
const fieldOptions = { clearable: [sessionFields.description] };

/** The target in Update Fields has Create's modes, By Server included. */
const updateFields = updateFieldsProperty(updatable, fieldOptions);
const properties: INodeProperties[] = [
	fieldProperty(sessionIdField, { required: true }),
	{
		...updateFields,
		options: updateFields.options?.map((option) =>
			(option as INodeProperties).name === sessionFields.trafficMirrorTargetId.parameter ? targetProperty(false) : option,
		),
	},
];

export const option: OperationOption = {
	name: 'Update',
	description:
		'Change the name, description, filter, target, VNI, packet length, priority or enabled state of a traffic mirror session (not its sources)',
	action: 'Update a traffic mirror session by ID',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorSession'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number, transport: TransportContext): Promise<OperationItem> {
	const { path } = readSessionTarget(this, itemIndex);
	const { trafficMirrorTargetId: targetField, trafficMirrorTargetType: typeField } = sessionFields;
	const values = this.getNodeParameter(UPDATE_FIELDS, itemIndex, {}) as IDataObject;
	const picked = values[targetField.parameter];
	const byServer = isServerMode(picked);
	// Every field is checked before a server is looked up; a server's target is added once found.
	const changes = readUpdateFields(this, itemIndex, byServer ? updatable.filter((field) => field !== targetField) : updatable, {
		...fieldOptions,
		allowEmpty: byServer,
	});
	let resolvedPorts: IDataObject | undefined;
	if (byServer) {
		// A server stands for a network interface: the target type goes with it, so the two cannot disagree.
		const target = await serverTarget(this, itemIndex, transport, picked.value, String(changes[typeField.apiName] ?? 'eni'));
		Object.assign(changes, { [targetField.apiName]: target.id, [typeField.apiName]: 'eni' });
		resolvedPorts = { target: target.resolved };
	} else {
		checkPickedTargetKind(this.getNode(), itemIndex, picked, changes[typeField.apiName]);
	}
	const response = await vpcApiRequest(transport, { method: 'PUT', path, body: { [SESSION_KEY]: changes }, itemIndex, expect: holdsResource(SESSION_KEY) });
	const session = unwrapSession(response);
	return resolvedPorts ? { ...session, resolvedPorts } : session;
}
