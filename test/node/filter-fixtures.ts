/**
 * Set-up shared by the filter and filter-rule operation tests: an emulator, the node's credentials for it, and
 * filters, rules and sessions made directly through the emulator's signed API (so a test of one operation does not
 * depend on another).
 */
import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import type { TrafficMirrorFilterRule, TrafficMirrorSession } from '../../emulator/model';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { AK, PROJECT_ID, SK, signedRequest, SOURCE_PORT_ID, TARGET_PORT_ID, v3Path, type FilterWithRules } from '../emulator/helpers';
import { runNode, type RunResult } from '../helpers/engine';

export interface FilterFixture {
	emulator: RunningEmulator;
	/** Runs the node once with these parameters (input items, node settings) against the emulator. */
	run(parameters: INodeParameters, items?: IDataObject[], settings?: Partial<INode>): Promise<RunResult>;
	createFilter(overrides?: Record<string, unknown>): Promise<FilterWithRules>;
	/** Many filters at once, named `prefix-00000` to `prefix-<count - 1>`. */
	createFilters(count: number, prefix: string): Promise<void>;
	createRule(filterId: string, overrides?: Record<string, unknown>): Promise<TrafficMirrorFilterRule>;
	createSession(filterId: string): Promise<TrafficMirrorSession>;
	/** The filter (with its rules) as the emulator holds it now, or undefined when it is gone. */
	showFilter(id: string): Promise<FilterWithRules | undefined>;
	showRule(id: string): Promise<TrafficMirrorFilterRule | undefined>;
	/** How many requests of an API operation (e.g. `UpdateTrafficMirrorFilter`) the emulator has answered. */
	requestsOf(operation: string): number;
	totalRequests(): number;
}

async function created<T>(answer: Promise<{ status: number; text: string; json(): Record<string, unknown> }>, key: string): Promise<T> {
	const { status, text, json } = await answer;
	if (status !== 201) throw new Error(`Fixture ${key} not created: ${status} ${text}`);
	return json()[key] as T;
}

export async function startFilterFixture(): Promise<FilterFixture> {
	const emulator = await startEmulator({ port: 0 });
	const credentials = { accessKeyId: AK, secretAccessKey: SK, projectId: PROJECT_ID, region: 'custom', endpoint: emulator.url };
	const post = (path: string, body: object) => signedRequest(emulator, 'POST', v3Path(path), { body });
	const show = async <T>(path: string, key: string) => {
		const answer = await signedRequest(emulator, 'GET', v3Path(path));
		return answer.status === 200 ? (answer.json()[key] as T) : undefined;
	};
	let filters = 0;
	const createFilter = async (overrides: Record<string, unknown> = {}) =>
		await created<FilterWithRules>(
			post('traffic-mirror-filters', { traffic_mirror_filter: { name: `filter-${++filters}`, ...overrides } }),
			'traffic_mirror_filter',
		);
	return {
		emulator,
		run: async (parameters, items, settings) => await runNode({ parameters, credentials, items, settings }),
		createFilter,
		async createFilters(count, prefix) {
			// In batches: thousands at once would open thousands of sockets.
			for (let start = 0; start < count; start += 50) {
				const batch = Array.from({ length: Math.min(50, count - start) }, (_, i) =>
					createFilter({ name: `${prefix}-${String(start + i).padStart(5, '0')}` }),
				);
				await Promise.all(batch);
			}
		},
		createRule: async (filterId, overrides = {}) =>
			await created<TrafficMirrorFilterRule>(
				post('traffic-mirror-filter-rules', {
					traffic_mirror_filter_rule: {
						traffic_mirror_filter_id: filterId,
						direction: 'ingress',
						protocol: 'TCP',
						ethertype: 'IPv4',
						action: 'accept',
						priority: 1,
						...overrides,
					},
				}),
				'traffic_mirror_filter_rule',
			),
		createSession: async (filterId) =>
			await created<TrafficMirrorSession>(
				post('traffic-mirror-sessions', {
					traffic_mirror_session: {
						name: 'uses-the-filter',
						traffic_mirror_filter_id: filterId,
						traffic_mirror_sources: [SOURCE_PORT_ID],
						traffic_mirror_target_id: TARGET_PORT_ID,
						traffic_mirror_target_type: 'eni',
						priority: 1,
						enabled: true,
					},
				}),
				'traffic_mirror_session',
			),
		showFilter: async (id) => await show<FilterWithRules>(`traffic-mirror-filters/${id}`, 'traffic_mirror_filter'),
		showRule: async (id) => await show<TrafficMirrorFilterRule>(`traffic-mirror-filter-rules/${id}`, 'traffic_mirror_filter_rule'),
		requestsOf: (operation) => emulator.counters().requests.byOperation[operation] ?? 0,
		totalRequests: () => emulator.counters().requests.total,
	};
}

/** A resource locator value in ID mode, as n8n stores it. */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** An ID no resource has. */
export const MISSING_ID = '00000000-0000-4000-8000-000000000000';
