/** The rule picker's list (searchTrafficMirrorFilterRules) against the emulator. */
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { searchTrafficMirrorFilterRules } from '../../nodes/HuaweiCloudVpc/methods/listSearch';
import { startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { loadOptionsContext, shutDownEngine } from '../helpers/engine';

let fixture: ApiFixture;
let context: ILoadOptionsFunctions;
beforeAll(async () => {
	fixture = await startApiFixture();
	context = loadOptionsContext(fixture.credentials());
});
afterAll(async () => {
	await fixture.close();
	shutDownEngine();
});

test('labels each rule by what it matches, with its description, and searches the labels', async () => {
	const filterId = (await fixture.createFilter({ name: 'labelled' })).id;
	const web = await fixture.createRule(filterId, { priority: 10, destination_port_range: '80-200' });
	const dns = await fixture.createRule(filterId, {
		direction: 'egress',
		protocol: 'UDP',
		action: 'reject',
		priority: 20,
		description: 'no DNS',
	});
	const all = await searchTrafficMirrorFilterRules.call(context);
	expect(all.results).toEqual(
		expect.arrayContaining([
			{ name: 'ingress TCP 80-200 accept (priority 10)', value: web.id },
			{ name: 'egress UDP reject (priority 20): no DNS', value: dns.id },
		]),
	);
	const found = await searchTrafficMirrorFilterRules.call(context, 'dns');
	expect(found.results).toEqual([{ name: 'egress UDP reject (priority 20): no DNS', value: dns.id }]);
	const byId = await searchTrafficMirrorFilterRules.call(context, web.id);
	expect(byId.results.map((result) => result.value)).toEqual([web.id]);
});

test('pages through many rules with the pagination token', async () => {
	const filterId = (await fixture.createFilter({ name: 'paged' })).id;
	for (let priority = 1; priority <= 150; priority++) await fixture.createRule(filterId, { priority });
	const seen: string[] = [];
	let token: string | undefined;
	let pages = 0;
	do {
		const page = await searchTrafficMirrorFilterRules.call(context, undefined, token);
		seen.push(...page.results.map((result) => String(result.value)));
		token = page.paginationToken as string | undefined;
		pages++;
	} while (token);
	expect(pages).toBe(2);
	expect(new Set(seen).size).toBe(152);
});
