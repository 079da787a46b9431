/** Node parameters that several test files build the same way. */
import type { INodeParameterResourceLocator, INodeParameters } from 'n8n-workflow';

import { SOURCE_PORT_ID, TARGET_PORT_ID } from '../emulator/helpers';

/** A resource locator value in ID mode, as n8n stores it. */
export const byId = (value: string): INodeParameterResourceLocator => ({ __rl: true, mode: 'id', value });

/** Traffic Mirror Session Create; the session's name is each input item's `name` unless `extra` says otherwise. */
export function sessionCreateParameters(filterId: string, extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'trafficMirrorSession',
		operation: 'create',
		name: '={{ $json.name }}',
		trafficMirrorFilterId: byId(filterId),
		trafficMirrorSources: SOURCE_PORT_ID,
		trafficMirrorTargetType: 'eni',
		trafficMirrorTargetId: byId(TARGET_PORT_ID),
		priority: 1,
		...extra,
	};
}

/** Traffic Mirror Filter Rule Create's required fields, without the resource and operation. */
export function ruleCreateParameters(filterId: string, overrides: INodeParameters = {}): INodeParameters {
	return {
		trafficMirrorFilterId: byId(filterId),
		direction: 'ingress',
		protocol: 'TCP',
		ethertype: 'IPv4',
		ruleAction: 'accept',
		priority: 10,
		...overrides,
	};
}
