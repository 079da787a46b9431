/**
 * Traffic mirror sessions: create, list, show, update, delete, add and remove sources, as Huawei Cloud's VPC API
 * reference describes them (https://support.huaweicloud.com/intl/en-us/api-vpc/CreateTrafficMirrorSession.html).
 */
import { randomUUID } from 'node:crypto';

import { invalid, notFound } from '../errors';
import { TrafficMirrorSession } from '../model';
import { Operation, OperationContext } from '../operation';
import { FilterField, listPage } from '../query';
import { existingFilterId } from './filters';
import { checkTarget, existingSources } from './interfaces';
import { checkSessionLimits } from './quotas';
import {
	boolean,
	description,
	integer,
	JsonObject,
	nonEmptyString,
	oneOf,
	parseJsonBody,
	present,
	rejectUnknownKeys,
	required,
	resourceName,
	sourceList,
	unwrapEnvelope,
} from '../validation';

const ENVELOPE = 'traffic_mirror_session';
const TARGET_TYPES = ['eni', 'elb'] as const;
const SOURCE_TYPES = ['eni'] as const;
const VNI_MAX = 16_777_215;
const PACKET_LENGTH_MAX = 1460;
const PRIORITY_MAX = 32_766;

const CREATE_KEYS = [
	'name',
	'description',
	'traffic_mirror_filter_id',
	'traffic_mirror_sources',
	'traffic_mirror_target_id',
	'traffic_mirror_target_type',
	'virtual_network_id',
	'packet_length',
	'priority',
	'enabled',
	'type',
] as const;

/**
 * Sources change only through add/remove-sources. `type` is not in Huawei Cloud's UpdateTrafficMirrorSession API
 * reference, but the Huawei Cloud Terraform provider sends it.
 */
const UPDATE_KEYS = CREATE_KEYS.filter((key) => key !== 'traffic_mirror_sources');

const LIST_FILTERS: Record<string, FilterField> = {
	id: { kind: 'text', multi: true },
	name: { kind: 'text', multi: true },
	description: { kind: 'text', multi: true },
	traffic_mirror_filter_id: { kind: 'text', multi: true },
	traffic_mirror_target_id: { kind: 'text', multi: true },
	traffic_mirror_target_type: { kind: 'text', multi: true },
	virtual_network_id: { kind: 'integer', multi: true },
	packet_length: { kind: 'integer', multi: true },
	priority: { kind: 'integer', multi: true },
	enabled: { kind: 'boolean', multi: false },
	type: { kind: 'text', multi: true },
	created_at: { kind: 'text', multi: true, ignored: true },
	updated_at: { kind: 'text', multi: true, ignored: true },
};

const path = (key: string) => `${ENVELOPE}.${key}`;

function findSession(context: OperationContext): TrafficMirrorSession {
	const session = context.state.sessions.get(context.id);
	if (!session) throw notFound('Traffic mirror session', context.id);
	return session;
}

/**
 * The fields create and update share. Huawei Cloud's CreateTrafficMirrorSession API reference types
 * `virtual_network_id`, `packet_length` and `enabled` as strings on create and as integer/boolean elsewhere, while
 * the Huawei Cloud Terraform provider sends integer/boolean on both and works: both encodings are accepted on both
 * operations, not confirmed against the live API.
 */
function applyCommonFields(context: OperationContext, option: JsonObject, session: TrafficMirrorSession): void {
	if (present(option, 'name', path('name'))) session.name = resourceName(option.name, path('name'));
	if (present(option, 'description', path('description'))) {
		session.description = description(option.description, path('description'));
	}
	if (present(option, 'traffic_mirror_filter_id', path('traffic_mirror_filter_id'))) {
		session.traffic_mirror_filter_id = existingFilterId(
			context.state,
			option.traffic_mirror_filter_id,
			path('traffic_mirror_filter_id'),
		);
	}
	if (present(option, 'traffic_mirror_target_id', path('traffic_mirror_target_id'))) {
		session.traffic_mirror_target_id = nonEmptyString(option.traffic_mirror_target_id, path('traffic_mirror_target_id'));
	}
	if (present(option, 'traffic_mirror_target_type', path('traffic_mirror_target_type'))) {
		session.traffic_mirror_target_type = oneOf(
			option.traffic_mirror_target_type,
			path('traffic_mirror_target_type'),
			TARGET_TYPES,
		);
	}
	if (present(option, 'virtual_network_id', path('virtual_network_id'))) {
		session.virtual_network_id = integer(option.virtual_network_id, path('virtual_network_id'), 0, VNI_MAX, true);
	}
	if (present(option, 'packet_length', path('packet_length'))) {
		session.packet_length = integer(option.packet_length, path('packet_length'), 1, PACKET_LENGTH_MAX, true);
	}
	if (present(option, 'priority', path('priority'))) {
		session.priority = integer(option.priority, path('priority'), 1, PRIORITY_MAX);
	}
	if (present(option, 'enabled', path('enabled'))) session.enabled = boolean(option.enabled, path('enabled'), true);
	if (present(option, 'type', path('type'))) session.type = oneOf(option.type, path('type'), SOURCE_TYPES);
	// Looked up once its type and ID are both known and every field passed its own rule.
	if ('traffic_mirror_target_id' in option || 'traffic_mirror_target_type' in option) {
		checkTarget(context.state, session.traffic_mirror_target_type, session.traffic_mirror_target_id, path('traffic_mirror_target_id'));
	}
}

export const createSession: Operation = (context) => {
	const option = unwrapEnvelope(parseJsonBody(context.body), ENVELOPE);
	rejectUnknownKeys(option, CREATE_KEYS, ENVELOPE);
	for (const key of ['name', 'traffic_mirror_filter_id', 'traffic_mirror_target_id', 'traffic_mirror_target_type', 'priority']) {
		required(option, key, path(key));
	}
	const session: TrafficMirrorSession = {
		id: randomUUID(),
		project_id: context.options.projectId,
		name: '',
		description: '',
		traffic_mirror_filter_id: '',
		traffic_mirror_sources: sourceList(
			required(option, 'traffic_mirror_sources', path('traffic_mirror_sources')),
			path('traffic_mirror_sources'),
		),
		traffic_mirror_target_id: '',
		traffic_mirror_target_type: '',
		virtual_network_id: 1,
		packet_length: 96,
		priority: 0,
		enabled: context.options.sessionEnabledDefault,
		type: 'eni',
		created_at: context.timestamp,
		updated_at: context.timestamp,
	};
	applyCommonFields(context, option, session);
	checkSessionLimits(context.state, session, true);
	existingSources(context.state, session.traffic_mirror_sources);
	context.state.sessions.add(session);
	context.counters.resourceCreated('sessions');
	context.counters.sessionCreated(session.name);
	return { status: 201, body: { [ENVELOPE]: session } };
};

export const listSessions: Operation = (context) => {
	const { items, page_info } = listPage(context.state.sessions, context.query, LIST_FILTERS);
	return { status: 200, body: { traffic_mirror_sessions: items, page_info } };
};

export const showSession: Operation = (context) => ({ status: 200, body: { [ENVELOPE]: findSession(context) } });

export const updateSession: Operation = (context) => {
	const session = findSession(context);
	const option = unwrapEnvelope(parseJsonBody(context.body), ENVELOPE);
	rejectUnknownKeys(option, UPDATE_KEYS, ENVELOPE);
	// Changed on a copy that is stored only once every field passed, so that a refused update changes nothing.
	const updated = { ...session, updated_at: context.timestamp };
	applyCommonFields(context, option, updated);
	checkSessionLimits(context.state, updated, false);
	return { status: 200, body: { [ENVELOPE]: context.state.sessions.replace(updated) } };
};

export const deleteSession: Operation = (context) => {
	findSession(context);
	context.state.sessions.delete(context.id);
	return { status: 204 };
};

function requestedSources(context: OperationContext): string[] {
	const option = unwrapEnvelope(parseJsonBody(context.body), ENVELOPE);
	rejectUnknownKeys(option, ['traffic_mirror_sources'], ENVELOPE);
	return sourceList(required(option, 'traffic_mirror_sources', path('traffic_mirror_sources')), path('traffic_mirror_sources'));
}

/**
 * Adding a source the session already has is refused, symmetric with removing one it lacks: neither is
 * documented, and the strict answer shows a client that blindly retries a non-idempotent call.
 */
export const addSources: Operation = (context) => {
	const session = findSession(context);
	const sources = requestedSources(context);
	const already = sources.filter((source) => session.traffic_mirror_sources.includes(source));
	if (already.length > 0) throw invalid(`Sources already in the session: ${already.join(', ')}.`);
	checkSessionLimits(context.state, { ...session, traffic_mirror_sources: [...session.traffic_mirror_sources, ...sources] }, false);
	existingSources(context.state, sources);
	session.traffic_mirror_sources = [...session.traffic_mirror_sources, ...sources];
	session.updated_at = context.timestamp;
	return { status: 200, body: { [ENVELOPE]: session } };
};

/** Removing every source is allowed: Terraform removes all old sources before adding the new ones. */
export const removeSources: Operation = (context) => {
	const session = findSession(context);
	const sources = requestedSources(context);
	const missing = sources.filter((source) => !session.traffic_mirror_sources.includes(source));
	if (missing.length > 0) throw invalid(`Sources not in the session: ${missing.join(', ')}.`);
	session.traffic_mirror_sources = session.traffic_mirror_sources.filter((source) => !sources.includes(source));
	session.updated_at = context.timestamp;
	return { status: 200, body: { [ENVELOPE]: session } };
};
