import type { NodeParameterValueType } from 'n8n-workflow';

import { startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { runNode, shutDownEngine } from '../helpers/engine';
import { MISSING_ID } from '../helpers/ids';
import { byId } from '../helpers/parameters';

let fixture: ApiFixture;
let filterId: string;
beforeAll(async () => {
	fixture = await startApiFixture();
	filterId = (await fixture.createFilter()).id;
});
afterAll(async () => {
	await fixture.close();
	shutDownEngine();
});

const get = (trafficMirrorSessionId: NodeParameterValueType) =>
	runNode({
		parameters: { resource: 'trafficMirrorSession', operation: 'get', trafficMirrorSessionId },
		credentials: fixture.credentials(),
	});

test('gets a session chosen by ID: the output is the session as the service holds it', async () => {
	const session = await fixture.createSession(filterId, { name: 'get-me', priority: 42 });
	const result = await get(byId(session.id));
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(1);
	expect(result.items[0].json).toEqual(session);
	expect(result.items[0].pairedItem).toEqual({ item: 0 });
});

test('gets a session chosen from the list (list mode stores the ID)', async () => {
	const session = await fixture.createSession(filterId, { name: 'from-list' });
	const result = await get({ __rl: true, mode: 'list', value: session.id, cachedResultName: 'from-list' });
	expect(result.error).toBeUndefined();
	expect(result.items[0].json).toMatchObject({ id: session.id, name: 'from-list' });
});

test('a session that does not exist fails with the service error', async () => {
	const result = await get(byId(MISSING_ID));
	expect(result.error?.message).toMatch(/Huawei Cloud API error 404: VPC\.0003/);
});
