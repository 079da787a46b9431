/** Reading requests and writing answers in the service's and the gateway's formats. */
import { IncomingMessage, ServerResponse } from 'node:http';

import { ApiError, authenticationFailed, ERROR_CODES } from './errors';
import { SecretSpelling } from './options';

/** The gateway refuses bodies over 12 MB (APIGW.0201, 413, in the error codes of the API Request Signing Guide). */
const MAX_BODY_BYTES = 12 * 1024 * 1024;

export function readBody(request: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		request.on('end', () =>
			size > MAX_BODY_BYTES
				? reject(new ApiError(413, ERROR_CODES.gatewayRequestFailed, 'Request entity too large'))
				: resolve(Buffer.concat(chunks)),
		);
		request.on('error', reject);
	});
}

export function sendJson(
	response: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	sendText(response, status, 'application/json', JSON.stringify(body), headers);
}

export function sendText(
	response: ServerResponse,
	status: number,
	contentType: string,
	text: string,
	headers: Record<string, string> = {},
): void {
	response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), ...headers });
	response.end(text);
}

/**
 * The body of an error answer: gateway errors and VPC v3 as `{error_msg, error_code, request_id}`, VPC v1 service
 * errors in the legacy `{code, message}` form, as Huawei Cloud's VPC API reference shows them.
 */
export function errorBody(error: ApiError, requestId: string, apiVersion: 'v1' | 'v3'): Record<string, string> {
	if (apiVersion === 'v1' && !error.code.startsWith('APIGW.')) return { code: error.code, message: error.message };
	return { error_msg: error.message, error_code: error.code, request_id: requestId };
}

/** What a proxy in front of the gateway answers when it fails: not JSON at all. */
export function htmlErrorPage(status: number): string {
	return `<html>\r\n<head><title>${status} Bad Gateway</title></head>\r\n<body>\r\n<center><h1>${status} Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/**
 * A 401 APIGW.0301 body whose error_msg echoes the security token and the canonical request (newlines as `|`, as
 * the real gateway echoes it), spelt `spelling` on the wire. The JSON-escaped one is written out by hand, every `/`
 * as `\/`, since JSON.stringify never escapes it.
 */
export function echoedSecretBody(spelling: SecretSpelling, token: string, canonicalRequest: string, requestId: string): string {
	const spell = spelling === 'url' ? encodeURIComponent : (text: string) => text;
	const error = authenticationFailed(
		`verify aksk signature fail, x-security-token:${spell(token)}, canonicalRequest:${spell(canonicalRequest.replace(/\n/g, '|'))}`,
	);
	const text = JSON.stringify(errorBody(error, requestId, 'v3'));
	return spelling === 'json' ? text.replace(/\//g, '\\/') : text;
}
