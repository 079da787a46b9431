import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { create, del as delete, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['trafficMirrorFilter'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create an empty traffic mirror filter; add rules to it with Traffic Mirror Filter Rule → Create, then use it in a session',
				action: 'Create a traffic mirror filter',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a traffic mirror filter and its rules; refused while a traffic mirror session uses it',
				action: 'Delete a traffic mirror filter',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one traffic mirror filter by ID, with its ingress and egress rules',
				action: 'Get a traffic mirror filter',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List traffic mirror filters, optionally narrowed by ID, name or description',
				action: 'Get many traffic mirror filters',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the name or description of a traffic mirror filter; its rules are changed with Traffic Mirror Filter Rule operations',
				action: 'Update a traffic mirror filter',
			},
		],
		default: 'create',
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...update.description,
];
