/** What a Huawei Cloud error answer says, each part present only where the body gives it as a non-empty string. */
export interface HuaweiError {
	code?: string;
	text?: string;
	requestId?: string;
}

/**
 * Reads Huawei's error body, once parsed: `error_code`, `error_msg` and `request_id` (the VPC v3 API and the API
 * gateway in front of it), the older APIs' `code` and `message`, or a code and message nested under `error` (read by
 * the official SDK too: exception/ExceptionUtil.js of @huaweicloud/huaweicloud-sdk-core). Anything else says nothing.
 */
export function huaweiErrorOf(body: unknown): HuaweiError {
	if (!isRecord(body)) return {};
	const nested = isRecord(body.error) ? body.error : {};
	return {
		code: firstText(body.error_code, body.code, nested.code),
		text: firstText(body.error_msg, body.message, nested.message),
		requestId: firstText(body.request_id),
	};
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstText(...values: unknown[]): string | undefined {
	return values.find((value): value is string => typeof value === 'string' && value !== '');
}
