/**
 * actions/router.ts: the operation is picked from what the node declares; any other is refused before a request.
 * (An unknown resource never gets this far: n8n finds no Operation parameter for it.)
 */
import { operationOf, resources } from '../../nodes/HuaweiCloudVpc/actions/resources';
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

describe('the operation map is looked up by its own keys only', () => {
	test.each([
		['trafficMirrorSession', '__proto__'],
		['trafficMirrorSession', 'constructor'],
		['trafficMirrorFilter', 'hasOwnProperty'],
		['__proto__', 'create'],
		['toString', 'create'],
	])('%s:%s is not an operation', (resource, operation) => {
		expect(operationOf(resource, operation)).toBeUndefined();
	});

	test('every operation of every resource is found, and is the one its file declares', () => {
		for (const [resource, { operations }] of Object.entries(resources)) {
			for (const [name, operation] of Object.entries(operations)) expect(operationOf(resource, name)).toBe(operation);
		}
	});
});
