/**
 * Traffic Mirror Filter Get Many: Return All and Limit, and the list filters. The marker loop itself is tested in
 * transport/paginate.test.ts, and across a real page boundary in session-getall.test.ts.
 */
import type { INodeParameters } from 'n8n-workflow';

import { startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { shutDownEngine } from '../helpers/engine';

let fixture: ApiFixture;
let specialAId: string;
beforeAll(async () => {
	fixture = await startApiFixture();
	await fixture.createFilter({ name: 'plain' });
	specialAId = (await fixture.createFilter({ name: 'special-a', description: 'the one' })).id;
	await fixture.createFilter({ name: 'special-b', description: 'another' });
});
afterAll(async () => {
	await fixture.close();
	shutDownEngine();
});

const getMany = (parameters: INodeParameters) =>
	fixture.run({ resource: 'trafficMirrorFilter', operation: 'getAll', ...parameters });

const names = (result: Awaited<ReturnType<typeof getMany>>) => result.items.map((item) => item.json.name);

test('Return All lists every filter, each paired with the input item; Limit stops at that many', async () => {
	const all = await getMany({ returnAll: true });
	expect(all.error).toBeUndefined();
	expect(names(all)).toEqual(['plain', 'special-a', 'special-b']);
	expect(all.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	expect(names(await getMany({ returnAll: false, limit: 2 }))).toEqual(['plain', 'special-a']);
});

test('the Names filter takes several names', async () => {
	const result = await getMany({ returnAll: true, filters: { name: 'special-a, special-b' } });
	expect(result.error).toBeUndefined();
	expect(names(result).sort()).toEqual(['special-a', 'special-b']);
});

test('the IDs and Description filters narrow the list', async () => {
	const byIds = await getMany({ returnAll: true, filters: { trafficMirrorFilterId: specialAId } });
	expect(byIds.items.map((item) => item.json.id)).toEqual([specialAId]);
	const byDescription = await getMany({ returnAll: true, filters: { description: 'another' } });
	expect(names(byDescription)).toEqual(['special-b']);
});

test('a Description filter left blank is no filter: every filter is listed, not only the undescribed one', async () => {
	const result = await getMany({ returnAll: true, filters: { description: ' ' } });
	expect(result.error).toBeUndefined();
	expect(names(result)).toEqual(['plain', 'special-a', 'special-b']);
});

test('a filter that matches nothing gives no items and no error', async () => {
	const result = await getMany({ returnAll: true, filters: { name: 'nobody' } });
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(0);
});

test.each([
	['an invalid name', { filters: { name: 'bad name!' } }, /^Invalid Name \(name\)/],
	['a Limit of 0', { returnAll: false, limit: 0 }, /^Invalid Limit/],
])('%s is refused before anything is sent', async (_, parameters, message) => {
	const before = fixture.totalRequests();
	const result = await getMany(parameters as INodeParameters);
	expect(result.error?.message).toMatch(message);
	expect(fixture.totalRequests()).toBe(before);
});
