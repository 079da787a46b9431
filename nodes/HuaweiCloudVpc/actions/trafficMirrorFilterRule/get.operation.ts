import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filterRuleIdField } from '../../fields/filterRule.fields';
import { fieldProperty } from '../../fields/property';
import type { TransportContext } from '../../transport/context';
import { type ApiItem, holdsResource, vpcApiRequest } from '../../transport/request';
import { readRuleTarget, RULE_KEY, unwrapRule } from './rule.resource';
import type { OperationOption } from '../node.type';
import { simplifyProperty } from '../simplify';

const properties: INodeProperties[] = [fieldProperty(filterRuleIdField, { required: true }), simplifyProperty];

export const option: OperationOption = {
	name: 'Get',
	description: 'Get one traffic mirror filter rule by ID',
	action: 'Get a traffic mirror filter rule by ID',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorFilterRule'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number, transport: TransportContext): Promise<ApiItem> {
	const { path } = readRuleTarget(this, itemIndex);
	return unwrapRule(await vpcApiRequest(transport, { method: 'GET', path, itemIndex, expect: holdsResource(RULE_KEY) }));
}
