import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['trafficMirrorSession'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a traffic mirror session that copies the traffic of network interfaces to a target',
				action: 'Create a traffic mirror session',
			},
		],
		default: 'create',
	},
	...create.description,
];
