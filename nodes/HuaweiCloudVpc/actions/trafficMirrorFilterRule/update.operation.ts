import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { FieldDefinition } from '../../fields/definition';
import { filterRuleFields, filterRuleIdField } from '../../fields/filterRule.fields';
import { fieldProperty } from '../../fields/property';
import type { TransportContext } from '../../transport/context';
import { type ApiItem, holdsResource, vpcApiRequest } from '../../transport/request';
import { readUpdateFields, updateFieldsProperty, type UpdateFieldsOptions } from '../fieldCollections';
import { checkCidrsMatchEthertype, readRuleTarget, RULE_KEY, unwrapRule } from './rule.resource';
import type { OperationOption } from '../node.type';

/** The fields of UpdateTrafficMirrorFilterRule: a rule's direction and filter cannot change, so they are not offered. */
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
 * An empty value of these is sent as "" to clear the field. Terraform clears a description that way; the same for
 * CIDR blocks and port ranges is inferred (not confirmed against the live API).
 */
const fieldOptions: UpdateFieldsOptions = {
	clearable: [
		filterRuleFields.description,
		filterRuleFields.destinationCidrBlock,
		filterRuleFields.destinationPortRange,
		filterRuleFields.sourceCidrBlock,
		filterRuleFields.sourcePortRange,
	],
	note: 'A rule’s direction and filter cannot be changed: delete the rule and create another.',
};

const properties: INodeProperties[] = [
	fieldProperty(filterRuleIdField, { required: true }),
	updateFieldsProperty(updatable, fieldOptions),
];

export const option: OperationOption = {
	name: 'Update',
	description:
		'Change a rule’s protocol, IP version, addresses, ports, priority, action or description; its direction and filter cannot change',
	action: 'Update a traffic mirror filter rule by ID',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorFilterRule'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number, transport: TransportContext): Promise<ApiItem> {
	const { path } = readRuleTarget(this, itemIndex);
	const changes = readUpdateFields(this, itemIndex, updatable, fieldOptions);
	checkCidrsMatchEthertype(this, itemIndex, changes);
	const response = await vpcApiRequest(transport, { method: 'PUT', path, body: { [RULE_KEY]: changes }, itemIndex, expect: holdsResource(RULE_KEY) });
	return unwrapRule(response);
}
