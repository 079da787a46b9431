/** Traffic Mirror Filter Rule Create, Get, Update and Delete through n8n's engine against the emulator. */
import type { INodeParameters } from 'n8n-workflow';

import { startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { shutDownEngine } from '../helpers/engine';
import { MISSING_ID } from '../helpers/ids';
import { byId, ruleCreateParameters } from '../helpers/parameters';

let fixture: ApiFixture;
let filterId: string;
beforeAll(async () => {
	fixture = await startApiFixture();
	filterId = (await fixture.createFilter({ name: 'rules-home' })).id;
});
afterAll(async () => {
	await fixture.close();
	shutDownEngine();
});

const ruleOperation = (operation: string, parameters: INodeParameters = {}) =>
	fixture.run({ resource: 'trafficMirrorFilterRule', operation, ...parameters });

const createParameters = (overrides: INodeParameters = {}) => ruleCreateParameters(filterId, overrides);

describe('Create', () => {
	test('creates a rule with every field, and it shows up in its filter’s ingress rules', async () => {
		const result = await ruleOperation(
			'create',
			createParameters({
				additionalFields: {
					sourceCidrBlock: '10.0.0.0/8',
					destinationCidrBlock: '192.168.0.0/24',
					sourcePortRange: '1-65535',
					destinationPortRange: '80-200',
					description: 'web traffic',
				},
			}),
		);
		expect(result.error).toBeUndefined();
		const rule = result.items[0].json;
		expect(rule).toMatchObject({
			traffic_mirror_filter_id: filterId,
			direction: 'ingress',
			protocol: 'TCP',
			ethertype: 'IPv4',
			action: 'accept',
			priority: 10,
			source_cidr_block: '10.0.0.0/8',
			destination_cidr_block: '192.168.0.0/24',
			source_port_range: '1-65535',
			destination_port_range: '80-200',
			description: 'web traffic',
		});
		const filter = await fixture.showFilter(filterId);
		expect(filter?.ingress_rules).toContainEqual(rule);
		expect(filter?.egress_rules.map((r) => r.id)).not.toContain(rule.id);
	});

	test('an egress IPv6 rule lands in the egress rules; lower-case choices from an expression are normalised', async () => {
		const result = await ruleOperation(
			'create',
			createParameters({
				direction: 'egress',
				protocol: '={{ "icmpv6" }}',
				ethertype: '={{ "ipv6" }}',
				ruleAction: 'reject',
				priority: 65535,
				additionalFields: { destinationCidrBlock: '2001:db8::/32' },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ protocol: 'ICMPV6', ethertype: 'IPv6', priority: 65535 });
		const filter = await fixture.showFilter(filterId);
		expect(filter?.egress_rules.map((r) => r.id)).toContain(result.items[0].json.id);
	});

	test('a filter picked from the list works like one given by ID', async () => {
		const result = await ruleOperation(
			'create',
			createParameters({
				trafficMirrorFilterId: { __rl: true, mode: 'list', value: filterId, cachedResultName: 'rules-home' },
				priority: 11,
			}),
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.traffic_mirror_filter_id).toBe(filterId);
	});

	test('a filter that does not exist fails with the service error', async () => {
		const result = await ruleOperation('create', createParameters({ trafficMirrorFilterId: byId(MISSING_ID) }));
		expect(result.error?.message).toMatch(/^Huawei Cloud API error 400: VPC\.0002/);
	});
});

describe('Get', () => {
	test('gets a rule by ID', async () => {
		const rule = await fixture.createRule(filterId, { priority: 30, destination_port_range: '443-443' });
		const result = await ruleOperation('get', { trafficMirrorFilterRuleId: byId(rule.id) });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual(rule);
	});

	test('a rule that does not exist fails with the service error', async () => {
		const result = await ruleOperation('get', { trafficMirrorFilterRuleId: byId(MISSING_ID) });
		expect(result.error?.message).toMatch(/Huawei Cloud API error 404: VPC\.0003/);
	});
});

describe('Update', () => {
	test('changes only the field that was set', async () => {
		const rule = await fixture.createRule(filterId, {
			priority: 40,
			source_cidr_block: '10.1.0.0/16',
			destination_port_range: '22-22',
			description: 'ssh',
		});
		const result = await ruleOperation('update', {
			trafficMirrorFilterRuleId: byId(rule.id),
			updateFields: { priority: 41 },
		});
		expect(result.error).toBeUndefined();
		expect(await fixture.showRule(rule.id)).toEqual({ ...rule, priority: 41, updated_at: expect.any(String) });
	});

	test('an empty CIDR block or port range clears it; the other fields stay', async () => {
		const rule = await fixture.createRule(filterId, {
			priority: 50,
			source_cidr_block: '10.2.0.0/16',
			destination_cidr_block: '10.3.0.0/16',
			destination_port_range: '8080-8081',
		});
		const result = await ruleOperation('update', {
			trafficMirrorFilterRuleId: byId(rule.id),
			updateFields: { sourceCidrBlock: '', destinationPortRange: '' },
		});
		expect(result.error).toBeUndefined();
		const stored = await fixture.showRule(rule.id);
		expect(stored).not.toHaveProperty('source_cidr_block');
		expect(stored).not.toHaveProperty('destination_port_range');
		expect(stored).toMatchObject({ destination_cidr_block: '10.3.0.0/16', priority: 50 });
	});

	test('changes the IP version and the CIDR blocks together, and the action', async () => {
		const rule = await fixture.createRule(filterId, { priority: 60, source_cidr_block: '10.4.0.0/16' });
		const result = await ruleOperation('update', {
			trafficMirrorFilterRuleId: byId(rule.id),
			updateFields: { ethertype: 'IPv6', sourceCidrBlock: 'fd00::/8', ruleAction: 'reject', protocol: 'ALL' },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			ethertype: 'IPv6',
			source_cidr_block: 'fd00::/8',
			action: 'reject',
			protocol: 'ALL',
			direction: 'ingress',
		});
	});
});

describe('Delete', () => {
	test('deletes a rule, which leaves its filter', async () => {
		const rule = await fixture.createRule(filterId, { priority: 70 });
		const result = await ruleOperation('delete', { trafficMirrorFilterRuleId: byId(rule.id) });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({
			deleted: true,
			alreadyDeleted: false,
			id: rule.id,
			resource: 'trafficMirrorFilterRule',
		});
		expect(await fixture.showRule(rule.id)).toBeUndefined();
		const filter = await fixture.showFilter(filterId);
		expect(filter?.ingress_rules.map((r) => r.id)).not.toContain(rule.id);
	});

	test('a rule that is already gone fails without the option', async () => {
		const result = await ruleOperation('delete', { trafficMirrorFilterRuleId: byId(MISSING_ID) });
		expect(result.error?.message).toMatch(/Huawei Cloud API error 404: VPC\.0003/);
	});

	test('a rule that is already gone succeeds with "Succeed If Already Deleted"', async () => {
		const rule = await fixture.createRule(filterId, { priority: 71 });
		const parameters = { trafficMirrorFilterRuleId: byId(rule.id), options: { succeedIfAlreadyDeleted: true } };
		expect((await ruleOperation('delete', parameters)).items[0].json).toMatchObject({ deleted: true });
		const again = await ruleOperation('delete', parameters);
		expect(again.error).toBeUndefined();
		expect(again.items[0].json).toEqual({
			deleted: false,
			alreadyDeleted: true,
			id: rule.id,
			resource: 'trafficMirrorFilterRule',
		});
	});
});
