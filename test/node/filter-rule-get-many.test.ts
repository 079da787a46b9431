/**
 * Traffic Mirror Filter Rule Get Many: Return All and Limit, and the list filters. The marker loop itself is tested
 * in transport/paginate.test.ts, and across a real page boundary in session-getall.test.ts.
 */
import type { INodeParameters } from 'n8n-workflow';

import { startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { shutDownEngine } from '../helpers/engine';
import { byId } from '../helpers/parameters';

let fixture: ApiFixture;
let otherFilterId: string;
let smallFilterId: string;
let smallRuleIds: string[];
beforeAll(async () => {
	fixture = await startApiFixture();
	otherFilterId = (await fixture.createFilter({ name: 'other' })).id;
	await fixture.createRule(otherFilterId, { priority: 7 });
	smallFilterId = (await fixture.createFilter({ name: 'small' })).id;
	const smallRules = [
		await fixture.createRule(smallFilterId, { direction: 'ingress', protocol: 'TCP', priority: 1, destination_port_range: '80-80' }),
		await fixture.createRule(smallFilterId, { direction: 'ingress', protocol: 'UDP', priority: 2, action: 'reject' }),
		await fixture.createRule(smallFilterId, { direction: 'egress', protocol: 'TCP', priority: 1, source_cidr_block: '10.0.0.0/8' }),
	];
	smallRuleIds = smallRules.map((rule) => rule.id);
});
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

test('Return All without filters lists the rules of every filter; Limit stops at that many', async () => {
	const all = await getMany({ returnAll: true });
	expect(all.error).toBeUndefined();
	expect(all.items.map((item) => item.json.traffic_mirror_filter_id)).toEqual([otherFilterId, ...Array(3).fill(smallFilterId)]);
	const two = await getMany({ returnAll: false, limit: 2 });
	expect(two.items.map((item) => item.json.id)).toEqual(all.items.slice(0, 2).map((item) => item.json.id));
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

test('a text filter left blank is no filter', async () => {
	const result = await getMany(ofSmall({ description: '', sourceCidrBlock: '  ' }));
	expect(result.error).toBeUndefined();
	expect(summary(result)).toEqual(['egress TCP 1', 'ingress TCP 1', 'ingress UDP 2']);
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
	// It names the rules to list: left out, it would list the rules of every filter.
	['a Traffic Mirror Filter left blank', { trafficMirrorFilterId: byId(' ') }, /^Invalid Traffic Mirror Filter/],
])('%s is refused before anything is sent', async (_, filters, message) => {
	const before = fixture.totalRequests();
	const result = await getMany({ returnAll: true, filters: filters as INodeParameters });
	expect(result.error?.message).toMatch(message);
	expect(fixture.totalRequests()).toBe(before);
});
