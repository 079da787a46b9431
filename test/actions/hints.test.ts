/** actions/hints.ts through the node: the editor's hints above the output, once per execution. */
import { startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { runNode, shutDownEngine } from '../helpers/engine';
import { sessionCreateParameters } from '../helpers/parameters';

let fixture: ApiFixture;
let filterId: string;
beforeAll(async () => {
	fixture = await startApiFixture();
	filterId = (await fixture.createFilter({ name: 'hints' })).id;
});
afterAll(async () => {
	await fixture.close();
	shutDownEngine();
});

describe('Get Many that finds nothing', () => {
	test('with filters set, says which ones, once for all items', async () => {
		const result = await runNode({
			parameters: { resource: 'trafficMirrorFilter', operation: 'getAll', returnAll: true, filters: { name: 'no-such-filter', description: '' } },
			credentials: fixture.credentials(),
			items: [{}, {}, {}],
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(0);
		// The blank Description is no filter, and is not named.
		expect(result.hints).toEqual([
			{
				type: 'info',
				location: 'outputPane',
				message:
					'No traffic mirror filters match the filters set (Names). Each filter keeps exact matches only: check its values, or remove it to list all traffic mirror filters.',
			},
		]);
	});

	test('with no filter, or with something found, gives no hint', async () => {
		const found = await runNode({
			parameters: { resource: 'trafficMirrorFilter', operation: 'getAll', returnAll: true, filters: { name: 'hints' } },
			credentials: fixture.credentials(),
		});
		expect(found.items).toHaveLength(1);
		expect(found.hints).toEqual([]);
		const none = await runNode({
			parameters: { resource: 'trafficMirrorFilterRule', operation: 'getAll', returnAll: true },
			credentials: fixture.credentials(),
		});
		expect(none.items).toHaveLength(0);
		expect(none.hints).toEqual([]);
	});
});

test('a session created with Enabled off says that it mirrors nothing yet, once; enabled ones say nothing', async () => {
	const run = async (enabled: boolean) =>
		await runNode({
			parameters: sessionCreateParameters(filterId, { additionalFields: { enabled } }),
			credentials: fixture.credentials(),
			items: [{ name: `hint-${String(enabled)}-1` }, { name: `hint-${String(enabled)}-2` }],
		});
	const disabled = await run(false);
	expect(disabled.items.map((item) => item.json.enabled)).toEqual([false, false]);
	expect(disabled.hints.map((hint) => hint.message)).toEqual([
		'A session created with Enabled off mirrors no traffic until it is enabled: set Enabled in Additional Fields, or turn it on later with Update.',
	]);
	expect((await run(true)).hints).toEqual([]);
});
