import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { huaweiCloudApiTest } from './methods/credentialTest';
import { EVENTS_PARAMETER, pollMirrorEvents } from './trigger/poll';

export class HuaweiCloudVpcTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei Cloud VPC Trigger',
		name: 'huaweiCloudVpcTrigger',
		icon: { light: 'file:huaweiCloudVpc.svg', dark: 'file:huaweiCloudVpc.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when a traffic mirror session, filter or filter rule is created, changed or deleted',
		documentationUrl: 'https://github.com/n8n-nodes-huaweicloud-vpc/n8n-nodes-huaweicloud-vpc#readme',
		defaults: { name: 'Huawei Cloud VPC Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'huaweiCloudApi', required: true, testedBy: 'huaweiCloudApiTest' }],
		properties: [
			{
				displayName: 'Events',
				name: EVENTS_PARAMETER,
				type: 'multiOptions',
				required: true,
				default: ['sessionCreated'],
				description: 'What to start the workflow for; a change names the fields that changed, with their values before and after',
				options: [
					{ name: 'Filter Changed', value: 'filterChanged', description: 'A traffic mirror filter was renamed or its description changed' },
					{ name: 'Filter Created', value: 'filterCreated', description: 'A traffic mirror filter was created' },
					{ name: 'Filter Deleted', value: 'filterDeleted', description: 'A traffic mirror filter was deleted' },
					{ name: 'Filter Rule Changed', value: 'filterRuleChanged', description: 'A rule of a traffic mirror filter was changed' },
					{ name: 'Filter Rule Created', value: 'filterRuleCreated', description: 'A rule was added to a traffic mirror filter' },
					{ name: 'Filter Rule Deleted', value: 'filterRuleDeleted', description: 'A rule of a traffic mirror filter was deleted' },
					{
						name: 'Session Changed',
						value: 'sessionChanged',
						description: 'A traffic mirror session was changed: its sources, target, filter, enabled state, priority, VNI, packet length, name or description',
					},
					{ name: 'Session Created', value: 'sessionCreated', description: 'A traffic mirror session was created' },
					{ name: 'Session Deleted', value: 'sessionDeleted', description: 'A traffic mirror session was deleted' },
				],
			},
		],
	};

	methods = { credentialTest: { huaweiCloudApiTest } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollMirrorEvents.call(this);
	}
}
