import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkConstraint, describeConstraint, type ApiValue } from './constraints';
import type { FieldDefinition, ParameterDefinition } from './definition';

/**
 * The item as a person finds it: counted from 1, as n8n's output panel does, with the 0-based Item Index that n8n's
 * own error details show beside it, so the two numbers in one error never seem to disagree.
 */
export function itemLabel(itemIndex: number): string {
	return `item ${itemIndex + 1} (Item Index ${itemIndex})`;
}

/** Several items, in ascending order, the same way: "items 3 to 5, 8 (Item Index 2 to 4, 7)". */
export function itemsLabel(itemIndexes: number[]): string {
	if (itemIndexes.length === 1) return itemLabel(itemIndexes[0]);
	const runs: Array<[number, number]> = [];
	for (const itemIndex of itemIndexes) {
		const last = runs[runs.length - 1];
		if (last && itemIndex === last[1] + 1) last[1] = itemIndex;
		else runs.push([itemIndex, itemIndex]);
	}
	const counted = (offset: number) =>
		runs.map(([first, last]) => (first === last ? `${first + offset}` : `${first + offset} to ${last + offset}`)).join(', ');
	return `items ${counted(1)} (Item Index ${counted(0)})`;
}

/**
 * Checks one value against its field's rule; a bad value fails the item with the field, the rule and the value.
 * The node is asked for only then: n8n hands out a deep copy of it each time.
 */
export function validateField(context: IExecuteFunctions, itemIndex: number, field: ParameterDefinition, value: unknown): ApiValue {
	const checked = checkConstraint(field.constraint, unwrapLocator(value));
	if (checked !== undefined) return checked;
	throw new NodeOperationError(
		context.getNode(),
		`Invalid ${fieldName(field)}: must be ${describeConstraint(field.constraint)}; got ${showValue(value)}`,
		{
			itemIndex,
			description: `The value of "${field.displayName}" for ${itemLabel(itemIndex)} breaks the API's rule, so nothing was sent for this item.`,
		},
	);
}

/** "Name (name)": the display name, and the API name where the parameter is an API field. */
function fieldName(field: ParameterDefinition): string {
	return 'apiName' in field ? `${field.displayName} (${String(field.apiName)})` : field.displayName;
}

/** Reads and checks top-level parameters; returns them keyed by API name. */
export function readFields(context: IExecuteFunctions, itemIndex: number, fields: FieldDefinition[]): IDataObject {
	const body: IDataObject = {};
	for (const field of fields) {
		// Only a resource locator has a value to extract; for other parameters n8n would search the description for nothing.
		const extractValue = field.listSearchMethod !== undefined;
		const value = context.getNodeParameter(field.parameter, itemIndex, undefined, { extractValue });
		body[field.apiName] = validateField(context, itemIndex, field, value);
	}
	return body;
}

/** Reads a collection ("Additional Fields", "Update Fields", "Filters"): only the fields the user set are returned. */
export function readCollection(
	context: IExecuteFunctions,
	itemIndex: number,
	collection: string,
	fields: FieldDefinition[],
): IDataObject {
	const values = context.getNodeParameter(collection, itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	for (const field of fields) {
		if (values[field.parameter] === undefined) continue;
		body[field.apiName] = validateField(context, itemIndex, field, values[field.parameter]);
	}
	return body;
}

/** Resource locator values inside collections arrive as `{ __rl, mode, value }`. */
function unwrapLocator(value: unknown): unknown {
	if (value && typeof value === 'object' && '__rl' in value && 'value' in value) return (value as IDataObject).value;
	return value;
}

/** The offending value, quoted and cut short so an error never echoes a whole document. */
function showValue(value: unknown): string {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
