import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { filterIdField } from '../../fields/filter.fields';
import type { ApiResponse } from '../../transport/request';
import { readResourceTarget, type ResourceTarget } from '../resourceLocator';

export const RESOURCE = 'trafficMirrorFilter';
export const FILTERS_PATH = '/vpc/traffic-mirror-filters';
export const FILTER_KEY = 'traffic_mirror_filter';
export const FILTERS_KEY = 'traffic_mirror_filters';

/** The filter from its one-key envelope, with the request ID kept beside its fields. */
export function unwrapFilter(response: ApiResponse): IDataObject {
	return { ...(response[FILTER_KEY] as IDataObject), request_id: response.request_id };
}

/** The filter chosen in the operation's "Traffic Mirror Filter" locator. */
export function readFilterTarget(context: IExecuteFunctions, itemIndex: number): ResourceTarget {
	return readResourceTarget(context, itemIndex, filterIdField, FILTERS_PATH);
}
