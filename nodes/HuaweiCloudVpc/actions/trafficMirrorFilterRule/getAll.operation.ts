import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filterRuleFields, filterRuleIdField } from '../../fields/filterRule.fields';
import type { TransportContext } from '../../transport/context';
import { listProperties, listResources, type ListFilter } from '../list';
import { RULES_KEY, RULES_PATH } from './rule.resource';
import type { ApiItem } from '../../transport/request';
import type { OperationOption } from '../node.type';
import { simplifyProperty } from '../simplify';

/**
 * The filters of Huawei Cloud's ListTrafficMirrorFilterRules API (it has no ethertype filter). IDs take several values
 * as a repeated key, as the session list does in the 2025 documentation (documented for sessions only); the others
 * take one value, the SDK's scalar. The filter is a locator so that "the rules of this filter" is one pick.
 */
const filters: ListFilter[] = [
	{ field: filterRuleIdField, displayName: 'IDs', description: 'Only the rules with these IDs', multiple: true },
	{
		field: filterRuleFields.trafficMirrorFilterId,
		displayName: 'Traffic Mirror Filter',
		description: 'Only the rules of this traffic mirror filter',
	},
	{ field: filterRuleFields.direction, displayName: 'Direction', description: 'Only the rules of this direction' },
	{ field: filterRuleFields.protocol, displayName: 'Protocol', description: 'Only the rules for this protocol' },
	{ field: filterRuleFields.action, displayName: 'Action', description: 'Only the rules with this action' },
	{ field: filterRuleFields.priority, displayName: 'Priority', description: 'Only the rules with this priority' },
	{
		field: filterRuleFields.sourceCidrBlock,
		displayName: 'Source CIDR Block',
		description: 'Only the rules with exactly this source CIDR block',
	},
	{
		field: filterRuleFields.destinationCidrBlock,
		displayName: 'Destination CIDR Block',
		description: 'Only the rules with exactly this destination CIDR block',
	},
	{
		field: filterRuleFields.sourcePortRange,
		displayName: 'Source Port Range',
		description: 'Only the rules with exactly this source port range',
	},
	{
		field: filterRuleFields.destinationPortRange,
		displayName: 'Destination Port Range',
		description: 'Only the rules with exactly this destination port range',
	},
	{ field: filterRuleFields.description, displayName: 'Description', description: 'Only the rules with exactly this description' },
];

export const option: OperationOption = {
	name: 'Get Many',
	description:
		'List traffic mirror filter rules, e.g. the rules of one filter, optionally narrowed by direction, protocol, action and more',
	action: 'Get many traffic mirror filter rules',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorFilterRule'], operation: ['getAll'] } },
	[...listProperties(filters), simplifyProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, transport: TransportContext): Promise<ApiItem[]> {
	return await listResources(this, itemIndex, transport, { path: RULES_PATH, key: RULES_KEY, filters, label: 'traffic mirror filter rules' });
}
