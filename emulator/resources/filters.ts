/** Traffic mirror filters: operations 8–12 of spec §1. */
import { randomUUID } from 'node:crypto';

import { ApiError, ERROR_CODES, notFound } from '../errors';
import { EmulatorState, TrafficMirrorFilter, TrafficMirrorFilterRule } from '../model';
import { Operation, OperationContext } from '../operation';
import { FilterField, listPage } from '../query';
import {
	description,
	parseJsonBody,
	present,
	rejectUnknownKeys,
	required,
	resourceName,
	unwrapEnvelope,
} from '../validation';

const ENVELOPE = 'traffic_mirror_filter';

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

function findFilter(context: OperationContext): TrafficMirrorFilter {
	const filter = context.state.filters.get(context.id);
	if (!filter) throw notFound('Traffic mirror filter', context.id);
	return filter;
}

export const createFilter: Operation = (context) => {
	const option = unwrapEnvelope(parseJsonBody(context.body), ENVELOPE);
	rejectUnknownKeys(option, ['name', 'description'], ENVELOPE);
	const filter: TrafficMirrorFilter = {
		id: randomUUID(),
		project_id: context.options.projectId,
		name: resourceName(required(option, 'name', path('name')), path('name')),
		description: present(option, 'description', path('description'))
			? description(option.description, path('description'))
			: '',
		created_at: context.timestamp,
		updated_at: context.timestamp,
	};
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
	rejectUnknownKeys(option, ['name', 'description'], ENVELOPE);
	const name = present(option, 'name', path('name')) ? resourceName(option.name, path('name')) : filter.name;
	const text = present(option, 'description', path('description'))
		? description(option.description, path('description'))
		: filter.description;
	Object.assign(filter, { name, description: text, updated_at: context.timestamp });
	return { status: 200, body: { [ENVELOPE]: filterAnswer(context.state, filter) } };
};

/**
 * A filter that sessions use is refused with 409; otherwise it goes together with its rules. Neither is
 * documented `[U]`; both follow how comparable clouds (AWS) behave and what the Terraform provider assumes.
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
