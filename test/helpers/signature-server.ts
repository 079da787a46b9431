/**
 * A local HTTP server that checks every request's SDK-HMAC-SHA256 signature against the test credentials, records
 * what arrived, and answers from a list of canned responses (or 201 echoing a created session). The signature is
 * recomputed from the bytes received by the official SDK's signer (emulator/signature.ts), not by the node's.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { parseAuthorization, recomputeSignature } from '../../emulator/signature';
import { CUSTOM_ENDPOINT } from '../../credentials/common/huaweiCloud/endpoint';
import { AK, PROJECT_ID, SK } from '../signer/vectors';

export const TEST_CREDENTIALS = { accessKeyId: AK, secretAccessKey: SK, projectId: PROJECT_ID };

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string[]>;
	headers: IncomingMessage['headers'];
	body: string;
	json: unknown;
	signatureValid: boolean;
}

export interface CannedResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export interface SignatureServer {
	url: string;
	/** The node's credentials for this server: the test keys, then `extra`. */
	credentials(extra?: Record<string, string>): Record<string, string>;
	requests: RecordedRequest[];
	/** Responses for the next requests, in order; once used up, creates are answered 201. */
	respondWith(...responses: CannedResponse[]): void;
	close(): Promise<void>;
}

export async function startSignatureServer(secretAccessKey = TEST_CREDENTIALS.secretAccessKey): Promise<SignatureServer> {
	const requests: RecordedRequest[] = [];
	const queue: CannedResponse[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			const body = raw.toString('utf8');
			const url = new URL(req.url ?? '/', 'http://placeholder');
			const query: Record<string, string[]> = {};
			url.searchParams.forEach((value, key) => (query[key] ??= []).push(value));
			let json: unknown;
			try {
				json = body ? JSON.parse(body) : undefined;
			} catch {
				json = undefined;
			}
			const signatureValid = verify(req, raw, secretAccessKey);
			requests.push({ method: req.method ?? '', path: url.pathname, query, headers: req.headers, body, json, signatureValid });
			const response: CannedResponse = !signatureValid
				? { status: 401, body: { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information', request_id: 'rejected' } }
				: (queue.shift() ?? echoCreate(json));
			res.writeHead(response.status, { 'Content-Type': 'application/json', ...response.headers });
			res.end(response.body === undefined ? '' : typeof response.body === 'string' ? response.body : JSON.stringify(response.body));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const url = `http://127.0.0.1:${port}`;
	return {
		url,
		credentials: (extra = {}) => ({ ...TEST_CREDENTIALS, region: CUSTOM_ENDPOINT, endpoint: url, ...extra }),
		requests,
		respondWith: (...responses) => queue.push(...responses),
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

function verify(req: IncomingMessage, body: Buffer, secretAccessKey: string): boolean {
	const authorization = parseAuthorization(req.headers.authorization);
	if (!authorization || authorization.accessKeyId !== TEST_CREDENTIALS.accessKeyId) return false;
	const rawUrl = req.url ?? '/';
	const queryStart = rawUrl.indexOf('?');
	const expected = recomputeSignature(
		{
			method: req.method ?? '',
			rawPath: queryStart < 0 ? rawUrl : rawUrl.slice(0, queryStart),
			rawQuery: queryStart < 0 ? '' : rawUrl.slice(queryStart + 1),
			headers: req.headers,
			body,
		},
		authorization.signedHeaders,
		{ accessKeyId: TEST_CREDENTIALS.accessKeyId, secretAccessKey },
	);
	return expected?.signature === authorization.signature;
}

let created = 0;
function echoCreate(json: unknown): CannedResponse {
	const session = (json as { traffic_mirror_session?: Record<string, unknown> } | undefined)?.traffic_mirror_session;
	if (!session) return { status: 200, body: { request_id: 'no-canned-response' } };
	created++;
	return {
		status: 201,
		body: {
			traffic_mirror_session: {
				id: `00000000-0000-4000-8000-${String(created).padStart(12, '0')}`,
				project_id: TEST_CREDENTIALS.projectId,
				description: '',
				virtual_network_id: 1,
				packet_length: 96,
				type: 'eni',
				created_at: '2024-01-02T03:04:05Z',
				updated_at: '2024-01-02T03:04:05Z',
				...session,
			},
			request_id: `request-${created}`,
		},
	};
}
