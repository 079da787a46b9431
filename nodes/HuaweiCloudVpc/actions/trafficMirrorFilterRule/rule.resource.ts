import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { filterRuleFields, filterRuleIdField } from '../../fields/filterRule.fields';
import { itemLabel } from '../../fields/read';
import { unwrapResource, type ApiItem, type ApiResponse } from '../../transport/request';
import { readResourceTarget, type ResourceTarget } from '../resourceLocator';

export const RESOURCE = 'trafficMirrorFilterRule';
export const RULES_PATH = '/vpc/traffic-mirror-filter-rules';
export const RULE_KEY = 'traffic_mirror_filter_rule';
export const RULES_KEY = 'traffic_mirror_filter_rules';

/** The rule from its one-key envelope. */
export function unwrapRule(response: ApiResponse): ApiItem {
	return unwrapResource(response, RULE_KEY);
}

/** The rule chosen in the operation's "Traffic Mirror Filter Rule" locator. */
export function readRuleTarget(context: IExecuteFunctions, itemIndex: number): ResourceTarget {
	return readResourceTarget(context, itemIndex, filterRuleIdField, RULES_PATH);
}

const CIDR_FIELDS = [filterRuleFields.sourceCidrBlock, filterRuleFields.destinationCidrBlock];

/**
 * A rule matches packets of one IP version, so a CIDR block of the other version could never match. Checked when the
 * body carries both the ethertype and a CIDR block (an update of one of them alone is left to the service, which
 * knows the other). The node is asked for only on a mismatch: n8n hands out a deep copy of it each time.
 */
export function checkCidrsMatchEthertype(context: IExecuteFunctions, itemIndex: number, rule: IDataObject): void {
	const { ethertype } = filterRuleFields;
	if (typeof rule[ethertype.apiName] !== 'string') return;
	for (const field of CIDR_FIELDS) {
		const cidr = rule[field.apiName];
		if (typeof cidr !== 'string' || cidr === '') continue;
		const version = cidr.includes(':') ? 'IPv6' : 'IPv4';
		if (version === rule[ethertype.apiName]) continue;
		throw new NodeOperationError(
			context.getNode(),
			`Invalid ${field.displayName} (${field.apiName}): ${cidr} is an ${version} block but ${ethertype.displayName} (${ethertype.apiName}) is ${rule[ethertype.apiName] as string}`,
			{
				itemIndex,
				description: `A rule matches packets of one IP version, so its CIDR blocks must be of that version. Nothing was sent for ${itemLabel(itemIndex)}.`,
			},
		);
	}
}
