import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filterRuleFields } from '../../fields/filterRule.fields';
import type { TransportContext } from '../../transport/context';
import { vpcApiRequest, type ApiItem } from '../../transport/request';
import { createProperties, readCreateFields } from '../fieldCollections';
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

const properties: INodeProperties[] = createProperties(required, optional);

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorFilterRule'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number, transport: TransportContext): Promise<ApiItem> {
	const rule = readCreateFields(this, itemIndex, required, optional);
	checkCidrsMatchEthertype(this.getNode(), itemIndex, rule);
	const response = await vpcApiRequest(transport, {
		method: 'POST',
		path: RULES_PATH,
		body: { [RULE_KEY]: rule },
		itemIndex,
	});
	return unwrapRule(response);
}
