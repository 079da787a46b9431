import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fieldProperty } from '../../fields/property';
import { readCollection, readFields } from '../../fields/read';
import { sessionFields } from '../../fields/session.fields';
import { vpcApiRequest } from '../../transport/request';
import { SESSIONS_PATH, unwrapSession } from './session.resource';

const required = [
	sessionFields.name,
	sessionFields.trafficMirrorFilterId,
	sessionFields.trafficMirrorSources,
	sessionFields.trafficMirrorTargetType,
	sessionFields.trafficMirrorTargetId,
	sessionFields.priority,
];
const optional = [
	sessionFields.description,
	sessionFields.enabled,
	sessionFields.packetLength,
	sessionFields.type,
	sessionFields.virtualNetworkId,
];

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
	{ show: { resource: ['trafficMirrorSession'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const session: IDataObject = {
		...readFields(this, itemIndex, required),
		...readCollection(this, itemIndex, 'additionalFields', optional),
	};
	// The service's default for `enabled` is documented both ways (spec §2.1), so it is always sent.
	session.enabled ??= true;
	const response = await vpcApiRequest.call(this, {
		method: 'POST',
		path: SESSIONS_PATH,
		body: { traffic_mirror_session: session },
		itemIndex,
	});
	return unwrapSession(response);
}
