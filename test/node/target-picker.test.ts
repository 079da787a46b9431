/**
 * The mirror target follows Traffic Mirror Target Type: its list offers network interfaces for `eni` and load
 * balancers for `elb` (from the ELB API, where the credential says where that is), each labelled with its kind; a
 * target picked as one kind while the type says the other is refused before anything is sent.
 */
import type { INodeParameters } from 'n8n-workflow';

import { DEMO_LOAD_BALANCERS } from '../../emulator/server';
import { searchMirrorTargets } from '../../nodes/HuaweiCloudVpc/methods/listSearch';
import { SOURCE_PORT_ID, TARGET_PORT_ID } from '../emulator/helpers';
import { startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { loadOptionsContext, shutDownEngine, TestCredentialsHelper } from '../helpers/engine';
import { byId, sessionCreateParameters } from '../helpers/parameters';

let api: ApiFixture;
let filterId: string;
beforeAll(async () => {
	api = await startApiFixture();
	filterId = (await api.createFilter()).id;
});
afterAll(async () => {
	await api.close();
	shutDownEngine();
});

const [ANALYSER_LB] = DEMO_LOAD_BALANCERS;

/** The target list as the editor asks for it: Create's parameters at the top, Update's in Update Fields. */
function targets(parameters: INodeParameters, options: { path?: string; credentials?: Record<string, string>; filter?: string; page?: string } = {}) {
	const credentials = options.credentials ?? api.credentials();
	const context = loadOptionsContext(credentials, new TestCredentialsHelper(credentials), {
		parameters,
		path: options.path ?? 'parameters.trafficMirrorTargetId',
	});
	return searchMirrorTargets.call(context, options.filter, options.page);
}

describe('the list follows the target type', () => {
	test('network interfaces for eni, labelled as such, searchable and paginated', async () => {
		const found = await targets({ trafficMirrorTargetType: 'eni' }, { filter: 'analyser' });
		expect(found.results).toEqual([{ name: 'Network interface: analyser-eth0 (192.168.0.100)', value: TARGET_PORT_ID }]);
		for (let index = 0; index < 120; index++) api.emulator.addPort({ name: `extra-${index}` });
		const first = await targets({ trafficMirrorTargetType: 'eni' });
		expect(first.results).toHaveLength(100);
		const second = await targets({ trafficMirrorTargetType: 'eni' }, { page: first.paginationToken as string });
		expect(second.results.length).toBeGreaterThan(0);
		expect(second.results.every((result) => result.name.startsWith('Network interface: '))).toBe(true);
	});

	test('load balancers for elb, from the ELB API of the credential, labelled as such', async () => {
		const found = await targets({ trafficMirrorTargetType: 'elb' });
		expect(found.results).toEqual([
			{ name: 'Load balancer: analyser-lb (192.168.0.50)', value: ANALYSER_LB.id },
			{ name: 'Load balancer: ids-cluster-lb (192.168.0.51)', value: DEMO_LOAD_BALANCERS[1].id },
			{ name: 'Load balancer: web-public-lb (192.168.0.52, public 121.36.10.20)', value: DEMO_LOAD_BALANCERS[2].id },
		]);
		expect((await targets({ trafficMirrorTargetType: 'elb' }, { filter: 'ids' })).results).toHaveLength(1);
	});

	test('in Update Fields, the type beside the target in the collection', async () => {
		const parameters = { updateFields: { trafficMirrorTargetType: 'elb' } };
		const found = await targets(parameters, { path: 'parameters.updateFields.trafficMirrorTargetId' });
		expect(found.results[0]).toEqual({ name: 'Load balancer: analyser-lb (192.168.0.50)', value: ANALYSER_LB.id });
	});

	test.each([
		['no type beside the target', { updateFields: {} }, /type\. Add Traffic Mirror Target Type beside the target/],
		['a type given by an expression', { trafficMirrorTargetType: '={{ $json.kind }}' }, /is given by an expression/],
	])('with %s, the picker says what to do', async (_, parameters, description) => {
		const path = 'updateFields' in parameters ? 'parameters.updateFields.trafficMirrorTargetId' : 'parameters.trafficMirrorTargetId';
		const failure = targets(parameters as INodeParameters, { path });
		await expect(failure).rejects.toThrow(/^The list of targets needs a fixed target type\. /);
		await expect(failure).rejects.toThrow(description);
		await expect(failure).rejects.toThrow(/Or switch the target to By ID\.$/);
	});

	test('where the ELB endpoint is unknown, the picker says so and points to By ID, and sends nothing', async () => {
		const before = api.totalRequests();
		const credentials = api.credentials({ elbEndpoint: '' });
		await expect(targets({ trafficMirrorTargetType: 'elb' }, { credentials })).rejects.toThrow(
			"Load balancers cannot be listed with this credential. The credential uses a custom endpoint whose ELB endpoint is unknown: set ELB Endpoint in the credential. Until then, switch Traffic Mirror Target to By ID and give the load balancer's ID.",
		);
		expect(api.totalRequests()).toBe(before);
	});
});

describe('a target picked as the wrong kind is never sent', () => {
	const picked = (value: string, cachedResultName: string) => ({ __rl: true, mode: 'list', value, cachedResultName });

	test('Create: a network interface picked, then the type changed to load balancer', async () => {
		const before = api.requestsOf('CreateTrafficMirrorSession');
		const result = await api.run(
			sessionCreateParameters(filterId, {
				trafficMirrorTargetType: 'elb',
				trafficMirrorTargetId: picked(TARGET_PORT_ID, 'Network interface: analyser-eth0 (192.168.0.100)'),
			}),
			[{ name: 'stale-pick' }],
		);
		expect(result.error?.message).toBe(
			`Invalid Traffic Mirror Target (traffic_mirror_target_id): it was picked from the list as a network interface, but Traffic Mirror Target Type is Private Load Balancer (elb); got "${TARGET_PORT_ID}" (Network interface: analyser-eth0 (192.168.0.100))`,
		);
		expect(result.error?.description).toBe('The list follows the target type: pick the target again. Nothing was sent for item 1 (Item Index 0).');
		expect(api.requestsOf('CreateTrafficMirrorSession')).toBe(before);
	});

	test('Update: a load balancer picked in Update Fields while its type there says network interface', async () => {
		const session = await api.createSession(filterId);
		const result = await api.run({
			resource: 'trafficMirrorSession',
			operation: 'update',
			trafficMirrorSessionId: byId(session.id),
			updateFields: { trafficMirrorTargetType: 'eni', trafficMirrorTargetId: picked(ANALYSER_LB.id, 'Load balancer: analyser-lb (192.168.0.50)') },
		});
		expect(result.error?.message).toMatch(/it was picked from the list as a load balancer, but Traffic Mirror Target Type is Elastic Network Interface \(eni\)/);
		expect(api.requestsOf('UpdateTrafficMirrorSession')).toBe(0);
	});

	test('a load balancer picked for an elb session is created with it', async () => {
		const result = await api.run(
			sessionCreateParameters(filterId, {
				trafficMirrorSources: SOURCE_PORT_ID,
				trafficMirrorTargetType: 'elb',
				trafficMirrorTargetId: picked(ANALYSER_LB.id, 'Load balancer: analyser-lb (192.168.0.50)'),
			}),
			[{ name: 'to-the-lb' }],
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ traffic_mirror_target_type: 'elb', traffic_mirror_target_id: ANALYSER_LB.id });
	});
});
