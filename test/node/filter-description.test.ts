/** What the editor and an AI agent see of the filter and filter-rule resources. */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { HuaweiCloudVpc } from '../../nodes/HuaweiCloudVpc/HuaweiCloudVpc.node';

const { properties } = new HuaweiCloudVpc().description;

const shownFor = (resource: string, operation?: string) =>
	properties.filter(
		(property) =>
			property.displayOptions?.show?.resource?.includes(resource) &&
			(operation === undefined || property.displayOptions.show.operation?.includes(operation)),
	);

const optionsOf = (property: INodeProperties | undefined) => (property?.options ?? []) as INodePropertyOptions[];

test('the resources are alphabetised and include both filter resources', () => {
	const names = optionsOf(properties.find((property) => property.name === 'resource')).map((option) => option.name);
	expect(names).toEqual(expect.arrayContaining(['Traffic Mirror Filter', 'Traffic Mirror Filter Rule', 'Traffic Mirror Session']));
	expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
});

test.each([['trafficMirrorFilter'], ['trafficMirrorFilterRule']])(
	'%s offers Create, Delete, Get, Get Many and Update, alphabetised, each with an action',
	(resource) => {
		const operation = shownFor(resource).find((property) => property.name === 'operation');
		const options = optionsOf(operation);
		expect(options.map((option) => option.name)).toEqual(['Create', 'Delete', 'Get', 'Get Many', 'Update']);
		for (const option of options) expect(option.action).toMatch(/^[A-Z][a-z]+ (a|many) traffic mirror filter/);
	},
);

test('the rule priority range comes from its declaration, in the UI and in the description', () => {
	const priority = shownFor('trafficMirrorFilterRule', 'create').find((property) => property.name === 'priority');
	expect(priority?.typeOptions).toMatchObject({ minValue: 1, maxValue: 65535 });
	expect(priority?.description).toMatch(/ From 1 to 65535\.$/);
});

test('a rule’s direction and filter are not offered in Update Fields', () => {
	const updateFields = shownFor('trafficMirrorFilterRule', 'update').find((property) => property.name === 'updateFields');
	const names = (updateFields?.options as INodeProperties[]).map((option) => option.name);
	expect(names).not.toContain('direction');
	expect(names).not.toContain('trafficMirrorFilterId');
	expect(names).toEqual(expect.arrayContaining(['priority', 'ruleAction', 'sourceCidrBlock', 'destinationPortRange', 'ethertype']));
});

test('rules are picked from the rule list or by ID', () => {
	const locator = shownFor('trafficMirrorFilterRule', 'get').find((property) => property.name === 'trafficMirrorFilterRuleId');
	expect(locator?.type).toBe('resourceLocator');
	expect(locator?.modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
	expect(locator?.modes?.[0].typeOptions?.searchListMethod).toBe('searchTrafficMirrorFilterRules');
});
