import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filterRuleFields } from '../../fields/filterRule.fields';
import { fieldProperty } from '../../fields/property';
import { readCollection, readFields } from '../../fields/read';
import { vpcApiRequest } from '../../transport/request';
import { checkCidrsMatchEthertype, RULE_KEY, RULES_PATH, unwrapRule } from './rule.resource';

const required = [
	filterRuleFields.trafficMirrorFilterId,
	filterRuleFields.direction,
	filterRuleFields.protocol,
	filterRuleFields.ethertype,
	filterRuleFields.action,
	filterRuleFields.priority,
];
const optional = [
	filterRuleFields.description,
	filterRuleFields.destinationCidrBlock,
	filterRuleFields.destinationPortRange,
	filterRuleFields.sourceCidrBlock,
	filterRuleFields.sourcePortRange,
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
	{ show: { resource: ['trafficMirrorFilterRule'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const rule: IDataObject = {
		...readFields(this, itemIndex, required),
		...readCollection(this, itemIndex, 'additionalFields', optional),
	};
	checkCidrsMatchEthertype(this.getNode(), itemIndex, rule);
	const response = await vpcApiRequest.call(this, {
		method: 'POST',
		path: RULES_PATH,
		body: { [RULE_KEY]: rule },
		itemIndex,
	});
	return unwrapRule(response);
}
