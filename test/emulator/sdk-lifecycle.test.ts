/**
 * Fidelity: every traffic-mirroring operation of the official Huawei Cloud SDK for Node succeeds against the
 * emulator with SDK-signed requests, and the SDK reads every answer.
 */
import { v3 } from '@huaweicloud/huaweicloud-sdk-vpc';

import { DEMO_LOAD_BALANCERS, startEmulator, RunningEmulator } from '../../emulator/server';
import {
	Answered,
	createSessionRequest,
	FilterAnswer,
	FiltersAnswer,
	PROJECT_ID,
	RuleAnswer,
	RulesAnswer,
	SessionAnswer,
	SessionsAnswer,
	SOURCE_PORT_ID,
	TARGET_PORT_ID,
	sdkClient,
	sdkError,
	seedSessionOption,
	wire,
} from './helpers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const SECOND_SOURCE = '8d5f0c7b-2e4a-4f61-9b3c-7a1e5d2c9f02';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

let emulator: RunningEmulator;
let client: v3.VpcClient;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0 });
	client = sdkClient(emulator);
});

afterAll(() => emulator.close());

function createFilter(name: string) {
	return wire<FilterAnswer>(
		client.createTrafficMirrorFilter(
			new v3.CreateTrafficMirrorFilterRequest().withBody(
				new v3.CreateTrafficMirrorFilterRequestBody().withTrafficMirrorFilter(
					new v3.CreateTrafficMirrorFilterOption().withName(name).withDescription('web traffic'),
				),
			),
		),
	);
}

async function newFilterId(name: string): Promise<string> {
	return (await createFilter(name)).traffic_mirror_filter.id;
}

function createSession(filterId: string, name: string) {
	return wire<SessionAnswer>(
		client.createTrafficMirrorSession(createSessionRequest(seedSessionOption(filterId, name).withPriority(11))),
	);
}

function sourcesBody(sources: string[]) {
	return new v3.AddSourcesToTrafficMirrorSessionRequestBody().withTrafficMirrorSession(
		new v3.TrafficMirrorSourcesOption().withTrafficMirrorSources(sources),
	);
}

describe('filters and filter rules through the SDK', () => {
	it('creates, shows, lists, updates and deletes a filter with its rules', async () => {
		const created = await createFilter('web-filter');
		expect(created.httpStatusCode).toBe(201);
		expect(created.request_id).toMatch(UUID);
		const filter = created.traffic_mirror_filter;
		expect(filter).toMatchObject({
			name: 'web-filter',
			description: 'web traffic',
			project_id: PROJECT_ID,
			ingress_rules: [],
			egress_rules: [],
		});
		expect(filter.id).toMatch(UUID);
		expect(filter.created_at).toMatch(TIMESTAMP);

		const rule = await wire<RuleAnswer>(
			client.createTrafficMirrorFilterRule(
				new v3.CreateTrafficMirrorFilterRuleRequest().withBody(
					new v3.CreateTrafficMirrorFilterRuleRequestBody().withTrafficMirrorFilterRule(
						new v3.CreateTrafficMirrorFilterRuleOption()
							.withTrafficMirrorFilterId(filter.id)
							.withDirection('ingress')
							.withProtocol('tcp')
							.withEthertype('ipv4')
							.withAction('accept')
							.withPriority(10)
							.withSourceCidrBlock('192.168.0.0/24 ')
							.withDestinationPortRange('80-443'),
					),
				),
			),
		);
		expect(rule.httpStatusCode).toBe(201);
		const ruleId = rule.traffic_mirror_filter_rule.id;
		expect(rule.traffic_mirror_filter_rule).toMatchObject({
			protocol: 'TCP',
			ethertype: 'IPv4',
			source_cidr_block: '192.168.0.0/24',
			destination_port_range: '80-443',
			direction: 'ingress',
			description: '',
		});
		expect(rule.traffic_mirror_filter_rule).not.toHaveProperty('destination_cidr_block');

		const shownFilter = await wire<FilterAnswer>(
			client.showTrafficMirrorFilter(new v3.ShowTrafficMirrorFilterRequest().withTrafficMirrorFilterId(filter.id)),
		);
		expect(shownFilter.traffic_mirror_filter.ingress_rules.map((r) => r.id)).toEqual([ruleId]);
		expect(shownFilter.traffic_mirror_filter.egress_rules).toEqual([]);

		const shownRule = await wire<RuleAnswer>(
			client.showTrafficMirrorFilterRule(new v3.ShowTrafficMirrorFilterRuleRequest().withTrafficMirrorFilterRuleId(ruleId)),
		);
		expect(shownRule.traffic_mirror_filter_rule.priority).toBe(10);

		const rules = await wire<RulesAnswer>(
			client.listTrafficMirrorFilterRules(
				new v3.ListTrafficMirrorFilterRulesRequest().withTrafficMirrorFilterId(filter.id).withProtocol('tcp'),
			),
		);
		expect(rules.traffic_mirror_filter_rules.map((r) => r.id)).toEqual([ruleId]);
		expect(rules.page_info).toEqual({ current_count: 1, previous_marker: ruleId });

		const updatedRule = await wire<RuleAnswer>(
			client.updateTrafficMirrorFilterRule(
				new v3.UpdateTrafficMirrorFilterRuleRequest().withTrafficMirrorFilterRuleId(ruleId).withBody(
					new v3.UpdateTrafficMirrorFilterRuleRequestBody().withTrafficMirrorFilterRule(
						new v3.UpdateTrafficMirrorFilterRuleOption().withAction('reject').withPriority(20).withDescription('no'),
					),
				),
			),
		);
		expect(updatedRule.traffic_mirror_filter_rule).toMatchObject({ action: 'reject', priority: 20, description: 'no' });

		const updatedFilter = await wire<FilterAnswer>(
			client.updateTrafficMirrorFilter(
				new v3.UpdateTrafficMirrorFilterRequest().withTrafficMirrorFilterId(filter.id).withBody(
					new v3.UpdateTrafficMirrorFilterRequestBody().withTrafficMirrorFilter(
						new v3.UpdateTrafficMirrorFilterOption().withName('web-filter-2').withDescription(''),
					),
				),
			),
		);
		expect(updatedFilter.traffic_mirror_filter).toMatchObject({ name: 'web-filter-2', description: '' });

		const filters = await wire<FiltersAnswer>(
			client.listTrafficMirrorFilters(new v3.ListTrafficMirrorFiltersRequest().withName('web-filter-2')),
		);
		expect(filters.traffic_mirror_filters.map((f) => f.id)).toEqual([filter.id]);
		expect(filters.traffic_mirror_filters[0].ingress_rules.map((r) => r.id)).toEqual([ruleId]);

		const deletedRule = await wire<Answered>(
			client.deleteTrafficMirrorFilterRule(new v3.DeleteTrafficMirrorFilterRuleRequest().withTrafficMirrorFilterRuleId(ruleId)),
		);
		expect(deletedRule.httpStatusCode).toBe(204);
		const deletedFilter = await wire<Answered>(
			client.deleteTrafficMirrorFilter(new v3.DeleteTrafficMirrorFilterRequest().withTrafficMirrorFilterId(filter.id)),
		);
		expect(deletedFilter.httpStatusCode).toBe(204);

		const gone = await sdkError(
			client.showTrafficMirrorFilter(new v3.ShowTrafficMirrorFilterRequest().withTrafficMirrorFilterId(filter.id)),
		);
		expect(gone).toMatchObject({ httpStatusCode: 404, errorCode: 'VPC.0003' });
		expect(gone.requestId).toMatch(UUID);
	});
});

describe('sessions through the SDK', () => {
	it('creates with the seed example body and answers the seed example shape', async () => {
		const created = await createSession(await newFilterId('seed-filter'), 'test-session');
		expect(created.httpStatusCode).toBe(201);
		const session = created.traffic_mirror_session;
		expect(Object.keys(session).sort()).toEqual(
			[
				'created_at',
				'description',
				'enabled',
				'id',
				'name',
				'packet_length',
				'priority',
				'project_id',
				'traffic_mirror_filter_id',
				'traffic_mirror_sources',
				'traffic_mirror_target_id',
				'traffic_mirror_target_type',
				'type',
				'updated_at',
				'virtual_network_id',
			].sort(),
		);
		expect(session).toMatchObject({
			name: 'test-session',
			description: '',
			project_id: PROJECT_ID,
			traffic_mirror_sources: [SOURCE_PORT_ID],
			traffic_mirror_target_id: TARGET_PORT_ID,
			traffic_mirror_target_type: 'eni',
			virtual_network_id: 1,
			packet_length: 96,
			priority: 11,
			enabled: false,
			type: 'eni',
		});
		expect(session.created_at).toMatch(TIMESTAMP);
		expect(session.updated_at).toBe(session.created_at);
	});

	it('takes the SDK create encodings (strings) and update encodings (integers), and manages sources', async () => {
		const filterId = await newFilterId('full-filter');
		const created = await wire<SessionAnswer>(
			client.createTrafficMirrorSession(
				createSessionRequest(
					seedSessionOption(filterId, '镜像-session.1')
						.withDescription('mirror of the web tier')
						.withVirtualNetworkId('4096')
						.withPacketLength('1460')
						.withPriority(100)
						.withEnabled('true')
						.withType('eni'),
				),
			),
		);
		const id = created.traffic_mirror_session.id;
		expect(created.traffic_mirror_session).toMatchObject({
			name: '镜像-session.1',
			virtual_network_id: 4096,
			packet_length: 1460,
			enabled: true,
		});

		const updated = await wire<SessionAnswer>(
			client.updateTrafficMirrorSession(
				new v3.UpdateTrafficMirrorSessionRequest().withTrafficMirrorSessionId(id).withBody(
					new v3.UpdateTrafficMirrorSessionRequestBody().withTrafficMirrorSession(
						new v3.UpdateTrafficMirrorSessionOption()
							.withVirtualNetworkId(0)
							.withPacketLength(1)
							.withPriority(32766)
							.withEnabled('false')
							.withTrafficMirrorTargetType('elb')
							.withTrafficMirrorTargetId(DEMO_LOAD_BALANCERS[0].id),
					),
				),
			),
		);
		expect(updated.httpStatusCode).toBe(200);
		expect(updated.traffic_mirror_session).toMatchObject({
			virtual_network_id: 0,
			packet_length: 1,
			priority: 32766,
			enabled: false,
			traffic_mirror_target_type: 'elb',
			traffic_mirror_target_id: DEMO_LOAD_BALANCERS[0].id,
			name: '镜像-session.1',
		});

		const added = await wire<SessionAnswer>(
			client.addSourcesToTrafficMirrorSession(
				new v3.AddSourcesToTrafficMirrorSessionRequest().withTrafficMirrorSessionId(id).withBody(sourcesBody([SECOND_SOURCE])),
			),
		);
		expect(added.traffic_mirror_session.traffic_mirror_sources).toEqual([SOURCE_PORT_ID, SECOND_SOURCE]);

		const removed = await wire<SessionAnswer>(
			client.removeSourcesFromTrafficMirrorSession(
				new v3.RemoveSourcesFromTrafficMirrorSessionRequest().withTrafficMirrorSessionId(id).withBody(
					new v3.RemoveSourcesFromTrafficMirrorSessionRequestBody().withTrafficMirrorSession(
						new v3.TrafficMirrorSourcesOption().withTrafficMirrorSources([SOURCE_PORT_ID]),
					),
				),
			),
		);
		expect(removed.traffic_mirror_session.traffic_mirror_sources).toEqual([SECOND_SOURCE]);

		const shown = await wire<SessionAnswer>(
			client.showTrafficMirrorSession(new v3.ShowTrafficMirrorSessionRequest().withTrafficMirrorSessionId(id)),
		);
		expect(shown.traffic_mirror_session.traffic_mirror_sources).toEqual([SECOND_SOURCE]);

		const listed = await wire<SessionsAnswer>(
			client.listTrafficMirrorSessions(
				new v3.ListTrafficMirrorSessionsRequest().withName('镜像-session.1').withEnabled('false').withPriority('32766'),
			),
		);
		expect(listed.traffic_mirror_sessions.map((s) => s.id)).toEqual([id]);

		const inUse = await sdkError(
			client.deleteTrafficMirrorFilter(new v3.DeleteTrafficMirrorFilterRequest().withTrafficMirrorFilterId(filterId)),
		);
		expect(inUse).toMatchObject({ httpStatusCode: 409 });

		const deleted = await wire<Answered>(
			client.deleteTrafficMirrorSession(new v3.DeleteTrafficMirrorSessionRequest().withTrafficMirrorSessionId(id)),
		);
		expect(deleted.httpStatusCode).toBe(204);
		const gone = await sdkError(
			client.showTrafficMirrorSession(new v3.ShowTrafficMirrorSessionRequest().withTrafficMirrorSessionId(id)),
		);
		expect(gone).toMatchObject({ httpStatusCode: 404, errorCode: 'VPC.0003' });
	});

	it('refuses adding a present source, removing an absent one, and an eleventh source', async () => {
		const id = (await createSession(await newFilterId('sources-filter'), 'sources')).traffic_mirror_session.id;
		const add = (sources: string[]) =>
			sdkError(
				client.addSourcesToTrafficMirrorSession(
					new v3.AddSourcesToTrafficMirrorSessionRequest().withTrafficMirrorSessionId(id).withBody(sourcesBody(sources)),
				),
			);
		expect(await add([SOURCE_PORT_ID])).toMatchObject({ httpStatusCode: 400, errorCode: 'VPC.0002' });
		const ten = Array.from({ length: 10 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
		// Ten more than the one it has: over the quota of sources per session.
		expect(await add(ten)).toMatchObject({ httpStatusCode: 400, errorCode: 'VPC.0410' });
		const absent = await sdkError(
			client.removeSourcesFromTrafficMirrorSession(
				new v3.RemoveSourcesFromTrafficMirrorSessionRequest().withTrafficMirrorSessionId(id).withBody(
					new v3.RemoveSourcesFromTrafficMirrorSessionRequestBody().withTrafficMirrorSession(
						new v3.TrafficMirrorSourcesOption().withTrafficMirrorSources([SECOND_SOURCE]),
					),
				),
			),
		);
		expect(absent).toMatchObject({ httpStatusCode: 400, errorCode: 'VPC.0002' });
	});

	it('pages through sessions with limit and marker in creation order', async () => {
		const filterId = await newFilterId('paging-filter');
		const ids: string[] = [];
		for (let i = 0; i < 7; i++) ids.push((await createSession(filterId, `page-${i}`)).traffic_mirror_session.id);

		const seen: string[] = [];
		const pageSizes: number[] = [];
		let marker: string | undefined;
		do {
			const request = new v3.ListTrafficMirrorSessionsRequest().withTrafficMirrorFilterId(filterId).withLimit(3);
			if (marker) request.withMarker(marker);
			const page = await wire<SessionsAnswer>(client.listTrafficMirrorSessions(request));
			const items = page.traffic_mirror_sessions;
			seen.push(...items.map((s) => s.id));
			pageSizes.push(page.page_info.current_count);
			expect(page.page_info.previous_marker).toBe(items[0].id);
			marker = page.page_info.next_marker;
			if (marker) expect(marker).toBe(items[items.length - 1].id);
		} while (marker);
		expect(seen).toEqual(ids);
		expect(pageSizes).toEqual([3, 3, 1]);
	});

	it('refuses bad input and unknown ids with the VPC error body', async () => {
		const filterId = await newFilterId('bad-input-filter');
		const badName = await sdkError(createSession(filterId, 'no spaces allowed'));
		expect(badName).toMatchObject({ httpStatusCode: 400, errorCode: 'VPC.0002' });
		expect(badName.errorMsg).toContain('traffic_mirror_session.name');

		const unknownFilter = await sdkError(createSession(UNKNOWN_ID, 'orphan'));
		expect(unknownFilter).toMatchObject({ httpStatusCode: 400, errorCode: 'VPC.0002' });

		const badLimit = await sdkError(client.listTrafficMirrorSessions(new v3.ListTrafficMirrorSessionsRequest().withLimit(2001)));
		expect(badLimit).toMatchObject({ httpStatusCode: 400, errorCode: 'VPC.0002' });

		const missing = await sdkError(
			client.updateTrafficMirrorSession(
				new v3.UpdateTrafficMirrorSessionRequest().withTrafficMirrorSessionId(UNKNOWN_ID).withBody(
					new v3.UpdateTrafficMirrorSessionRequestBody().withTrafficMirrorSession(
						new v3.UpdateTrafficMirrorSessionOption().withName('x'),
					),
				),
			),
		);
		expect(missing).toMatchObject({ httpStatusCode: 404, errorCode: 'VPC.0003' });
	});
});
