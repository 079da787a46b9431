import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FieldDefinition } from '../fields/definition';
import { compareText, fieldDescription, fieldProperty } from '../fields/property';
import { validateField } from '../fields/read';
import type { TransportContext } from '../transport/context';
import { vpcApiRequestAllItems } from '../transport/paginate';
import type { ApiItem } from '../transport/request';
import { hintOnce } from './hints';

/** One query filter of a list API, made from the field it filters on so that it follows the same rule. */
export interface ListFilter {
	field: FieldDefinition;
	displayName: string;
	/** What the filter keeps, e.g. "Only the sessions with one of these priorities". */
	description: string;
	/**
	 * Several values, comma-separated (or an array from an expression), sent as a repeated query key: the service
	 * keeps resources that match any of them. The description says so; the values' rule is left to the error, as
	 * they are values of existing resources.
	 */
	multiple?: boolean;
}

const RETURN_ALL = 'returnAll';
const LIMIT = 'limit';
const FILTERS = 'filters';

/**
 * Return All, Limit and the Filters collection of a Get Many operation; `applied` are filters the node applies to
 * the listed resources itself, as the API has no query for them.
 */
export function listProperties(filters: ListFilter[], applied: INodeProperties[] = []): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: RETURN_ALL,
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: LIMIT,
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			displayOptions: { show: { [RETURN_ALL]: [false] } },
			description: 'Max number of results to return',
		},
		{
			displayName: 'Filters',
			name: FILTERS,
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [...filters.map(filterProperty), ...applied].sort((a, b) => compareText(a.displayName, b.displayName)),
		},
	];
}

function filterProperty(filter: ListFilter): INodeProperties {
	const { field } = filter;
	if (!filter.multiple) {
		return fieldProperty(field, { displayName: filter.displayName, description: fieldDescription(field, filter.description) });
	}
	return {
		displayName: filter.displayName,
		name: field.parameter,
		type: 'string',
		default: '',
		placeholder: field.placeholder,
		description: `${filter.description}, separated by commas`,
	};
}

/** The Limit to stop at, or undefined when Return All is on. */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (context.getNodeParameter(RETURN_ALL, itemIndex, false) === true) return undefined;
	const limit = context.getNodeParameter(LIMIT, itemIndex, 50) as unknown;
	if (typeof limit === 'number' && Number.isInteger(limit) && limit >= 1) return limit;
	throw new NodeOperationError(context.getNode(), `Invalid Limit: must be a whole number of at least 1; got ${String(limit)}`, {
		itemIndex,
	});
}

/**
 * The Filters the user set, checked by their fields' rules, as the list API's query parameters. A single-valued
 * text filter left blank is left out: sent as `description=`, it would keep only the resources with an empty
 * description. A blank multi-valued one (IDs, Names) fails its rule instead (see `splitValues`), as does a blank
 * resource picker, whose value is an object: they name resources, and dropped they would list every one.
 */
export function readFilters(context: IExecuteFunctions, itemIndex: number, filters: ListFilter[]): IDataObject {
	const values = context.getNodeParameter(FILTERS, itemIndex, {}) as IDataObject;
	const query: IDataObject = {};
	for (const { field, multiple } of filters) {
		const value = values[field.parameter];
		if (value === undefined) continue;
		if (!multiple) {
			if (typeof value === 'string' && value.trim() === '') continue;
			query[field.apiName] = validateField(context, itemIndex, field, value);
			continue;
		}
		const checked = splitValues(value).map((item) => validateField(context, itemIndex, field, item));
		query[field.apiName] = checked.length === 1 ? checked[0] : checked;
	}
	return query;
}

/**
 * The values of a multi-valued filter. Blank entries are dropped, but a filter left wholly blank stays one blank
 * value, which fails its rule: a filter that silently matched everything could feed a Delete every resource.
 */
function splitValues(value: unknown): unknown[] {
	const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
	const items = raw.map((item: unknown) => (typeof item === 'string' ? item.trim() : item));
	const present = items.filter((item) => item !== '');
	return present.length > 0 ? present : [''];
}

export interface ListOperation {
	path: string;
	/** The list's key in the answer, e.g. `traffic_mirror_sessions`. */
	key: string;
	filters: ListFilter[];
	/** The resources in messages, e.g. "traffic mirror sessions". */
	label: string;
	/** A filter the node applies itself, by its display name: every resource is listed, and only those it keeps count. */
	keep?: { displayName: string; test: (resource: IDataObject) => boolean };
}

/**
 * A Get Many: the Filters as the list's query, up to the Limit (or all). When filters found nothing, the editor says
 * which ones were set: a filter matches exact values, and nothing is no error.
 */
export async function listResources(
	context: IExecuteFunctions,
	itemIndex: number,
	transport: TransportContext,
	{ path, key, filters, label, keep }: ListOperation,
): Promise<ApiItem[]> {
	const query = readFilters(context, itemIndex, filters);
	const limit = readLimit(context, itemIndex);
	const listed = await vpcApiRequestAllItems(transport, { path, key, qs: query, limit: keep ? undefined : limit, itemIndex });
	const found = keep ? listed.filter(({ data }) => keep.test(data)).slice(0, limit) : listed;
	const set = [
		...filters.filter(({ field }) => query[field.apiName] !== undefined).map(({ displayName }) => displayName),
		...(keep ? [keep.displayName] : []),
	];
	if (found.length === 0 && set.length > 0) {
		hintOnce(context, {
			message: `No ${label} match the filters set (${set.join(', ')}). Each filter keeps exact matches only: check its values, or remove it to list all ${label}.`,
		});
	}
	return found;
}
