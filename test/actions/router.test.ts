/**
 * actions/router.ts: the operation is picked from what the node declares; any other is refused before a request.
 * (An unknown resource never gets this far: n8n finds no Operation parameter for it.)
 */
import { runNode, shutDownEngine } from '../helpers/engine';
import { startSignatureServer } from '../helpers/signature-server';

afterAll(() => shutDownEngine());

test.each([
	['trafficMirrorSession', 'frobnicate'],
	['trafficMirrorFilterRule', 'addSources'],
])('%s:%s, which the node does not declare, fails naming both and sends nothing', async (resource, operation) => {
	const server = await startSignatureServer();
	try {
		const result = await runNode({ parameters: { resource, operation }, credentials: server.credentials() });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(`The operation "${operation}" of "${resource}" is not supported`);
		expect(server.requests).toHaveLength(0);
	} finally {
		await server.close();
	}
});
