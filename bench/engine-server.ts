/**
 * The one local server both contenders of the in-n8n benchmark call: the same canned answers for everyone (a created
 * session for a POST, a fixed page of sessions for a GET), no work that depends on who asks. Requests are only
 * recorded while timed; their signatures are checked afterwards, so checking costs neither contender any time.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

import { EMULATOR_DEFAULTS } from '../emulator/defaults';

export const PAGE_SIZE = 10;

export interface RecordedRequest {
	method: string;
	rawPath: string;
	rawQuery: string;
	headers: IncomingHttpHeaders;
	body: Buffer;
	receivedAt: number;
	/** Which TCP connection it came on, numbered from 1. */
	connection: number;
}

export interface EngineServer {
	url: string;
	/** The requests received since the last call. */
	take(): RecordedRequest[];
	close(): Promise<void>;
}

function session(name: string) {
	return {
		id: randomUUID(),
		project_id: EMULATOR_DEFAULTS.projectId,
		name,
		description: '',
		traffic_mirror_filter_id: '6b1f0a3e-6c2f-4a8e-9a51-2f3c4d5e6f70',
		traffic_mirror_sources: ['5e3a1b2c-0d4e-4f6a-8b7c-9d0e1f2a3b4c'],
		traffic_mirror_target_id: '7c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
		traffic_mirror_target_type: 'eni',
		virtual_network_id: 1,
		packet_length: 96,
		priority: 11,
		enabled: true,
		type: 'eni',
		created_at: '2024-01-02T03:04:05Z',
		updated_at: '2024-01-02T03:04:05Z',
	};
}

const PAGE = JSON.stringify({
	traffic_mirror_sessions: Array.from({ length: PAGE_SIZE }, (_, index) => session(`listed-${index}`)),
	page_info: { previous_marker: null, current_count: PAGE_SIZE },
	request_id: 'bench-page',
});

export async function startEngineServer(): Promise<EngineServer> {
	let requests: RecordedRequest[] = [];
	const connectionOf = new WeakMap<object, number>();
	let connections = 0;
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			const [rawPath, rawQuery = ''] = (req.url ?? '/').split(/\?(.*)/s);
			requests.push({
				method: req.method ?? '',
				rawPath,
				rawQuery,
				headers: req.headers,
				body,
				receivedAt: Date.now(),
				connection: connectionOf.get(req.socket) ?? 0,
			});
			if (req.method === 'POST') {
				const name = (JSON.parse(body.toString('utf8')) as { traffic_mirror_session: { name: string } }).traffic_mirror_session.name;
				res.writeHead(201, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ traffic_mirror_session: session(name), request_id: 'bench-create' }));
				return;
			}
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(PAGE);
		});
	});
	server.on('connection', (socket) => connectionOf.set(socket, ++connections));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		take: () => {
			const taken = requests;
			requests = [];
			return taken;
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
