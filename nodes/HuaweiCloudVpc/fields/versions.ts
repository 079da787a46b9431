import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { FieldDefinition } from './definition';
import { fieldProperty } from './property';

/**
 * The node's versions. Version 2 renames the top-level Name parameters (Session Name, Filter Name): n8n's editor offers
 * no "let the model define this" button for a parameter called `name` (its `PATH_DENYLIST` holds `parameters.name`),
 * so an AI agent could not be given a name to choose. Version 1 keeps `name`, so saved workflows run as they did.
 */
export const NODE_VERSIONS = [1, 2];
export const DEFAULT_NODE_VERSION = 2;

const FIRST_RENAMED = 2;

/** A top-level name field, `name` up to version 1 and renamed from version 2 on: its properties and its reading. */
export interface VersionedName {
	properties(overrides?: Partial<INodeProperties>): INodeProperties[];
	/** The field as the item's node version names it. */
	field(context: IExecuteFunctions): FieldDefinition;
}

export function versionedName(field: FieldDefinition, renamed: Pick<FieldDefinition, 'parameter' | 'displayName'>): VersionedName {
	const later = { ...field, ...renamed };
	return {
		properties: (overrides = {}) => [
			{ ...fieldProperty(field, overrides), displayOptions: { show: { '@version': [{ _cnd: { lt: FIRST_RENAMED } }] } } },
			{ ...fieldProperty(later, overrides), displayOptions: { show: { '@version': [{ _cnd: { gte: FIRST_RENAMED } }] } } },
		],
		field: (context) => (context.getNode().typeVersion >= FIRST_RENAMED ? later : field),
	};
}
