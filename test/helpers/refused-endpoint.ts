import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A loopback endpoint whose port nothing listens on, so a connection to it is refused. */
export async function refusedEndpoint(): Promise<string> {
	const port = await new Promise<number>((resolve) => {
		const probe = createServer().listen(0, '127.0.0.1', () => {
			const { port: free } = probe.address() as AddressInfo;
			probe.close(() => resolve(free));
		});
	});
	return `http://127.0.0.1:${port}`;
}
