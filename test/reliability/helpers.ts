/**
 * Shared by the reliability tests: an emulator with a traffic mirror filter in it, the node's credentials for it,
 * Create parameters whose name comes from each input item, and a record of the waits the transport asked for.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/server';
import { replaceWaitForTests } from '../../nodes/HuaweiCloudVpc/transport/wait';
import { AK, PROJECT_ID, SK, signedRequest, SOURCE_PORT_ID, TARGET_PORT_ID, v3Path } from '../emulator/helpers';

export interface FaultyApi {
	emulator: RunningEmulator;
	filterId: string;
	credentials(extra?: Record<string, string>): Record<string, string>;
	/** How many times the emulator created a session of each name. */
	createsByName(): Record<string, number>;
	requestsOf(operation: string): number;
	/** Closes the emulator; a second call does nothing. */
	close(): Promise<void>;
}

export async function startFaultyApi(options: Partial<EmulatorOptions> = {}): Promise<FaultyApi> {
	const emulator = await startEmulator({ port: 0, ...options });
	// Made before any fault is set: the faults are for the node's requests.
	const faults = emulator.faults();
	emulator.setFaults({ rateLimit: 0, script: [], errorRate: 0, dropRate: 0, malformedRate: 0, latencyMs: 0 });
	const filter = await signedRequest(emulator, 'POST', v3Path('traffic-mirror-filters'), {
		body: { traffic_mirror_filter: { name: 'reliability' } },
		headers: options.securityToken ? { 'X-Security-Token': options.securityToken } : {},
	});
	if (filter.status !== 201) throw new Error(`Filter not created: ${filter.status} ${filter.text}`);
	emulator.setFaults(faults);
	let closing: Promise<void> | undefined;
	return {
		emulator,
		filterId: (filter.json().traffic_mirror_filter as { id: string }).id,
		credentials: (extra = {}) => ({
			accessKeyId: AK,
			secretAccessKey: SK,
			projectId: PROJECT_ID,
			region: 'custom',
			endpoint: emulator.url,
			...extra,
		}),
		createsByName: () => emulator.counters().sessionCreatesByName,
		requestsOf: (operation) => emulator.counters().requests.byOperation[operation] ?? 0,
		close: async () => await (closing ??= emulator.close()),
	};
}

/** Create parameters: the session's name is each input item's `name`. */
export function createParameters(filterId: string, extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'trafficMirrorSession',
		operation: 'create',
		name: '={{ $json.name }}',
		trafficMirrorFilterId: { __rl: true, mode: 'id', value: filterId },
		trafficMirrorSources: SOURCE_PORT_ID,
		trafficMirrorTargetType: 'eni',
		trafficMirrorTargetId: { __rl: true, mode: 'id', value: TARGET_PORT_ID },
		priority: 1,
		...extra,
	};
}

/** Input items named `<prefix>-000` … */
export function namedItems(count: number, prefix = 'item'): IDataObject[] {
	return Array.from({ length: count }, (_, index) => ({ name: `${prefix}-${String(index).padStart(3, '0')}` }));
}

/** The transport's waits become instant and are recorded; `restoreWaits` brings n8n's sleep back. */
export function recordWaits(): number[] {
	const waits: number[] = [];
	replaceWaitForTests(async (ms) => {
		waits.push(ms);
	});
	return waits;
}

export function restoreWaits(): void {
	replaceWaitForTests();
}

/** JSON of anything, cycles cut, so that a secret anywhere in an error (cause, context, description) is found. */
export function deepText(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (_key, item: unknown) => {
		if (item instanceof Error) {
			const own = Object.fromEntries(Object.getOwnPropertyNames(item).map((name) => [name, (item as unknown as IDataObject)[name]]));
			if (seen.has(item)) return '[seen]';
			seen.add(item);
			return { ...own, cause: (item as { cause?: unknown }).cause };
		}
		if (typeof item === 'object' && item !== null) {
			if (seen.has(item)) return '[seen]';
			seen.add(item);
		}
		return item;
	}) ?? '';
}
