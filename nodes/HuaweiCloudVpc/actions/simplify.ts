import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

const SIMPLIFY = 'simplify';

/**
 * Get's and Get Many's Simplify (n8n's usual name for it): each resource cut down to the fields its resource
 * declares as `simplified`, so that an AI agent reading the output spends fewer tokens on project IDs and timestamps.
 */
export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: SIMPLIFY,
	type: 'boolean',
	default: false,
	description:
		'Whether to return only the fields that identify and describe each resource instead of the whole API object, e.g. to save an AI agent tokens',
};

/** Whether the operation offers Simplify. */
export function hasSimplify(operation: { description: INodeProperties[] }): boolean {
	return operation.description.some((property) => property.name === SIMPLIFY);
}

/** The item's Simplify. */
export function readSimplify(context: IExecuteFunctions, itemIndex: number): boolean {
	return context.getNodeParameter(SIMPLIFY, itemIndex, false) === true;
}

/** The resource with only these fields, in this order; the ones it lacks are left out. */
export function simplified(data: IDataObject, fields: readonly string[]): IDataObject {
	return Object.fromEntries(fields.filter((field) => field in data).map((field) => [field, data[field]]));
}
