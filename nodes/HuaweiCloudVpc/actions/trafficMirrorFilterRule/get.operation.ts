import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filterRuleIdField } from '../../fields/filterRule.fields';
import { fieldProperty } from '../../fields/property';
import { vpcApiRequest, type ApiItem } from '../../transport/request';
import { readRuleTarget, unwrapRule } from './rule.resource';

const properties: INodeProperties[] = [fieldProperty(filterRuleIdField, { required: true })];

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorFilterRule'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ApiItem> {
	const { path } = readRuleTarget(this, itemIndex);
	return unwrapRule(await vpcApiRequest.call(this, { method: 'GET', path, itemIndex }));
}
