import type { INodePropertyOptions } from 'n8n-workflow';

import { describeConstraint } from '../../nodes/HuaweiCloudVpc/fields/constraints';
import type { FieldDefinition } from '../../nodes/HuaweiCloudVpc/fields/definition';
import { fieldProperty } from '../../nodes/HuaweiCloudVpc/fields/property';
import { sessionFields } from '../../nodes/HuaweiCloudVpc/fields/session.fields';

const allSessionFields: FieldDefinition[] = Object.values(sessionFields);

describe('one declaration drives the UI parameter', () => {
	it.each(allSessionFields.map((field) => [field.parameter, field] as const))(
		'%s: name, display name and a description that states the rule the validation applies',
		(_, field) => {
			const property = fieldProperty(field);
			expect(property.name).toBe(field.parameter);
			expect(property.displayName).toBe(field.displayName);
			expect(property.description).toBe(`${field.description} (${describeConstraint(field.constraint)})`);
		},
	);

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
			{ name: 'Elastic Network Interface', value: 'eni' },
			{ name: 'Private Load Balancer', value: 'elb' },
		]);
		const names = options.map((option) => option.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(property.default).toBe('eni');
	});

	it('choices without display names are sorted by value', () => {
		const property = fieldProperty({
			parameter: 'direction',
			apiName: 'direction',
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
		expect(fieldProperty(sessionFields.trafficMirrorTargetId).modes?.[0].typeOptions?.searchListMethod).toBe('searchPorts');
	});

	it('texts become strings with their placeholder', () => {
		expect(fieldProperty(sessionFields.name)).toMatchObject({ type: 'string', default: '', placeholder: 'e.g. mirror-web-01' });
	});

	it('an ID list with an option list becomes a multi-select loaded from the API, its rule in the description', () => {
		expect(fieldProperty(sessionFields.trafficMirrorSources)).toMatchObject({
			type: 'multiOptions',
			default: [],
			typeOptions: { loadOptionsMethod: 'getPorts' },
		});
		expect(fieldProperty(sessionFields.trafficMirrorSources).description).toContain('1 to 10 distinct resource IDs');
	});

	it('overrides are applied last', () => {
		expect(fieldProperty(sessionFields.name, { required: true, default: 'x' })).toMatchObject({ required: true, default: 'x' });
	});
});
