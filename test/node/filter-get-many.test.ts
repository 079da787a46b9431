/** Traffic Mirror Filter Get Many: Return All and Limit across pages, and the list filters of spec §3.2. */
import type { INodeParameters } from 'n8n-workflow';

import { createInBatches, startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { shutDownEngine } from '../helpers/engine';

// One more than the largest page (2000), so that Return All needs two pages.
const MANY = 2001;

let fixture: ApiFixture;
let specialAId: string;
beforeAll(async () => {
	fixture = await startApiFixture();
	await createInBatches(MANY, async (index) => await fixture.createFilter({ name: `bulk-${String(index).padStart(5, '0')}` }));
	specialAId = (await fixture.createFilter({ name: 'special-a', description: 'the one' })).id;
	await fixture.createFilter({ name: 'special-b', description: 'another' });
}, 60_000);
afterAll(async () => {
	await fixture.close();
	shutDownEngine();
});

const getMany = (parameters: INodeParameters) =>
	fixture.run({ resource: 'trafficMirrorFilter', operation: 'getAll', ...parameters });

const names = (result: Awaited<ReturnType<typeof getMany>>) => result.items.map((item) => item.json.name);

test('Return All follows next_marker across pages: one output item per filter', async () => {
	const before = fixture.requestsOf('ListTrafficMirrorFilters');
	const result = await getMany({ returnAll: true });
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(MANY + 2);
	expect(new Set(result.items.map((item) => item.json.id)).size).toBe(MANY + 2);
	expect(result.items.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
	expect(fixture.requestsOf('ListTrafficMirrorFilters') - before).toBe(2);
});

test('Limit stops at that many filters with a single request when they fit in a page', async () => {
	const before = fixture.requestsOf('ListTrafficMirrorFilters');
	const result = await getMany({ returnAll: false, limit: 5 });
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(5);
	expect(fixture.requestsOf('ListTrafficMirrorFilters') - before).toBe(1);
});

test('a Limit above one page reads a second page and stops exactly at the limit', async () => {
	const before = fixture.requestsOf('ListTrafficMirrorFilters');
	const result = await getMany({ returnAll: false, limit: 2002 });
	expect(result.items).toHaveLength(2002);
	expect(fixture.requestsOf('ListTrafficMirrorFilters') - before).toBe(2);
});

test('Limit defaults to 50', async () => {
	const result = await getMany({});
	expect(result.items).toHaveLength(50);
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

test('a filter that matches nothing gives no items and no error', async () => {
	const result = await getMany({ returnAll: true, filters: { name: 'nobody' } });
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(0);
});

test.each([
	['an invalid name', { filters: { name: 'bad name!' } }, /^Invalid Name \(name\)/],
	['an invalid ID', { filters: { trafficMirrorFilterId: 'abc' } }, /^Invalid Traffic Mirror Filter \(id\)/],
	['a Limit of 0', { returnAll: false, limit: 0 }, /^Invalid Limit/],
])('%s is refused before anything is sent', async (_, parameters, message) => {
	const before = fixture.totalRequests();
	const result = await getMany(parameters as INodeParameters);
	expect(result.error?.message).toMatch(message);
	expect(fixture.totalRequests()).toBe(before);
});
