/** Traffic Mirror Filter Rule Get Many: Return All and Limit across pages, and the list filters of spec §3.3. */
import type { INodeParameters } from 'n8n-workflow';

import { createInBatches, startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { shutDownEngine } from '../helpers/engine';
import { byId } from '../helpers/parameters';

// One more than the largest page (2000), so that Return All needs two pages.
const MANY = 2001;

let fixture: ApiFixture;
let bulkFilterId: string;
let smallFilterId: string;
let smallRuleIds: string[];
beforeAll(async () => {
	fixture = await startApiFixture();
	bulkFilterId = (await fixture.createFilter({ name: 'bulk' })).id;
	await createInBatches(MANY, async (index) => await fixture.createRule(bulkFilterId, { priority: index + 1 }));
	smallFilterId = (await fixture.createFilter({ name: 'small' })).id;
	const smallRules = [
		await fixture.createRule(smallFilterId, { direction: 'ingress', protocol: 'TCP', priority: 1, destination_port_range: '80-80' }),
		await fixture.createRule(smallFilterId, { direction: 'ingress', protocol: 'UDP', priority: 2, action: 'reject' }),
		await fixture.createRule(smallFilterId, { direction: 'egress', protocol: 'TCP', priority: 1, source_cidr_block: '10.0.0.0/8' }),
	];
	smallRuleIds = smallRules.map((rule) => rule.id);
}, 60_000);
afterAll(async () => {
	await fixture.close();
	shutDownEngine();
});

const getMany = (parameters: INodeParameters) =>
	fixture.run({ resource: 'trafficMirrorFilterRule', operation: 'getAll', ...parameters });

const ofSmall = (filters: INodeParameters = {}): INodeParameters => ({
	returnAll: true,
	filters: { trafficMirrorFilterId: byId(smallFilterId), ...filters },
});

const summary = (result: Awaited<ReturnType<typeof getMany>>) =>
	result.items.map(({ json }) => `${json.direction as string} ${json.protocol as string} ${json.priority as number}`).sort();

test('Return All of one filter’s rules follows next_marker across pages', async () => {
	const before = fixture.requestsOf('ListTrafficMirrorFilterRules');
	const result = await getMany({ returnAll: true, filters: { trafficMirrorFilterId: byId(bulkFilterId) } });
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(MANY);
	expect(new Set(result.items.map((item) => item.json.priority)).size).toBe(MANY);
	expect(result.items.every((item) => item.json.traffic_mirror_filter_id === bulkFilterId)).toBe(true);
	expect(fixture.requestsOf('ListTrafficMirrorFilterRules') - before).toBe(2);
});

test('Return All without filters lists the rules of every filter', async () => {
	const result = await getMany({ returnAll: true });
	expect(result.items).toHaveLength(MANY + 3);
});

test('Limit stops at that many rules', async () => {
	const before = fixture.requestsOf('ListTrafficMirrorFilterRules');
	const result = await getMany({ returnAll: false, limit: 3, filters: { trafficMirrorFilterId: byId(bulkFilterId) } });
	expect(result.items).toHaveLength(3);
	expect(fixture.requestsOf('ListTrafficMirrorFilterRules') - before).toBe(1);
});

test('the filter alone gives all its rules, in both directions', async () => {
	expect(summary(await getMany(ofSmall()))).toEqual(['egress TCP 1', 'ingress TCP 1', 'ingress UDP 2']);
});

test.each([
	['Direction', { direction: 'egress' }, ['egress TCP 1']],
	['Protocol', { protocol: 'TCP' }, ['egress TCP 1', 'ingress TCP 1']],
	['Action', { ruleAction: 'reject' }, ['ingress UDP 2']],
	['Priority', { priority: 2 }, ['ingress UDP 2']],
	['Destination Port Range', { destinationPortRange: '80-80' }, ['ingress TCP 1']],
	['Source CIDR Block', { sourceCidrBlock: '10.0.0.0/8' }, ['egress TCP 1']],
	['Direction and Protocol together', { direction: 'ingress', protocol: 'TCP' }, ['ingress TCP 1']],
])('the %s filter narrows the list', async (_, filters, expected) => {
	const result = await getMany(ofSmall(filters as INodeParameters));
	expect(result.error).toBeUndefined();
	expect(summary(result)).toEqual(expected);
});

test('the IDs filter takes several IDs', async () => {
	const [first, , third] = smallRuleIds;
	const result = await getMany({ returnAll: true, filters: { trafficMirrorFilterRuleId: `${first}, ${third}` } });
	expect(result.items.map((item) => item.json.id).sort()).toEqual([first, third].sort());
});

test.each([
	['an invalid port range', { destinationPortRange: '200-80' }, /^Invalid Destination Port Range \(destination_port_range\)/],
	['an invalid CIDR block', { sourceCidrBlock: '10.0.0.0/33' }, /^Invalid Source CIDR Block \(source_cidr_block\)/],
	['a priority out of range', { priority: 0 }, /^Invalid Priority \(priority\): must be an integer from 1 to 65535/],
	['an invalid rule ID', { trafficMirrorFilterRuleId: 'nope' }, /^Invalid Traffic Mirror Filter Rule \(id\)/],
])('%s is refused before anything is sent', async (_, filters, message) => {
	const before = fixture.totalRequests();
	const result = await getMany({ returnAll: true, filters: filters as INodeParameters });
	expect(result.error?.message).toMatch(message);
	expect(fixture.totalRequests()).toBe(before);
});
