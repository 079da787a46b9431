/**
 * Traffic mirror filters: create, list, show, update, delete, as Huawei Cloud's VPC API reference describes them
 * (https://support.huaweicloud.com/intl/en-us/api-vpc/CreateTrafficMirrorFilter.html).
 */
import { randomUUID } from 'node:crypto';

import { ApiError, ERROR_CODES, invalid, notFound } from '../errors';
import { EmulatorState, TrafficMirrorFilter, TrafficMirrorFilterRule } from '../model';
import { Operation, OperationContext } from '../operation';
import { FilterField, listPage } from '../query';
import {
	description,
	JsonObject,
	nonEmptyString,
	parseJsonBody,
	present,
	rejectUnknownKeys,
	required,
	resourceName,
	unwrapEnvelope,
} from '../validation';
import { checkFilterCount } from './quotas';

const ENVELOPE = 'traffic_mirror_filter';
const KEYS = ['name', 'description'] as const;

const LIST_FILTERS: Record<string, FilterField> = {
	id: { kind: 'text', multi: true },
	name: { kind: 'text', multi: true },
	description: { kind: 'text', multi: true },
	created_at: { kind: 'text', multi: true, ignored: true },
	updated_at: { kind: 'text', multi: true, ignored: true },
};

const path = (key: string) => `${ENVELOPE}.${key}`;

/** The filter as answered: its rules split by direction, in creation order. */
export function filterAnswer(state: EmulatorState, filter: TrafficMirrorFilter) {
	const rules = [...(state.ruleIdsByFilter.get(filter.id) ?? [])]
		.map((id) => state.rules.get(id))
		.filter((rule): rule is TrafficMirrorFilterRule => rule !== undefined);
	return {
		...filter,
		ingress_rules: rules.filter((rule) => rule.direction === 'ingress'),
		egress_rules: rules.filter((rule) => rule.direction === 'egress'),
	};
}

/**
 * The id of a stored filter, for the sessions and rules that name one. A missing filter makes their request a bad
 * one rather than a missing resource (status and code are a guess).
 */
export function existingFilterId(state: EmulatorState, value: unknown, where: string): string {
	const id = nonEmptyString(value, where);
	if (!state.filters.get(id)) throw invalid(`${where}: traffic mirror filter ${id} does not exist.`);
	return id;
}

function findFilter(context: OperationContext): TrafficMirrorFilter {
	const filter = context.state.filters.get(context.id);
	if (!filter) throw notFound('Traffic mirror filter', context.id);
	return filter;
}

/** Create and update take the same two fields; create also requires the name. */
function applyFields(option: JsonObject, filter: TrafficMirrorFilter): void {
	if (present(option, 'name', path('name'))) filter.name = resourceName(option.name, path('name'));
	if (present(option, 'description', path('description'))) {
		filter.description = description(option.description, path('description'));
	}
}

export const createFilter: Operation = (context) => {
	const option = unwrapEnvelope(parseJsonBody(context.body), ENVELOPE);
	rejectUnknownKeys(option, KEYS, ENVELOPE);
	required(option, 'name', path('name'));
	checkFilterCount(context.state);
	const filter: TrafficMirrorFilter = {
		id: randomUUID(),
		project_id: context.options.projectId,
		name: '',
		description: '',
		created_at: context.timestamp,
		updated_at: context.timestamp,
	};
	applyFields(option, filter);
	context.state.filters.add(filter);
	context.counters.resourceCreated('filters');
	return { status: 201, body: { [ENVELOPE]: filterAnswer(context.state, filter) } };
};

export const listFilters: Operation = (context) => {
	const { items, page_info } = listPage(context.state.filters, context.query, LIST_FILTERS);
	return {
		status: 200,
		body: { traffic_mirror_filters: items.map((filter) => filterAnswer(context.state, filter)), page_info },
	};
};

export const showFilter: Operation = (context) => ({
	status: 200,
	body: { [ENVELOPE]: filterAnswer(context.state, findFilter(context)) },
});

export const updateFilter: Operation = (context) => {
	const filter = findFilter(context);
	const option = unwrapEnvelope(parseJsonBody(context.body), ENVELOPE);
	rejectUnknownKeys(option, KEYS, ENVELOPE);
	// Changed on a copy that is stored only once every field passed, so that a refused update changes nothing.
	const updated = { ...filter, updated_at: context.timestamp };
	applyFields(option, updated);
	return { status: 200, body: { [ENVELOPE]: filterAnswer(context.state, context.state.filters.replace(updated)) } };
};

/**
 * A filter that sessions use is refused with 409; otherwise it goes together with its rules. Neither is
 * documented; both follow how comparable clouds (AWS) behave and what the Terraform provider assumes.
 */
export const deleteFilter: Operation = (context) => {
	const filter = findFilter(context);
	for (const session of context.state.sessions.values()) {
		if (session.traffic_mirror_filter_id === filter.id) {
			throw new ApiError(
				409,
				ERROR_CODES.conflict,
				`Traffic mirror filter ${filter.id} is used by traffic mirror session ${session.id}.`,
			);
		}
	}
	for (const ruleId of context.state.ruleIdsByFilter.get(filter.id) ?? []) context.state.rules.delete(ruleId);
	context.state.ruleIdsByFilter.delete(filter.id);
	context.state.filters.delete(filter.id);
	return { status: 204 };
};
