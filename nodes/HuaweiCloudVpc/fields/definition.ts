import type { Constraint } from './constraints';

/**
 * One parameter of the node's UI, declared once: the UI parameter and the validation are made from it. A parameter
 * that only steers the node (how the sources are given) has no API name; an API field is a `FieldDefinition`.
 */
export interface ParameterDefinition {
	/** The UI parameter's name: for an API field, the field's name in camelCase. */
	parameter: string;
	displayName: string;
	/**
	 * What the field means, as its editor hint, without its rule (`constraintHint` appends the rule where the control
	 * does not enforce it).
	 */
	description: string;
	constraint: Constraint;
	/** Display names of a choice's values, when they differ from the values. */
	choiceNames?: Record<string, string>;
	/** What each choice does, shown under it in the dropdown, where its name alone does not say. */
	choiceDescriptions?: Record<string, string>;
	/** The UI default; numbers default to the service's own default where it has one. */
	uiDefault?: string | number | boolean;
	placeholder?: string;
	/** Picked from a searchable list (a `methods.listSearch` function) or typed as an ID. */
	listSearchMethod?: string;
	/** Several picked from a list (a `methods.loadOptions` function), or given by an expression. */
	loadOptionsMethod?: string;
}

/** One API field, declared once: the UI parameter, the validation and the request body are all made from it. */
export interface FieldDefinition extends ParameterDefinition {
	/** The field's name in the API's JSON body. */
	apiName: string;
}

/** Fields of one resource, keyed by parameter name so operations can refer to them by name. */
export type FieldSet<K extends string = string> = Record<K, FieldDefinition>;
