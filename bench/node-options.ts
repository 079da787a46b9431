import type { INodeProperties } from 'n8n-workflow';

import { HuaweiCloudVpc } from './built-node';

const properties = new HuaweiCloudVpc().description.properties;

/** The names of the options in the node's "Options" collection(s), looked up in its description. */
function optionNames(): Set<string> {
	const names = new Set<string>();
	for (const property of properties) {
		if (property.name !== 'options' || property.type !== 'collection') continue;
		for (const option of (property.options ?? []) as INodeProperties[]) names.add(option.name);
	}
	return names;
}

/** The first of `candidates` the node offers as an option, if any: the bench runs before and after it exists. */
export function nodeOption(...candidates: string[]): string | undefined {
	const names = optionNames();
	return candidates.find((candidate) => names.has(candidate));
}

/** Whether the node has this operation on this resource. */
export function hasOperation(resource: string, operation: string): boolean {
	return properties.some(
		(property) =>
			property.name === 'operation' &&
			property.displayOptions?.show?.resource?.includes(resource) &&
			property.options?.some((option) => 'value' in option && option.value === operation),
	);
}
