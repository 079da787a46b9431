import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as trafficMirrorFilter from './actions/trafficMirrorFilter';
import * as trafficMirrorFilterRule from './actions/trafficMirrorFilterRule';
import * as trafficMirrorSession from './actions/trafficMirrorSession';
import { requestOptionsDescription } from './actions/options';
import { router } from './actions/router';
import {
	searchMirrorTargets,
	searchTrafficMirrorFilterRules,
	searchTrafficMirrorFilters,
	searchTrafficMirrorSessions,
} from './methods/listSearch';
import { huaweiCloudApiTest } from './methods/credentialTest';
import { getPorts } from './methods/loadOptions';
import { n8nClock, type Clock } from './transport/clock';

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
		credentials: [{ name: 'huaweiCloudApi', required: true, testedBy: 'huaweiCloudApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Traffic Mirror Filter',
						value: 'trafficMirrorFilter',
						description: 'Selects which packets a traffic mirror session copies, through its ingress and egress rules',
					},
					{
						name: 'Traffic Mirror Filter Rule',
						value: 'trafficMirrorFilterRule',
						description: 'One rule of a traffic mirror filter: packets it matches are mirrored (accept) or left out (reject)',
					},
					{
						name: 'Traffic Mirror Session',
						value: 'trafficMirrorSession',
						description: 'Copies the traffic of network interfaces to a target for analysis',
					},
				],
				default: 'trafficMirrorSession',
			},
			...trafficMirrorFilter.description,
			...trafficMirrorFilterRule.description,
			...trafficMirrorSession.description,
			requestOptionsDescription,
		],
	};

	methods = {
		listSearch: { searchMirrorTargets, searchTrafficMirrorFilterRules, searchTrafficMirrorFilters, searchTrafficMirrorSessions },
		loadOptions: { getPorts },
		credentialTest: { huaweiCloudApiTest },
	};

	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

	/** n8n makes the node without arguments; tests pass a clock of their own, so that retries need not wait. */
	constructor(clock: Clock = n8nClock) {
		this.execute = async function (this: IExecuteFunctions) {
			return await router.call(this, clock);
		};
	}
}
