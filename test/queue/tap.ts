/**
 * A pass-through in front of the emulator for one n8n process: it forwards every request unchanged (the Host header
 * included, so signatures still verify) and tells when a request of that process has reached the API. A test kills
 * the process at that moment and knows the request goes on being processed: the forwarded request is never aborted
 * when the process that sent it is gone.
 */
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Tap {
	url: string;
	/** Resolves with the first request for which `matches` is true, once it has been forwarded to the API. */
	nextForwarded(matches: (method: string, path: string) => boolean): Promise<void>;
	close(): Promise<void>;
}

export async function startTap(target: string): Promise<Tap> {
	const upstream = new URL(target);
	const waiting: Array<{ matches: (method: string, path: string) => boolean; resolve: () => void }> = [];
	const sockets = new Set<Socket>();
	const server = createServer((incoming: IncomingMessage, outgoing) => {
		const forwarded = httpRequest(
			{ host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
			(answer) => {
				outgoing.on('error', () => answer.resume());
				outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(outgoing);
			},
		);
		forwarded.on('error', () => outgoing.socket?.destroy());
		incoming.pipe(forwarded);
		incoming.on('end', () => {
			const method = incoming.method ?? '';
			const path = incoming.url ?? '';
			for (const waiter of waiting.filter((each) => each.matches(method, path))) {
				waiting.splice(waiting.indexOf(waiter), 1);
				waiter.resolve();
			}
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		nextForwarded: (matches) => new Promise<void>((resolve) => waiting.push({ matches, resolve })),
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				for (const socket of sockets) socket.destroy();
			}),
	};
}
