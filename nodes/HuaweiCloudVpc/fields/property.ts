import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { constraintHint } from './constraints';
import type { ParameterDefinition } from './definition';

/**
 * Orders display names alphabetically whatever their case ("Get by Name" before "Get Many"), as n8n's lint does with
 * localeCompare; by code unit in lower case, since localeCompare would set up ICU's collator while the node loads,
 * which was most of its load time.
 */
export function compareText(a: string, b: string): number {
	const [lowerA, lowerB] = [a.toLowerCase(), b.toLowerCase()];
	if (lowerA !== lowerB) return lowerA < lowerB ? -1 : 1;
	// Lower case first, as localeCompare has it.
	return a < b ? 1 : a > b ? -1 : 0;
}

/**
 * Sentences as one description, the way n8n's rules want it: a single sentence has no final period, several
 * sentences each end with one. Empty parts are left out.
 */
export function sentences(...parts: Array<string | undefined>): string {
	const present = parts.filter((part): part is string => Boolean(part)).map((part) => part.replace(/\.$/, ''));
	return present.length === 1 ? present[0] : present.map((part) => `${part}.`).join(' ');
}

// n8n's standard last sentence for a multi-select loaded from the API.
const CHOOSE_OR_EXPRESSION =
	'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

/** A field's description for the editor: what it means, then its rule where that helps to type the value. */
export function fieldDescription(field: ParameterDefinition, meaning: string = field.description): string {
	return sentences(meaning, constraintHint(field.constraint), field.loadOptionsMethod && CHOOSE_OR_EXPRESSION);
}

const UUID_PATTERN = '^\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*$';

/** The UI parameter of a field: its type, range and description all come from the field's declaration. */
export function fieldProperty(field: ParameterDefinition, overrides: Partial<INodeProperties> = {}): INodeProperties {
	const base = { displayName: field.displayName, name: field.parameter, description: fieldDescription(field) };
	const { constraint } = field;
	let property: INodeProperties;
	if (field.listSearchMethod) {
		property = {
			...base,
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					typeOptions: { searchListMethod: field.listSearchMethod, searchable: true },
				},
				{
					displayName: 'By ID',
					name: 'id',
					type: 'string',
					placeholder: 'e.g. b765ba87-c0b4-4f1a-9ec3-d5b1d1ddb137',
					validation: [{ type: 'regex', properties: { regex: UUID_PATTERN, errorMessage: 'Not a valid ID (UUID)' } }],
				},
			],
		};
	} else if (field.loadOptionsMethod) {
		property = { ...base, type: 'multiOptions', default: [], typeOptions: { loadOptionsMethod: field.loadOptionsMethod } };
	} else if (constraint.kind === 'integer') {
		property = {
			...base,
			type: 'number',
			default: field.uiDefault ?? constraint.min,
			typeOptions: { minValue: constraint.min, maxValue: constraint.max, numberPrecision: 0 },
		};
	} else if (constraint.kind === 'boolean') {
		property = { ...base, type: 'boolean', default: field.uiDefault ?? false };
	} else if (constraint.kind === 'choice') {
		const options: INodePropertyOptions[] = constraint.values
			.map((value) => {
				const description = field.choiceDescriptions?.[value];
				return { name: field.choiceNames?.[value] ?? value, value, ...(description ? { description } : {}) };
			})
			.sort((a, b) => compareText(a.name, b.name));
		property = { ...base, type: 'options', options, default: field.uiDefault ?? constraint.values[0] };
	} else {
		property = { ...base, type: 'string', default: field.uiDefault ?? '' };
	}
	if (field.placeholder) property.placeholder = field.placeholder;
	return { ...property, ...overrides };
}
