/**
 * The error answers of the emulated service and of the API gateway in front of it (the error codes of Huawei Cloud's
 * VPC API reference and of its API Request Signing Guide).
 *
 * Huawei publishes no traffic-mirror-specific error codes: validation errors use the generic VPC.0002 (400), unknown
 * ids a plausible 404, conflicts a plausible 409. The gateway codes (APIGW.*) and statuses are documented.
 */
export const ERROR_CODES = {
	/** Bad request body or query (the generic code; the real one is not known). */
	invalidRequest: 'VPC.0002',
	/** Resource id not found (a guess: VPC.0003 is the documented "VPC does not exist" 404). */
	notFound: 'VPC.0003',
	/** Project id in the path differs from the caller's (documented as VPC.0007, 400). */
	projectMismatch: 'VPC.0007',
	/** The resource is in use (code and status are a guess). */
	conflict: 'VPC.0409',
	/** A quota would be exceeded (code and status are a guess). */
	quotaExceeded: 'VPC.0410',
	apiNotFound: 'APIGW.0101',
	/** One code for every request the gateway could not pass on: bad request, body over 12 MB, backend down or slow. */
	gatewayRequestFailed: 'APIGW.0201',
	authentication: 'APIGW.0301',
	/** The IAM user lacks the permission the API needs. */
	iamUnauthorized: 'APIGW.0302',
	throttled: 'APIGW.0308',
	gatewayInternal: 'APIGW.0601',
} as const;

/** An answer other than success; `errorBody` (http.ts) writes it in the service's or the gateway's format. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
	) {
		super(message);
	}
}

export const invalid = (message: string) => new ApiError(400, ERROR_CODES.invalidRequest, message);

export const notFound = (kind: string, id: string) =>
	new ApiError(404, ERROR_CODES.notFound, `${kind} ${id} could not be found.`);

export const authenticationFailed = (detail: string) =>
	new ApiError(401, ERROR_CODES.authentication, `Incorrect IAM authentication information: ${detail}`);

export const throttled = (limit: number) =>
	new ApiError(
		429,
		ERROR_CODES.throttled,
		`The throttling threshold has been reached: policy user over ratelimit,limit:${limit},time:1 second`,
	);

export const apiNotFound = () => new ApiError(404, ERROR_CODES.apiNotFound, 'The API does not exist or has not been published in the environment');

/**
 * What the gateway says when the backend fails or refuses (the error codes of Huawei Cloud's API Request Signing
 * Guide; the 403/500/503 wording is a guess).
 */
export function backendFailure(status: number): ApiError {
	switch (status) {
		case 502:
			return new ApiError(502, ERROR_CODES.gatewayRequestFailed, 'Backend unavailable');
		case 504:
			return new ApiError(504, ERROR_CODES.gatewayRequestFailed, 'Backend timeout');
		case 503:
			return new ApiError(503, ERROR_CODES.gatewayRequestFailed, 'Service unavailable');
		case 403:
			return new ApiError(403, ERROR_CODES.iamUnauthorized, 'The IAM user is not authorized to access the API');
		default:
			return new ApiError(status, ERROR_CODES.gatewayInternal, 'Internal server error');
	}
}
