import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FieldDefinition } from '../fields/definition';
import { fieldDescription, fieldProperty, sentences } from '../fields/property';
import { readCollection, readFields } from '../fields/read';

const ADDITIONAL_FIELDS = 'additionalFields';
export const UPDATE_FIELDS = 'updateFields';

/** A Create's parameters: the required fields at the top, the optional ones in "Additional Fields". */
export function createProperties(required: FieldDefinition[], optional: FieldDefinition[]): INodeProperties[] {
	return [...required.map((field) => fieldProperty(field, { required: true })), additionalFieldsProperty(optional)];
}

export function additionalFieldsProperty(optional: FieldDefinition[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: ADDITIONAL_FIELDS,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: optional.map((field) => fieldProperty(field)),
	};
}

/** A Create's body: every required field and the optional ones the user set, all checked. */
export function readCreateFields(
	context: IExecuteFunctions,
	itemIndex: number,
	required: FieldDefinition[],
	optional: FieldDefinition[],
): IDataObject {
	return {
		...readFields(context, itemIndex, required),
		...readCollection(context, itemIndex, ADDITIONAL_FIELDS, optional),
	};
}

export interface UpdateFieldsOptions {
	/** Fields an empty value clears: sent as "" (Terraform clears a description that way). */
	clearable?: FieldDefinition[];
	/** A sentence for the collection's description, e.g. what cannot be changed. */
	note?: string;
	/** Whether no field is fine: the caller adds one of its own (a target given by server). */
	allowEmpty?: boolean;
}

/** An Update's "Update Fields" collection. */
export function updateFieldsProperty(updatable: FieldDefinition[], { clearable = [], note }: UpdateFieldsOptions = {}): INodeProperties {
	return {
		displayName: 'Update Fields',
		name: UPDATE_FIELDS,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: sentences('Only the fields added here change; the others keep their values', note),
		options: updatable.map((field) => {
			const property = fieldProperty(field);
			if (!clearable.includes(field)) return property;
			return { ...property, description: sentences(fieldDescription(field), 'Leave it empty to clear it') };
		}),
	};
}

/** The changes an Update sends: only the fields the user set, checked; at least one, or nothing is sent. */
export function readUpdateFields(
	context: IExecuteFunctions,
	itemIndex: number,
	updatable: FieldDefinition[],
	{ clearable = [], allowEmpty = false }: UpdateFieldsOptions = {},
): IDataObject {
	const values = context.getNodeParameter(UPDATE_FIELDS, itemIndex, {}) as IDataObject;
	const cleared = clearable.filter((field) => values[field.parameter] === '');
	const changes: IDataObject = {
		...readCollection(
			context,
			itemIndex,
			UPDATE_FIELDS,
			updatable.filter((field) => !cleared.includes(field)),
		),
		...Object.fromEntries(cleared.map((field) => [field.apiName, ''])),
	};
	if (Object.keys(changes).length === 0 && !allowEmpty) {
		throw new NodeOperationError(context.getNode(), 'Add at least one field to Update Fields', {
			itemIndex,
			description: 'An update without fields would change nothing, so nothing was sent for this item.',
		});
	}
	return changes;
}
