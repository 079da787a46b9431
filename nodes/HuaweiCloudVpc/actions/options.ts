import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_MAX_RETRIES, MAX_RETRIES_LIMIT } from '../transport/retry';
import { DEFAULT_TIMEOUT_MS, RequestRateLimiter, type RequestPolicy } from '../transport/policy';

const REQUEST_OPTIONS = 'requestOptions';
// The API gateway's own ceiling per API, 200 requests a second by default (APIGW.0308 in the error codes of Huawei
// Cloud's API Request Signing Guide): a cap above it could only ever earn 429s.
const MAX_REQUESTS_PER_SECOND = 200;

/** The key under which an output item carries its request ID, apart from the resource's own fields. */
export const REQUEST_ID_KEY = '_requestId';
const INCLUDE_REQUEST_ID = 'includeRequestId';

/** The whole-number options; their bounds in `typeOptions` drive the UI and the check alike. */
const limits: INodeProperties[] = [
	{
		displayName: 'Max Concurrent Requests',
		name: 'maxConcurrentRequests',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 1, maxValue: 32 },
		description:
			'How many input items are worked on at once. Output order and item pairing stay as with one at a time. Raise it for runs over many items; each item may send several requests.',
	},
	{
		displayName: 'Max Requests Per Second',
		name: 'maxRequestsPerSecond',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0, maxValue: MAX_REQUESTS_PER_SECOND },
		description:
			'At most this many requests start in any second, retries included; 0 means no cap. Huawei Cloud throttles an API at 200 per second or lower, and throttled requests are retried.',
	},
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		default: DEFAULT_MAX_RETRIES,
		typeOptions: { minValue: 0, maxValue: MAX_RETRIES_LIMIT },
		description:
			'How many times a throttled (429), unavailable (502, 503, 504) or unanswered request is sent again, after growing random pauses. A create is sent again only once it is certain that it made nothing.',
	},
	{
		displayName: 'Timeout',
		name: 'timeout',
		type: 'number',
		default: DEFAULT_TIMEOUT_MS,
		typeOptions: { minValue: 1, maxValue: 600_000 },
		description: 'How long to wait for each answer, in milliseconds, before the request counts as failed',
	},
];

const includeRequestId: INodeProperties = {
	displayName: 'Include Request ID',
	name: INCLUDE_REQUEST_ID,
	type: 'boolean',
	default: false,
	description: `Whether to add Huawei Cloud's ID of the request that returned each item, under the key ${REQUEST_ID_KEY} beside the resource's fields; Huawei support asks for it. Errors always show it.`,
};

/** The node-level "Request Options" collection, shown for every operation. */
export const requestOptionsDescription: INodeProperties = {
	displayName: 'Request Options',
	name: REQUEST_OPTIONS,
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [includeRequestId, ...limits],
};

export interface RequestOptions extends RequestPolicy {
	maxConcurrentRequests: number;
	includeRequestId: boolean;
}

/** The Request Options of this execution, read once (from the first item) and checked against their bounds. */
export function readRequestOptions(context: IExecuteFunctions): RequestOptions {
	const values = context.getNodeParameter(REQUEST_OPTIONS, 0, {}) as IDataObject;
	const read = (name: string): number => {
		const option = limits.find((candidate) => candidate.name === name) as INodeProperties;
		const min = option.typeOptions?.minValue as number;
		const max = option.typeOptions?.maxValue as number;
		const value = values[name] ?? option.default;
		if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
		throw new NodeOperationError(
			context.getNode(),
			`Invalid ${option.displayName}: must be a whole number from ${min} to ${max}; got ${JSON.stringify(value)}`,
			{ itemIndex: 0, description: 'Set it under Request Options; nothing was sent.' },
		);
	};
	const perSecond = read('maxRequestsPerSecond');
	const include = values[INCLUDE_REQUEST_ID] ?? false;
	if (typeof include !== 'boolean') {
		throw new NodeOperationError(
			context.getNode(),
			`Invalid ${includeRequestId.displayName}: must be true or false; got ${JSON.stringify(include)}`,
			{ itemIndex: 0, description: 'Set it under Request Options; nothing was sent.' },
		);
	}
	return {
		includeRequestId: include,
		maxConcurrentRequests: read('maxConcurrentRequests'),
		timeoutMs: read('timeout'),
		maxRetries: read('maxRetries'),
		rateLimiter: perSecond > 0 ? new RequestRateLimiter(perSecond) : undefined,
	};
}
