/**
 * A pass-through in front of the emulator for one n8n process: it forwards every request unchanged (the Host header
 * included, so signatures still verify) and every answer back, except one. `holdNextSuccess` keeps the first
 * successful answer to a matching request from the process and tells the test, which then kills the process: the
 * API has done the work, and the process dies without hearing of it. Deterministic, unlike killing while the request
 * is still on its way, which the emulator's faults may refuse (a 429, a 503 before processing, a dropped connection).
 */
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

type Matcher = (method: string, path: string) => boolean;

export interface Tap {
	url: string;
	/**
	 * Resolves when the API has answered a matching request with a 2xx. That answer is never passed on: the connection
	 * stays open, unanswered, until the process that sent it is gone or the tap closes.
	 */
	holdNextSuccess(matches: Matcher): Promise<void>;
	close(): Promise<void>;
}

export async function startTap(target: string): Promise<Tap> {
	const upstream = new URL(target);
	let held: { matches: Matcher; resolve: () => void } | undefined;
	const sockets = new Set<Socket>();
	const server = createServer((incoming: IncomingMessage, outgoing) => {
		const method = incoming.method ?? '';
		const path = incoming.url ?? '';
		const forwarded = httpRequest(
			{ host: upstream.hostname, port: upstream.port, method, path, headers: incoming.headers },
			(answer) => {
				const status = answer.statusCode ?? 502;
				if (held && status >= 200 && status < 300 && held.matches(method, path)) {
					const { resolve } = held;
					held = undefined;
					answer.resume();
					resolve();
					return;
				}
				outgoing.on('error', () => answer.resume());
				outgoing.writeHead(status, answer.headers);
				answer.pipe(outgoing);
			},
		);
		forwarded.on('error', () => outgoing.socket?.destroy());
		incoming.pipe(forwarded);
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		holdNextSuccess: (matches) => new Promise<void>((resolve) => (held = { matches, resolve })),
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				for (const socket of sockets) socket.destroy();
			}),
	};
}
