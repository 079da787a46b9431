import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as trafficMirrorSession from './actions/trafficMirrorSession';
import { router } from './actions/router';
import { searchPorts, searchTrafficMirrorFilters, searchTrafficMirrorSessions } from './methods/listSearch';

export class HuaweiCloudVpc implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei Cloud VPC',
		name: 'huaweiCloudVpc',
		icon: { light: 'file:huaweiCloudVpc.svg', dark: 'file:huaweiCloudVpc.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Mirror network traffic in Huawei Cloud VPC: traffic mirror sessions, filters and filter rules',
		defaults: { name: 'Huawei Cloud VPC' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'huaweiCloudApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Traffic Mirror Session',
						value: 'trafficMirrorSession',
						description: 'Copies the traffic of network interfaces to a target for analysis',
					},
				],
				default: 'trafficMirrorSession',
			},
			...trafficMirrorSession.description,
		],
	};

	methods = {
		listSearch: { searchPorts, searchTrafficMirrorFilters, searchTrafficMirrorSessions },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
