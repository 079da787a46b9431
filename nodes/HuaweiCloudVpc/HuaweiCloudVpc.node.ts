import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptionsDescription } from './actions/options';
import { resourceDescription } from './actions/resource';
import { resources } from './actions/resources';
import { router } from './actions/router';
import {
	searchMirrorTargets,
	searchTrafficMirrorFilterRules,
	searchTrafficMirrorFilters,
	searchTrafficMirrorSessions,
} from './methods/listSearch';
import { huaweiCloudApiTest } from './methods/credentialTest';
import { getPorts } from './methods/loadOptions';
import { compareText } from './fields/property';
import { DEFAULT_NODE_VERSION, NODE_VERSIONS } from './fields/versions';

const resourceList = Object.values(resources);

export class HuaweiCloudVpc implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei Cloud VPC',
		name: 'huaweiCloudVpc',
		icon: { light: 'file:huaweiCloudVpc.svg', dark: 'file:huaweiCloudVpc.dark.svg' },
		group: ['transform'],
		version: NODE_VERSIONS,
		defaultVersion: DEFAULT_NODE_VERSION,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Mirror network traffic in Huawei Cloud VPC: traffic mirror sessions, filters and filter rules',
		// The editor's Docs link opens this package's README; the codex's primaryDocumentation only stands in without it.
		documentationUrl: 'https://github.com/n8n-nodes-huaweicloud-vpc/n8n-nodes-huaweicloud-vpc#readme',
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
				options: resourceList.map(({ option }) => option).sort((a, b) => compareText(a.name, b.name)),
				default: 'trafficMirrorSession',
			},
			...resourceList.flatMap((resource) => resourceDescription(resource, 'create')),
			requestOptionsDescription,
		],
	};

	methods = {
		listSearch: { searchMirrorTargets, searchTrafficMirrorFilterRules, searchTrafficMirrorFilters, searchTrafficMirrorSessions },
		loadOptions: { getPorts },
		credentialTest: { huaweiCloudApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
