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
		displayOptions: { show: { resource: ['trafficMirrorFilterRule'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Add a rule to a traffic mirror filter: which packets (direction, protocol, IP version, addresses, ports) are mirrored (accept) or left out (reject)',
				action: 'Create a traffic mirror filter rule',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete one rule from its traffic mirror filter',
				action: 'Delete a traffic mirror filter rule',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one traffic mirror filter rule by ID',
				action: 'Get a traffic mirror filter rule',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List traffic mirror filter rules, e.g. the rules of one filter, optionally narrowed by direction, protocol, action and more',
				action: 'Get many traffic mirror filter rules',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change a rule’s protocol, IP version, addresses, ports, priority, action or description; its direction and filter cannot change',
				action: 'Update a traffic mirror filter rule',
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
