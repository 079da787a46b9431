import type { INodePropertyOptions } from 'n8n-workflow';

import { compareText, fieldProperty, sentences } from '../../nodes/HuaweiCloudVpc/fields/property';
import { sessionFields } from '../../nodes/HuaweiCloudVpc/fields/session.fields';

describe('the description: what the field means, and its rule only where typing needs it', () => {
	it('a text field gives its length and characters', () => {
		expect(fieldProperty(sessionFields.name).description).toBe(
			'Name of the traffic mirror session. Up to 64 characters: letters A–Z, digits, Chinese characters, underscores, hyphens and dots.',
		);
	});

	it('angle brackets in a rule are written as HTML entities, as n8n renders descriptions as HTML', () => {
		expect(fieldProperty(sessionFields.description).description).toBe(
			'Description of the traffic mirror session. At most 255 characters, without &lt; or &gt;.',
		);
	});

	it('a number gives its range', () => {
		expect(fieldProperty(sessionFields.packetLength).description).toMatch(/ From 1 to 1460\.$/);
	});

	it('a dropdown, a toggle and an ID picker say what the field means and nothing of their values', () => {
		for (const field of [sessionFields.trafficMirrorTargetType, sessionFields.enabled, sessionFields.trafficMirrorFilterId]) {
			expect(fieldProperty(field).description).toBe(field.description);
		}
	});

	it('a multi-select loaded from the API ends with n8n\'s standard sentence, after its rule', () => {
		expect(fieldProperty(sessionFields.trafficMirrorSources).description).toBe(
			'The elastic network interfaces (ports) whose traffic is copied to the target. ' +
				'Up to 10; an expression gives their IDs separated by commas or as an array. ' +
				'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		);
	});

	it('one sentence has no final period; several sentences each end with one', () => {
		expect(sentences('Only one.')).toBe('Only one');
		expect(sentences('First', undefined, 'Second.')).toBe('First. Second.');
	});
});

describe('one declaration drives the UI parameter', () => {
	it('integers become numbers whose minValue/maxValue are the constraint bounds', () => {
		for (const field of [sessionFields.virtualNetworkId, sessionFields.packetLength, sessionFields.priority]) {
			const property = fieldProperty(field);
			const { constraint } = field;
			if (constraint.kind !== 'integer') throw new Error(`${field.parameter} is declared as an integer`);
			expect(property.type).toBe('number');
			expect(property.typeOptions).toEqual({ minValue: constraint.min, maxValue: constraint.max, numberPrecision: 0 });
			expect(property.default).toBe(field.uiDefault);
		}
		expect(fieldProperty(sessionFields.packetLength).typeOptions).toMatchObject({ minValue: 1, maxValue: 1460 });
	});

	it('an integer without a UI default defaults to its minimum', () => {
		const property = fieldProperty({ ...sessionFields.priority, uiDefault: undefined });
		expect(property.default).toBe(1);
	});

	it('choices become options sorted by display name, each value from the constraint', () => {
		const property = fieldProperty(sessionFields.trafficMirrorTargetType);
		expect(property.type).toBe('options');
		const options = property.options as INodePropertyOptions[];
		expect(options).toEqual([
			{ name: 'Elastic Network Interface', value: 'eni', description: expect.any(String) },
			{ name: 'Private Load Balancer', value: 'elb', description: expect.any(String) },
		]);
		const names = options.map((option) => option.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(property.default).toBe('eni');
	});

	it('choices without display names are sorted by value', () => {
		const property = fieldProperty({
			parameter: 'direction',
			displayName: 'Direction',
			description: 'Direction of the traffic',
			constraint: { kind: 'choice', values: ['ingress', 'egress'] },
		});
		expect(property.options).toEqual([
			{ name: 'egress', value: 'egress' },
			{ name: 'ingress', value: 'ingress' },
		]);
	});

	it('booleans become boolean parameters with their declared default', () => {
		expect(fieldProperty(sessionFields.enabled)).toMatchObject({ type: 'boolean', default: true });
		expect(fieldProperty(sessionFields.enabled).description).toMatch(/^Whether /);
	});

	it('fields with a list search become resource locators with a list mode and a UUID-checked ID mode', () => {
		const property = fieldProperty(sessionFields.trafficMirrorFilterId);
		expect(property.type).toBe('resourceLocator');
		expect(property.default).toEqual({ mode: 'list', value: '' });
		const [list, id] = property.modes ?? [];
		expect(list).toMatchObject({
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchTrafficMirrorFilters', searchable: true },
		});
		expect(id).toMatchObject({ name: 'id', type: 'string' });
		const [rule] = (id.validation ?? []) as Array<{ type: string; properties: { regex: string } }>;
		expect(rule.type).toBe('regex');
		const regex = new RegExp(rule.properties.regex);
		expect(regex.test(' 6134900d-31a6-4b71-8453-dbca7f26982a ')).toBe(true);
		expect(regex.test('../x')).toBe(false);
	});

	it('texts become strings with their placeholder', () => {
		expect(fieldProperty(sessionFields.name)).toMatchObject({ type: 'string', default: '', placeholder: 'e.g. mirror-web-01' });
	});

	it('an ID list with an option list becomes a multi-select loaded from the API', () => {
		expect(fieldProperty(sessionFields.trafficMirrorSources)).toMatchObject({
			type: 'multiOptions',
			default: [],
			typeOptions: { loadOptionsMethod: 'getPorts' },
		});
	});

	it('overrides are applied last', () => {
		expect(fieldProperty(sessionFields.name, { required: true, default: 'x' })).toMatchObject({ required: true, default: 'x' });
	});
});

test('names are ordered as n8n\'s lint orders them (localeCompare), whatever their case', () => {
	const names = ['Get Many', 'Update', 'Get by Name', 'get', 'Create', 'Get', 'Delete', 'Add Sources'];
	expect([...names].sort(compareText)).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	expect(compareText('Get by Name', 'Get Many')).toBeLessThan(0);
});
