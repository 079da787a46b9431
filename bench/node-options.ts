import type { INodeProperties } from 'n8n-workflow';

import { HuaweiCloudVpc } from './built-node';

const properties = new HuaweiCloudVpc().description.properties;

/** An option inside one of the node's collections (such as Request Options). */
export interface NodeOption {
	collection: string;
	name: string;
}

/**
 * The first of `candidates` the node offers in a top-level collection, looked up in its description, so the bench
 * runs both before and after the node has the option.
 */
export function nodeOption(...candidates: string[]): NodeOption | undefined {
	for (const candidate of candidates) {
		for (const property of properties) {
			if (property.type !== 'collection' || property.displayOptions) continue;
			const options = (property.options ?? []) as INodeProperties[];
			if (options.some((option) => option.name === candidate)) return { collection: property.name, name: candidate };
		}
	}
	return undefined;
}

/** Node parameters setting these options, each collection holding its own. */
export function optionParameters(settings: Array<[NodeOption | undefined, number]>): Record<string, Record<string, number>> {
	const parameters: Record<string, Record<string, number>> = {};
	for (const [option, value] of settings) if (option) (parameters[option.collection] ??= {})[option.name] = value;
	return parameters;
}

export const optionLabel = (option: NodeOption) => `${option.collection}.${option.name}`;

/** Whether the node has this operation on this resource. */
export function hasOperation(resource: string, operation: string): boolean {
	return properties.some(
		(property) =>
			property.name === 'operation' &&
			property.displayOptions?.show?.resource?.includes(resource) &&
			property.options?.some((option) => 'value' in option && option.value === operation),
	);
}
