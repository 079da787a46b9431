import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fieldProperty } from '../../fields/property';
import { sessionIdField } from '../../fields/session.fields';
import type { TransportContext } from '../../transport/context';
import { type ApiItem, holdsResource, vpcApiRequest } from '../../transport/request';
import { readSessionTarget, SESSION_KEY, unwrapSession } from './session.resource';
import type { OperationOption } from '../node.type';
import { simplifyProperty } from '../simplify';

const properties: INodeProperties[] = [fieldProperty(sessionIdField, { required: true }), simplifyProperty];

export const option: OperationOption = {
	name: 'Get',
	description: 'Get one traffic mirror session by its ID, with its sources, target, filter and settings',
	action: 'Get a traffic mirror session by ID',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorSession'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number, transport: TransportContext): Promise<ApiItem> {
	const { path } = readSessionTarget(this, itemIndex);
	return unwrapSession(await vpcApiRequest(transport, { method: 'GET', path, itemIndex, expect: holdsResource(SESSION_KEY) }));
}
