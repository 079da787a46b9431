/** methods/listSearch.ts: the resource locators' lists of sessions, filters and rules, against the emulator. */
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import {
	searchTrafficMirrorFilterRules,
	searchTrafficMirrorFilters,
	searchTrafficMirrorSessions,
} from '../../nodes/HuaweiCloudVpc/methods/listSearch';
import { createInBatches, startApiFixture, type ApiFixture } from '../helpers/api-fixture';
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

test.each([
	['sessions', searchTrafficMirrorSessions],
	['filters', searchTrafficMirrorFilters],
])('the %s list names each by name and ID, and a search matches either, whatever the case', async (kind, search) => {
	const filter = await fixture.createFilter({ name: `${kind}-Web-Tier` });
	const other = await fixture.createFilter({ name: `${kind}-db` });
	const [wanted, unwanted] =
		kind === 'sessions'
			? [await fixture.createSession(filter.id, { name: `${kind}-Web-Tier` }), await fixture.createSession(other.id, { name: `${kind}-db` })]
			: [filter, other];
	const labelled = (resource: { id: string; name: string }) => ({ name: `${resource.name} (${resource.id})`, value: resource.id });

	expect((await search.call(context)).results).toEqual(expect.arrayContaining([labelled(wanted), labelled(unwanted)]));
	expect((await search.call(context, `${kind}-web`)).results).toEqual([labelled(wanted)]);
	expect((await search.call(context, unwanted.id)).results).toEqual([labelled(unwanted)]);
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
	await createInBatches(150, async (index) => await fixture.createRule(filterId, { priority: index + 1 }));
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
