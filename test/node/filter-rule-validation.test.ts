/** Traffic Mirror Filter Rule input errors: each names the field, the rule and the value, and nothing is sent. */
import type { INodeParameters } from 'n8n-workflow';

import { startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { shutDownEngine } from '../helpers/engine';
import { byId, ruleCreateParameters } from '../helpers/parameters';

let fixture: ApiFixture;
let filterId: string;
let ruleId: string;
beforeAll(async () => {
	fixture = await startApiFixture();
	filterId = (await fixture.createFilter()).id;
	ruleId = (await fixture.createRule(filterId, { priority: 5, source_cidr_block: '10.0.0.0/8' })).id;
});
afterAll(async () => {
	await fixture.close();
	shutDownEngine();
});

async function expectRefused(parameters: INodeParameters, message: RegExp | string) {
	const before = fixture.totalRequests();
	const result = await fixture.run({ resource: 'trafficMirrorFilterRule', ...parameters });
	expect(result.error?.name).toBe('NodeOperationError');
	expect(result.error?.message).toMatch(message);
	expect(fixture.totalRequests()).toBe(before);
}

const create = (overrides: INodeParameters) => ({ operation: 'create', ...ruleCreateParameters(filterId, overrides) });

test.each([
	['a priority of 0', { priority: 0 }, /^Invalid Priority \(priority\): must be an integer from 1 to 65535; got 0$/],
	['a priority of 65536', { priority: 65536 }, /^Invalid Priority \(priority\).*; got 65536$/],
	['a fractional priority', { priority: 1.5 }, /^Invalid Priority \(priority\)/],
	['an unknown direction', { direction: '={{ "both" }}' }, /^Invalid Direction \(direction\): must be one of "ingress", "egress"; got "both"$/],
	['an unknown protocol', { protocol: '={{ "SCTP" }}' }, /^Invalid Protocol \(protocol\): must be one of "TCP", "UDP", "ICMP", "ICMPV6", "ALL"/],
	['an unknown ethertype', { ethertype: '={{ "IPv5" }}' }, /^Invalid IP Version \(ethertype\)/],
	['an unknown action', { ruleAction: '={{ "drop" }}' }, /^Invalid Action \(action\): must be one of "accept", "reject"/],
	['a CIDR block with a host prefix over 32', { additionalFields: { sourceCidrBlock: '10.0.0.0/33' } }, /^Invalid Source CIDR Block \(source_cidr_block\): must be an IPv4 or IPv6 CIDR block/],
	['a CIDR block without prefix', { additionalFields: { destinationCidrBlock: '10.0.0.1' } }, /^Invalid Destination CIDR Block \(destination_cidr_block\)/],
	['an IPv4 octet with a leading zero (octal to some parsers)', { additionalFields: { sourceCidrBlock: '010.0.0.0/8' } }, /^Invalid Source CIDR Block \(source_cidr_block\).*; got "010\.0\.0\.0\/8"$/],
	['a priority in hexadecimal', { priority: '={{ "0x10" }}' }, /^Invalid Priority \(priority\): must be an integer from 1 to 65535; got "0x10"$/],
	['a priority in exponent notation', { priority: '={{ "1e2" }}' }, /^Invalid Priority \(priority\).*; got "1e2"$/],
	['a port range above 65535', { additionalFields: { sourcePortRange: '1-65536' } }, /^Invalid Source Port Range \(source_port_range\): must be a port range "low-high"/],
	['a port range from 0', { additionalFields: { destinationPortRange: '0-80' } }, /^Invalid Destination Port Range \(destination_port_range\).*; got "0-80"$/],
	['a reversed port range', { additionalFields: { destinationPortRange: '200-80' } }, /^Invalid Destination Port Range/],
	['a single port', { additionalFields: { destinationPortRange: '80' } }, /^Invalid Destination Port Range/],
	['a description with ">"', { additionalFields: { description: 'a -> b' } }, /^Invalid Description \(description\)/],
])('Create refuses %s', async (_, overrides, message) => {
	await expectRefused(create(overrides as INodeParameters), message);
});

test.each([
	['an IPv6 source block in an IPv4 rule', { ethertype: 'IPv4', additionalFields: { sourceCidrBlock: 'fd00::/8' } }, 'Invalid Source CIDR Block (source_cidr_block): fd00::/8 is an IPv6 block but IP Version (ethertype) is IPv4'],
	['an IPv4 destination block in an IPv6 rule', { ethertype: 'IPv6', additionalFields: { destinationCidrBlock: '10.0.0.0/8' } }, 'Invalid Destination CIDR Block (destination_cidr_block): 10.0.0.0/8 is an IPv4 block but IP Version (ethertype) is IPv6'],
])('Create refuses %s', async (_, overrides, message) => {
	await expectRefused(create(overrides as INodeParameters), message);
});

test('Update without any field is refused', async () => {
	await expectRefused(
		{ operation: 'update', trafficMirrorFilterRuleId: byId(ruleId), updateFields: {} },
		'Add at least one field to Update Fields',
	);
});

test('Update refuses a new IP version with a CIDR block of the other version, and changes nothing', async () => {
	await expectRefused(
		{
			operation: 'update',
			trafficMirrorFilterRuleId: byId(ruleId),
			updateFields: { ethertype: 'IPv6', sourceCidrBlock: '10.9.0.0/16', priority: 6 },
		},
		/^Invalid Source CIDR Block \(source_cidr_block\): 10\.9\.0\.0\/16 is an IPv4 block/,
	);
	expect(await fixture.showRule(ruleId)).toMatchObject({ ethertype: 'IPv4', source_cidr_block: '10.0.0.0/8', priority: 5 });
});

test.each([
	['a priority out of range', { priority: 70000 }, /^Invalid Priority \(priority\)/],
	['a malformed port range', { sourcePortRange: '80-' }, /^Invalid Source Port Range \(source_port_range\)/],
	['a blank-but-not-empty CIDR block', { destinationCidrBlock: ' ' }, /^Invalid Destination CIDR Block/],
])('Update refuses %s', async (_, updateFields, message) => {
	await expectRefused({ operation: 'update', trafficMirrorFilterRuleId: byId(ruleId), updateFields }, message);
});
