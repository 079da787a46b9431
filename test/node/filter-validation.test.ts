/** Traffic Mirror Filter input errors: each names the field, the rule and the value, and nothing is sent. */
import type { INodeParameters } from 'n8n-workflow';

import { startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { shutDownEngine } from '../helpers/engine';
import { byId } from '../helpers/parameters';

let fixture: ApiFixture;
let filterId: string;
beforeAll(async () => {
	fixture = await startApiFixture();
	filterId = (await fixture.createFilter({ name: 'untouched', description: 'as created' })).id;
});
afterAll(async () => {
	await fixture.close();
	shutDownEngine();
});

async function expectRefused(parameters: INodeParameters, message: RegExp | string) {
	const before = fixture.totalRequests();
	const result = await fixture.run({ resource: 'trafficMirrorFilter', ...parameters });
	expect(result.error?.name).toBe('NodeOperationError');
	expect(result.error?.message).toMatch(message);
	expect(result.items).toHaveLength(0);
	expect(fixture.totalRequests()).toBe(before);
}

test.each([
	// A required field left empty in the editor is stopped by n8n itself; an expression can still produce one.
	['empty', '={{ "" }}', /^Invalid Name \(name\): must be 1–64 characters.*; got ""$/],
	['too long', 'x'.repeat(65), /^Invalid Name \(name\): must be 1–64 characters/],
	['with a space', 'web filter', /^Invalid Name \(name\).*; got "web filter"$/],
])('Create refuses a name that is %s', async (_, name, message) => {
	await expectRefused({ operation: 'create', name }, message);
});

test.each([
	['with "<"', '<b>mirror</b>', /^Invalid Description \(description\): must be at most 255 characters, without "<" or ">"/],
	['too long', 'd'.repeat(256), /^Invalid Description \(description\)/],
])('Create refuses a description %s', async (_, description, message) => {
	await expectRefused({ operation: 'create', name: 'fine', additionalFields: { description } }, message);
});

test('Update without any field is refused', async () => {
	await expectRefused(
		{ operation: 'update', trafficMirrorFilterId: byId(filterId), updateFields: {} },
		'Add at least one field to Update Fields',
	);
});

test('Update with an invalid value changes nothing, not even the valid fields', async () => {
	await expectRefused(
		{ operation: 'update', trafficMirrorFilterId: byId(filterId), updateFields: { name: 'ok', description: 'a > b' } },
		/^Invalid Description \(description\)/,
	);
	expect(await fixture.showFilter(filterId)).toMatchObject({ name: 'untouched', description: 'as created' });
});
