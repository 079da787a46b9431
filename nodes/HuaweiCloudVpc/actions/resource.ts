import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { compareText } from '../fields/property';
import type { Operation } from './node.type';

/** A resource of the node: its entry in the Resource dropdown, and its operations by value. */
export interface Resource {
	option: INodePropertyOptions & { value: string };
	operations: Record<string, Operation>;
	/** The fields Get and Get Many keep with Simplify on. */
	simplified: readonly string[];
}

/**
 * The resource's Operation dropdown, made from its operations (in alphabetical order of their names, as n8n's lint
 * asks), then each operation's parameters.
 */
export function resourceDescription(resource: Resource, defaultOperation: string): INodeProperties[] {
	const entries = Object.entries(resource.operations);
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.option.value] } },
			options: entries
				.map(([value, { option }]) => ({ name: option.name, value, description: option.description, action: option.action }))
				.sort((a, b) => compareText(a.name, b.name)),
			default: defaultOperation,
		},
		...entries.flatMap(([, operation]) => operation.description),
	];
}
