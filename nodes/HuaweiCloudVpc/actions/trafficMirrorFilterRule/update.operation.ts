import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { FieldDefinition } from '../../fields/definition';
import { filterRuleFields, filterRuleIdField } from '../../fields/filterRule.fields';
import { fieldProperty } from '../../fields/property';
import { readCollection } from '../../fields/read';
import { vpcApiRequest } from '../../transport/request';
import { checkCidrsMatchEthertype, readRuleTarget, RULE_KEY, unwrapRule } from './rule.resource';

/** UpdateTrafficMirrorFilterRuleOption (spec §2.6): a rule's direction and filter cannot change, so they are not offered. */
const updatable: FieldDefinition[] = [
	filterRuleFields.action,
	filterRuleFields.description,
	filterRuleFields.destinationCidrBlock,
	filterRuleFields.destinationPortRange,
	filterRuleFields.ethertype,
	filterRuleFields.priority,
	filterRuleFields.protocol,
	filterRuleFields.sourceCidrBlock,
	filterRuleFields.sourcePortRange,
];
/**
 * An empty value of these is sent as "" to clear the field, as an empty description is (Terraform clears a
 * description that way; the same for CIDR blocks and port ranges is inferred `[U]`).
 */
const clearable: FieldDefinition[] = [
	filterRuleFields.destinationCidrBlock,
	filterRuleFields.destinationPortRange,
	filterRuleFields.sourceCidrBlock,
	filterRuleFields.sourcePortRange,
];

function updateFieldProperty(field: FieldDefinition): INodeProperties {
	const property = fieldProperty(field);
	if (field !== filterRuleFields.description && !clearable.includes(field)) return property;
	return { ...property, description: `${property.description}. An empty value clears it.` };
}

const properties: INodeProperties[] = [
	fieldProperty(filterRuleIdField, { required: true }),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'The fields to change; only the fields added here are sent, the others keep their values. A rule’s direction and filter cannot be changed: delete the rule and create another.',
		options: updatable.map(updateFieldProperty),
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorFilterRule'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { path } = readRuleTarget(this, itemIndex);
	const values = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const cleared = clearable.filter((field) => values[field.parameter] === '');
	const changes: IDataObject = {
		...readCollection(
			this,
			itemIndex,
			'updateFields',
			updatable.filter((field) => !cleared.includes(field)),
		),
		...Object.fromEntries(cleared.map((field) => [field.apiName, ''])),
	};
	if (Object.keys(changes).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Add at least one field to Update Fields', {
			itemIndex,
			description: 'An update without fields would change nothing, so nothing was sent for this item.',
		});
	}
	checkCidrsMatchEthertype(this.getNode(), itemIndex, changes);
	const response = await vpcApiRequest.call(this, { method: 'PUT', path, body: { [RULE_KEY]: changes }, itemIndex });
	return unwrapRule(response);
}
