import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filterRuleFields } from '../../fields/filterRule.fields';
import type { TransportContext } from '../../transport/context';
import type { ApiItem } from '../../transport/request';
import { createResource, type CreateLedger } from '../create';
import { createProperties, readCreateFields } from '../fieldCollections';
import { checkCidrsMatchEthertype, RULE_KEY, RULES_KEY, RULES_PATH } from './rule.resource';
import type { OperationOption } from '../node.type';

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

export const option: OperationOption = {
	name: 'Create',
	description:
		'Add a rule to a traffic mirror filter: which packets (direction, protocol, IP version, addresses, ports) are mirrored (accept) or left out (reject)',
	action: 'Create a traffic mirror filter rule in a filter',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorFilterRule'], operation: ['create'] } },
	properties,
);

/**
 * A rule is recognised by its filter, direction and priority: after a create whose answer was lost, the new rule there
 * that carries every other field this item sent is this one.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	transport: TransportContext,
	creates: CreateLedger,
): Promise<ApiItem> {
	const rule = readCreateFields(this, itemIndex, required, optional);
	checkCidrsMatchEthertype(this, itemIndex, rule);
	const { traffic_mirror_filter_id: filterId, direction, priority } = rule;
	return await createResource.call(this, transport, creates, {
		itemIndex,
		path: RULES_PATH,
		key: RULE_KEY,
		listKey: RULES_KEY,
		body: rule,
		label: 'traffic mirror filter rule',
		identity: {
			text: `(${direction as string}, priority ${priority as number}, in filter ${filterId as string})`,
			query: { traffic_mirror_filter_id: filterId, direction, priority },
		},
	});
}
