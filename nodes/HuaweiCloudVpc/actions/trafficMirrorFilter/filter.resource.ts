import type { IExecuteFunctions } from 'n8n-workflow';

import { filterIdField } from '../../fields/filter.fields';
import { unwrapResource, type ApiItem, type ApiResponse } from '../../transport/request';
import { readResourceTarget, type ResourceTarget } from '../resourceLocator';

export const RESOURCE = 'trafficMirrorFilter';
export const FILTERS_PATH = '/vpc/traffic-mirror-filters';
export const FILTER_KEY = 'traffic_mirror_filter';
export const FILTERS_KEY = 'traffic_mirror_filters';

/** The filter from its one-key envelope. */
export function unwrapFilter(response: ApiResponse): ApiItem {
	return unwrapResource(response, FILTER_KEY);
}

/** The filter chosen in the operation's "Traffic Mirror Filter" locator. */
export function readFilterTarget(context: IExecuteFunctions, itemIndex: number): ResourceTarget {
	return readResourceTarget(context, itemIndex, filterIdField, FILTERS_PATH);
}
