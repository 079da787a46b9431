import type { IHttpRequestMethods } from 'n8n-workflow';

/**
 * Every API call the node makes, with the IAM action it needs: the one table a 403's advice, the credential test and
 * the list of IAM actions in docs/reference.md are read from. The actions are those that each operation's page of
 * Huawei Cloud's VPC API reference names under "Authorization Information" (e.g.
 * https://support.huaweicloud.com/intl/en-us/api-vpc/CreateTrafficMirrorSession.html). For the filter and rule
 * operations other than create they follow the sessions' pattern, confirmed neither by a page of the reference nor
 * against the live API. The ports list is the VPC v1 API's, the load balancer list the ELB v3 API's.
 */
const API_OPERATIONS = [
	['CreateTrafficMirrorSession', 'POST', 'v3', '/vpc/traffic-mirror-sessions', 'vpc:trafficMirrorSessions:create'],
	['ListTrafficMirrorSessions', 'GET', 'v3', '/vpc/traffic-mirror-sessions', 'vpc:trafficMirrorSessions:list'],
	['ShowTrafficMirrorSession', 'GET', 'v3', '/vpc/traffic-mirror-sessions/{id}', 'vpc:trafficMirrorSessions:get'],
	['UpdateTrafficMirrorSession', 'PUT', 'v3', '/vpc/traffic-mirror-sessions/{id}', 'vpc:trafficMirrorSessions:update'],
	['DeleteTrafficMirrorSession', 'DELETE', 'v3', '/vpc/traffic-mirror-sessions/{id}', 'vpc:trafficMirrorSessions:delete'],
	['AddSourcesToTrafficMirrorSession', 'PUT', 'v3', '/vpc/traffic-mirror-sessions/{id}/add-sources', 'vpc:trafficMirrorSessions:addSource'],
	['RemoveSourcesFromTrafficMirrorSession', 'PUT', 'v3', '/vpc/traffic-mirror-sessions/{id}/remove-sources', 'vpc:trafficMirrorSessions:removeSource'],
	['CreateTrafficMirrorFilter', 'POST', 'v3', '/vpc/traffic-mirror-filters', 'vpc:trafficMirrorFilters:create'],
	['ListTrafficMirrorFilters', 'GET', 'v3', '/vpc/traffic-mirror-filters', 'vpc:trafficMirrorFilters:list'],
	['ShowTrafficMirrorFilter', 'GET', 'v3', '/vpc/traffic-mirror-filters/{id}', 'vpc:trafficMirrorFilters:get'],
	['UpdateTrafficMirrorFilter', 'PUT', 'v3', '/vpc/traffic-mirror-filters/{id}', 'vpc:trafficMirrorFilters:update'],
	['DeleteTrafficMirrorFilter', 'DELETE', 'v3', '/vpc/traffic-mirror-filters/{id}', 'vpc:trafficMirrorFilters:delete'],
	['CreateTrafficMirrorFilterRule', 'POST', 'v3', '/vpc/traffic-mirror-filter-rules', 'vpc:trafficMirrorFilterRules:create'],
	['ListTrafficMirrorFilterRules', 'GET', 'v3', '/vpc/traffic-mirror-filter-rules', 'vpc:trafficMirrorFilterRules:list'],
	['ShowTrafficMirrorFilterRule', 'GET', 'v3', '/vpc/traffic-mirror-filter-rules/{id}', 'vpc:trafficMirrorFilterRules:get'],
	['UpdateTrafficMirrorFilterRule', 'PUT', 'v3', '/vpc/traffic-mirror-filter-rules/{id}', 'vpc:trafficMirrorFilterRules:update'],
	['DeleteTrafficMirrorFilterRule', 'DELETE', 'v3', '/vpc/traffic-mirror-filter-rules/{id}', 'vpc:trafficMirrorFilterRules:delete'],
	['ShowQuota', 'GET', 'v3', '/vpc/quotas', 'vpc:quotas:list'],
	['ListPorts', 'GET', 'v1', '/ports', 'vpc:ports:get'],
	// The ELB API's, for the mirror target picker's load balancers.
	['ListLoadBalancers', 'GET', 'v3', '/elb/loadbalancers', 'elb:loadbalancers:list'],
] as const;

export type ApiOperation = (typeof API_OPERATIONS)[number][0];

/** The IAM action each API operation needs, e.g. `IAM_ACTIONS.ListTrafficMirrorSessions`. */
export const IAM_ACTIONS = Object.fromEntries(API_OPERATIONS.map(([name, , , , action]) => [name, action])) as Record<
	ApiOperation,
	string
>;

/**
 * The API operation a request is, from its method, API version and path after `/{version}/{project_id}`
 * (an ID in the path is any one segment); undefined for a request the table does not hold.
 */
export function apiOperationOf(method: IHttpRequestMethods, version: 'v1' | 'v3', path: string): ApiOperation | undefined {
	const segments = path.split('?')[0].split('/');
	const found = API_OPERATIONS.find(([, tableMethod, tableVersion, template]) => {
		const expected = template.split('/');
		return (
			tableMethod === method &&
			tableVersion === version &&
			expected.length === segments.length &&
			expected.every((segment, index) => segment === '{id}' || segment === segments[index])
		);
	});
	return found?.[0];
}

/** The sentence a 403 adds: which permission the refused call needs. */
export function iamAdvice(operation: ApiOperation): string {
	return `This call (${operation}) needs the IAM action ${IAM_ACTIONS[operation]}: grant it to the IAM user or agency of this credential's AK/SK, for this project.`;
}
