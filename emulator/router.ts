/**
 * Method and path → operation. The gateway matches the whole API (method and exact path), so anything else,
 * a trailing slash included, is "API not found".
 */
import { Operation } from './operation';
import { createFilter, deleteFilter, listFilters, showFilter, updateFilter } from './resources/filters';
import { listLoadBalancers } from './resources/loadbalancers';
import { listPorts } from './resources/ports';
import { showQuotas } from './resources/quotas';
import { createRule, deleteRule, listRules, showRule, updateRule } from './resources/rules';
import {
	addSources,
	createSession,
	deleteSession,
	listSessions,
	removeSources,
	showSession,
	updateSession,
} from './resources/sessions';

export interface Route {
	/** The SDK's operation name, used in counters. */
	name: string;
	method: string;
	/** `{id}` marks the resource id; `{project_id}` is the first segment after the version. */
	pattern: string;
	operation: Operation;
	/** VPC v1 answers service errors as `{code, message}`, v3 as `{error_code, error_msg, request_id}`. */
	apiVersion: 'v1' | 'v3';
}

const SESSIONS = '/v3/{project_id}/vpc/traffic-mirror-sessions';
const FILTERS = '/v3/{project_id}/vpc/traffic-mirror-filters';
const RULES = '/v3/{project_id}/vpc/traffic-mirror-filter-rules';

const v3 = (name: string, method: string, pattern: string, operation: Operation): Route => ({
	name,
	method,
	pattern,
	operation,
	apiVersion: 'v3',
});

export const ROUTES: readonly Route[] = [
	v3('CreateTrafficMirrorSession', 'POST', SESSIONS, createSession),
	v3('ListTrafficMirrorSessions', 'GET', SESSIONS, listSessions),
	v3('ShowTrafficMirrorSession', 'GET', `${SESSIONS}/{id}`, showSession),
	v3('UpdateTrafficMirrorSession', 'PUT', `${SESSIONS}/{id}`, updateSession),
	v3('DeleteTrafficMirrorSession', 'DELETE', `${SESSIONS}/{id}`, deleteSession),
	v3('AddSourcesToTrafficMirrorSession', 'PUT', `${SESSIONS}/{id}/add-sources`, addSources),
	v3('RemoveSourcesFromTrafficMirrorSession', 'PUT', `${SESSIONS}/{id}/remove-sources`, removeSources),
	v3('CreateTrafficMirrorFilter', 'POST', FILTERS, createFilter),
	v3('ListTrafficMirrorFilters', 'GET', FILTERS, listFilters),
	v3('ShowTrafficMirrorFilter', 'GET', `${FILTERS}/{id}`, showFilter),
	v3('UpdateTrafficMirrorFilter', 'PUT', `${FILTERS}/{id}`, updateFilter),
	v3('DeleteTrafficMirrorFilter', 'DELETE', `${FILTERS}/{id}`, deleteFilter),
	v3('CreateTrafficMirrorFilterRule', 'POST', RULES, createRule),
	v3('ListTrafficMirrorFilterRules', 'GET', RULES, listRules),
	v3('ShowTrafficMirrorFilterRule', 'GET', `${RULES}/{id}`, showRule),
	v3('UpdateTrafficMirrorFilterRule', 'PUT', `${RULES}/{id}`, updateRule),
	v3('DeleteTrafficMirrorFilterRule', 'DELETE', `${RULES}/{id}`, deleteRule),
	v3('ShowQuota', 'GET', '/v3/{project_id}/vpc/quotas', showQuotas),
	{ name: 'ListPorts', method: 'GET', pattern: '/v1/{project_id}/ports', operation: listPorts, apiVersion: 'v1' },
	// The ELB API, served beside the VPC API so that one emulator stands for both endpoints.
	v3('ListLoadBalancers', 'GET', '/v3/{project_id}/elb/loadbalancers', listLoadBalancers),
];

export interface RouteMatch {
	route: Route;
	projectId: string;
	id: string;
}

function decode(segment: string): string | undefined {
	try {
		return decodeURIComponent(segment);
	} catch {
		return undefined;
	}
}

/** The patterns split once at start-up, not on every request. */
const SPLIT_ROUTES = ROUTES.map((route) => ({ route, parts: route.pattern.split('/') }));

/** The route for a method and a raw path (without query), or undefined. */
export function matchRoute(method: string, rawPath: string): RouteMatch | undefined {
	// Decoded once for all routes; a segment that does not decode matches no route.
	const segments = rawPath.split('/').map(decode);
	for (const { route, parts } of SPLIT_ROUTES) {
		if (route.method !== method || parts.length !== segments.length) continue;
		let projectId = '';
		let id = '';
		const matched = parts.every((part, index) => {
			const segment = segments[index];
			if (segment === undefined || (part.startsWith('{') && segment === '')) return false;
			if (part === '{project_id}') projectId = segment;
			else if (part === '{id}') id = segment;
			else return part === segment;
			return true;
		});
		if (matched) return { route, projectId, id };
	}
	return undefined;
}
