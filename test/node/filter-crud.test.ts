/** Traffic Mirror Filter Create, Get, Update and Delete through n8n's engine against the emulator. */
import type { INodeParameters } from 'n8n-workflow';

import { startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { shutDownEngine } from '../helpers/engine';
import { MISSING_ID } from '../helpers/ids';
import { byId } from '../helpers/parameters';

let fixture: ApiFixture;
beforeAll(async () => {
	fixture = await startApiFixture();
});
afterAll(async () => {
	await fixture.close();
	shutDownEngine();
});

const filterOperation = (operation: string, parameters: INodeParameters = {}) =>
	fixture.run({ resource: 'trafficMirrorFilter', operation, ...parameters });

describe('Create', () => {
	test('creates a filter with a name and a description, empty of rules', async () => {
		const result = await filterOperation('create', {
			name: 'web-http',
			additionalFields: { description: 'HTTP of the web tier' },
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const filter = result.items[0].json;
		expect(filter).toMatchObject({ name: 'web-http', description: 'HTTP of the web tier', ingress_rules: [], egress_rules: [] });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		// The output is the filter as the service holds it, nothing added.
		expect(await fixture.showFilter(filter.id as string)).toEqual(filter);
	});

	test('creates one filter per input item, each paired with its item', async () => {
		const result = await fixture.run({ resource: 'trafficMirrorFilter', operation: 'create', name: '={{ $json.name }}' }, [
			{ name: 'per-item-a' },
			{ name: 'per-item-b' },
		]);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.name, item.pairedItem])).toEqual([
			['per-item-a', { item: 0 }],
			['per-item-b', { item: 1 }],
		]);
	});
});

describe('Get', () => {
	test('gets a filter by ID, with its rules split by direction', async () => {
		const filter = await fixture.createFilter({ name: 'with-rules' });
		const ingress = await fixture.createRule(filter.id, { direction: 'ingress', priority: 10 });
		const egress = await fixture.createRule(filter.id, { direction: 'egress', priority: 20 });
		const result = await filterOperation('get', { trafficMirrorFilterId: byId(filter.id) });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: filter.id, name: 'with-rules' });
		expect(result.items[0].json.ingress_rules).toEqual([ingress]);
		expect(result.items[0].json.egress_rules).toEqual([egress]);
	});

	test('gets a filter chosen from the list (list mode stores the ID)', async () => {
		const filter = await fixture.createFilter({ name: 'from-list' });
		const result = await filterOperation('get', {
			trafficMirrorFilterId: { __rl: true, mode: 'list', value: filter.id, cachedResultName: 'from-list' },
		});
		expect(result.items[0].json).toMatchObject({ id: filter.id, name: 'from-list' });
	});

	test('a filter that does not exist fails with the service error', async () => {
		const result = await filterOperation('get', { trafficMirrorFilterId: byId(MISSING_ID) });
		expect(result.error?.message).toMatch(/Huawei Cloud API error 404: VPC\.0003/);
	});
});

describe('Update', () => {
	test('changes only the field that was set', async () => {
		const filter = await fixture.createFilter({ name: 'before', description: 'kept' });
		const result = await filterOperation('update', {
			trafficMirrorFilterId: byId(filter.id),
			updateFields: { name: 'after' },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: filter.id, name: 'after', description: 'kept' });
		expect(await fixture.showFilter(filter.id)).toMatchObject({ name: 'after', description: 'kept' });
	});

	test('an empty description clears it and leaves the name alone', async () => {
		const filter = await fixture.createFilter({ name: 'clear-me', description: 'old text' });
		const result = await filterOperation('update', {
			trafficMirrorFilterId: byId(filter.id),
			updateFields: { description: '' },
		});
		expect(result.error).toBeUndefined();
		expect(await fixture.showFilter(filter.id)).toMatchObject({ name: 'clear-me', description: '' });
	});
});

describe('Delete', () => {
	test('deletes a filter together with its rules and says so', async () => {
		const filter = await fixture.createFilter();
		const rule = await fixture.createRule(filter.id);
		const result = await filterOperation('delete', { trafficMirrorFilterId: byId(filter.id) });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: { deleted: true, alreadyDeleted: false, id: filter.id, resource: 'trafficMirrorFilter' },
				pairedItem: { item: 0 },
			},
		]);
		expect(await fixture.showFilter(filter.id)).toBeUndefined();
		expect(await fixture.showRule(rule.id)).toBeUndefined();
	});

	test('a filter that is already gone fails without the option', async () => {
		const result = await filterOperation('delete', { trafficMirrorFilterId: byId(MISSING_ID) });
		expect(result.error?.message).toMatch(/Huawei Cloud API error 404: VPC\.0003/);
	});

	test('a filter that is already gone succeeds with "Succeed If Already Deleted"', async () => {
		const before = fixture.requestsOf('DeleteTrafficMirrorFilter');
		const result = await filterOperation('delete', {
			trafficMirrorFilterId: byId(MISSING_ID),
			options: { succeedIfAlreadyDeleted: true },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({
			deleted: false,
			alreadyDeleted: true,
			id: MISSING_ID,
			resource: 'trafficMirrorFilter',
		});
		// It was read first and found gone, so no delete was sent.
		expect(fixture.requestsOf('DeleteTrafficMirrorFilter')).toBe(before);
	});

	test('a filter a session uses is refused with a 409 that says what to do, even with the option', async () => {
		const filter = await fixture.createFilter({ name: 'in-use' });
		const session = await fixture.createSession(filter.id);
		const result = await filterOperation('delete', {
			trafficMirrorFilterId: byId(filter.id),
			options: { succeedIfAlreadyDeleted: true },
		});
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(
			`Huawei Cloud API error 409: VPC.0409: Traffic mirror filter ${filter.id} is used by traffic mirror session ${session.id}.`,
		);
		expect(result.error?.description).toMatch(/HTTP status: 409/);
		expect(result.error?.description).toMatch(/delete those sessions, or update them to use another filter/);
		expect((result.error as { httpCode?: string }).httpCode).toBe('409');
		expect(await fixture.showFilter(filter.id)).toBeDefined();
	});

	test('with Continue On Fail, the in-use error becomes the item and the next item is still deleted', async () => {
		const used = await fixture.createFilter({ name: 'used-again' });
		await fixture.createSession(used.id);
		const free = await fixture.createFilter({ name: 'free' });
		const result = await fixture.run(
			{ resource: 'trafficMirrorFilter', operation: 'delete', trafficMirrorFilterId: byId('={{ $json.id }}') },
			[{ id: used.id }, { id: free.id }],
			{ onError: 'continueRegularOutput' },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json).toMatchObject({ error: expect.stringMatching(/^Huawei Cloud API error 409/), httpCode: '409' });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[1].json).toMatchObject({ deleted: true, id: free.id });
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
	});
});
