import type { INodeProperties } from 'n8n-workflow';

import * as addSources from './addSources.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as removeSources from './removeSources.operation';
import * as update from './update.operation';

export { addSources, create, del as delete, get, getAll, removeSources, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['trafficMirrorSession'] } },
		options: [
			{
				name: 'Add Sources',
				value: 'addSources',
				description: 'Start mirroring more network interfaces (ports) in an existing traffic mirror session',
				action: 'Add sources to a traffic mirror session',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a traffic mirror session that copies the traffic of network interfaces to a target',
				action: 'Create a traffic mirror session',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a traffic mirror session, which stops its mirroring',
				action: 'Delete a traffic mirror session',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one traffic mirror session by its ID, with its sources, target, filter and settings',
				action: 'Get a traffic mirror session',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List traffic mirror sessions, optionally filtered by name, ID, filter, target, priority and more',
				action: 'Get many traffic mirror sessions',
			},
			{
				name: 'Remove Sources',
				value: 'removeSources',
				description: 'Stop mirroring some network interfaces (ports) of a traffic mirror session',
				action: 'Remove sources from a traffic mirror session',
			},
			{
				name: 'Update',
				value: 'update',
				description:
					'Change the name, description, filter, target, VNI, packet length, priority or enabled state of a traffic mirror session (not its sources)',
				action: 'Update a traffic mirror session',
			},
		],
		default: 'create',
	},
	...addSources.description,
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...removeSources.description,
	...update.description,
];
