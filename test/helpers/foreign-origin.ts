/**
 * A second local server, on another origin than the endpoint: it records everything sent to it (headers included,
 * so a forwarded Authorization or X-Security-Token shows) and answers 200, as a server that is not Huawei's might.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ForeignRequest {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

export interface ForeignOrigin {
	/** `http://127.0.0.1:<port>`: the origin to redirect to. */
	origin: string;
	requests: ForeignRequest[];
	close(): Promise<void>;
}

export async function startForeignOrigin(): Promise<ForeignOrigin> {
	const requests: ForeignRequest[] = [];
	const server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			requests.push({
				method: request.method ?? '',
				url: request.url ?? '',
				headers: request.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			});
			response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"request_id":"foreign-origin"}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		requests,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
