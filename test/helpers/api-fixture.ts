/**
 * An emulator, the node's credentials for it, and filters, rules and sessions made directly through the emulator's
 * signed API, so that a test of one operation does not depend on another operation of the node.
 */
import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import type { TrafficMirrorFilterRule, TrafficMirrorSession } from '../../emulator/model';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/server';
import { CUSTOM_ENDPOINT } from '../../credentials/common/huaweiCloud/endpoint';
import { signedRequest, SOURCE_PORT_ID, TARGET_PORT_ID, v3Path, type FilterWithRules } from '../emulator/helpers';
import { runNode, type RunResult } from './engine';

export interface ApiFixture {
	emulator: RunningEmulator;
	/** The credentials the emulator accepts (its security token included when it requires one), then `extra`. */
	credentials(extra?: Record<string, string>): Record<string, string>;
	/** Runs the node once with these parameters (input items, node settings) against the emulator. */
	run(parameters: INodeParameters, items?: IDataObject[], settings?: Partial<INode>): Promise<RunResult>;
	createFilter(overrides?: Record<string, unknown>): Promise<FilterWithRules>;
	createRule(filterId: string, overrides?: Record<string, unknown>): Promise<TrafficMirrorFilterRule>;
	createSession(filterId: string, overrides?: Record<string, unknown>): Promise<TrafficMirrorSession>;
	/** The resource as the emulator holds it now, or undefined when it is gone. */
	showFilter(id: string): Promise<FilterWithRules | undefined>;
	showRule(id: string): Promise<TrafficMirrorFilterRule | undefined>;
	showSession(id: string): Promise<TrafficMirrorSession | undefined>;
	/** How many requests of an API operation (e.g. `UpdateTrafficMirrorFilter`) the emulator has answered. */
	requestsOf(operation: string): number;
	totalRequests(): number;
	/** How many times the emulator created a session of each name. */
	createsByName(): Record<string, number>;
	/** Closes the emulator; a second call does nothing. */
	close(): Promise<void>;
}

// In batches: thousands of creates at once would open thousands of sockets.
const BATCH = 50;

/** Creates `count` resources, `BATCH` at a time, in index order. */
export async function createInBatches<T>(count: number, create: (index: number) => Promise<T>): Promise<T[]> {
	const created: T[] = [];
	for (let start = 0; start < count; start += BATCH) {
		const batch = Array.from({ length: Math.min(BATCH, count - start) }, (_, offset) => create(start + offset));
		created.push(...(await Promise.all(batch)));
	}
	return created;
}

export async function startApiFixture(options: Partial<EmulatorOptions> = {}): Promise<ApiFixture> {
	const emulator = await startEmulator({ port: 0, ...options });
	const { accessKeyId, secretAccessKey, projectId, securityToken } = emulator.options;
	const credentials = (extra: Record<string, string> = {}) => ({
		accessKeyId,
		secretAccessKey,
		projectId,
		...(securityToken ? { securityToken } : {}),
		region: CUSTOM_ENDPOINT,
		endpoint: emulator.url,
		elbEndpoint: emulator.url,
		...extra,
	});
	const headers: Record<string, string> = securityToken ? { 'X-Security-Token': securityToken } : {};
	const created = async <T>(path: string, key: string, body: object): Promise<T> => {
		const answer = await signedRequest(emulator, 'POST', v3Path(path), { body: { [key]: body }, headers });
		if (answer.status !== 201) throw new Error(`Fixture ${key} not created: ${answer.status} ${answer.text}`);
		return answer.json()[key] as T;
	};
	const shown = async <T>(path: string, key: string): Promise<T | undefined> => {
		const answer = await signedRequest(emulator, 'GET', v3Path(path), { headers });
		return answer.status === 200 ? (answer.json()[key] as T) : undefined;
	};
	let filters = 0;
	let sessions = 0;
	let closing: Promise<void> | undefined;
	return {
		emulator,
		credentials,
		run: async (parameters, items, settings) => await runNode({ parameters, credentials: credentials(), items, settings }),
		createFilter: async (overrides = {}) =>
			await created<FilterWithRules>('traffic-mirror-filters', 'traffic_mirror_filter', { name: `filter-${++filters}`, ...overrides }),
		createRule: async (filterId, overrides = {}) =>
			await created<TrafficMirrorFilterRule>('traffic-mirror-filter-rules', 'traffic_mirror_filter_rule', {
				traffic_mirror_filter_id: filterId,
				direction: 'ingress',
				protocol: 'TCP',
				ethertype: 'IPv4',
				action: 'accept',
				priority: 1,
				...overrides,
			}),
		createSession: async (filterId, overrides = {}) =>
			await created<TrafficMirrorSession>('traffic-mirror-sessions', 'traffic_mirror_session', {
				name: `session-${String(++sessions).padStart(5, '0')}`,
				traffic_mirror_filter_id: filterId,
				traffic_mirror_sources: [SOURCE_PORT_ID],
				traffic_mirror_target_id: TARGET_PORT_ID,
				traffic_mirror_target_type: 'eni',
				priority: 1,
				enabled: true,
				...overrides,
			}),
		showFilter: async (id) => await shown<FilterWithRules>(`traffic-mirror-filters/${id}`, 'traffic_mirror_filter'),
		showRule: async (id) => await shown<TrafficMirrorFilterRule>(`traffic-mirror-filter-rules/${id}`, 'traffic_mirror_filter_rule'),
		showSession: async (id) => await shown<TrafficMirrorSession>(`traffic-mirror-sessions/${id}`, 'traffic_mirror_session'),
		requestsOf: (operation) => emulator.counters().requests.byOperation[operation] ?? 0,
		totalRequests: () => emulator.counters().requests.total,
		createsByName: () => emulator.counters().sessionCreatesByName,
		close: async () => await (closing ??= emulator.close()),
	};
}
