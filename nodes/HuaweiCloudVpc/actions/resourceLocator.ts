import type { IExecuteFunctions } from 'n8n-workflow';

import type { FieldDefinition } from '../fields/definition';
import { readFields } from '../fields/read';
import { pathSegment } from '../transport/request';

export interface ResourceTarget {
	id: string;
	/** The resource's API path, with the ID encoded as one path segment. */
	path: string;
}

/**
 * The resource chosen in the resource locator `field` (list or ID mode), checked against the field's rule before it
 * goes into a URL path.
 */
export function readResourceTarget(
	context: IExecuteFunctions,
	itemIndex: number,
	field: FieldDefinition,
	collectionPath: string,
): ResourceTarget {
	const id = readFields(context, itemIndex, [field])[field.apiName] as string;
	return { id, path: `${collectionPath}/${pathSegment(id)}` };
}
