import { DESCRIPTION_RULE, NAME_RULE } from './common.fields';
import type { FieldDefinition, FieldSet } from './definition';

/** The filter an operation acts on: the `{traffic_mirror_filter_id}` of the path, and the `id` list filter. */
export const filterIdField: FieldDefinition = {
	parameter: 'trafficMirrorFilterId',
	apiName: 'id',
	displayName: 'Traffic Mirror Filter',
	description: 'The traffic mirror filter, picked from the list or given by its ID',
	constraint: { kind: 'id' },
	listSearchMethod: 'searchTrafficMirrorFilters',
};

/**
 * CreateTrafficMirrorFilterOption and UpdateTrafficMirrorFilterOption (models of @huaweicloud/huaweicloud-sdk-vpc,
 * v3/model/), with the rules of https://support.huaweicloud.com/intl/en-us/api-vpc/CreateTrafficMirrorFilter.html.
 */
export const filterFields = {
	name: {
		parameter: 'name',
		apiName: 'name',
		displayName: 'Name',
		description: 'Name of the traffic mirror filter',
		constraint: NAME_RULE,
		placeholder: 'e.g. web-http-filter',
	},
	description: {
		parameter: 'description',
		apiName: 'description',
		displayName: 'Description',
		description: 'Description of the traffic mirror filter',
		constraint: DESCRIPTION_RULE,
	},
} satisfies FieldSet;
