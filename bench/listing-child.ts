/**
 * One listing of every session, alone in a fresh process so that its peak memory is its own. Run by listing.ts
 * with LISTING_CLIENT (`node` or `sdk`) and LISTING_ENDPOINT; answers with a ListingSample over IPC.
 */
import '../test/setup-env';

import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import { Logger4jInstance } from '@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger';
import { v3 } from '@huaweicloud/huaweicloud-sdk-vpc';

import { EMULATOR_DEFAULTS } from '../emulator/defaults';
import './built-node';
import { runNode, shutDownEngine } from '../test/helpers/engine';
import { emulatorCredentials } from './emulator';

export interface ListingSample {
	sessions: number;
	ms: number;
	/** Highest resident set size during the listing, above the RSS just before it. */
	peakRssBytes: number;
	/** Highest sampled V8 heap use during the listing, above the heap just before it. */
	peakHeapBytes: number;
	/** Heap still used after a full GC while the result is held: the result's own size. */
	retainedHeapBytes: number;
}

/** The SDK's page size limit, and the node's page size when returning all. */
const PAGE = 2_000;
const endpoint = process.env.LISTING_ENDPOINT as string;
const client = process.env.LISTING_CLIENT as 'node' | 'sdk';
const { accessKeyId, secretAccessKey, projectId } = EMULATOR_DEFAULTS;

async function listWithNode(limit?: number): Promise<unknown[]> {
	const result = await runNode({
		parameters: { resource: 'trafficMirrorSession', operation: 'getAll', ...(limit ? { returnAll: false, limit } : { returnAll: true }) },
		credentials: emulatorCredentials(endpoint),
	});
	if (result.error) throw result.error;
	return result.items;
}

Logger4jInstance.level = 'off';
const sdk = v3.VpcClient.newBuilder()
	.withCredential(new BasicCredentials().withAk(accessKeyId).withSk(secretAccessKey).withProjectId(projectId))
	.withEndpoint(endpoint)
	.build();

async function listWithSdk(limit?: number): Promise<unknown[]> {
	const sessions: unknown[] = [];
	let marker: string | undefined;
	do {
		const request = new v3.ListTrafficMirrorSessionsRequest().withLimit(limit ?? PAGE);
		if (marker) request.withMarker(marker);
		// The SDK hands back the parsed JSON, snake_case keys and all.
		const page = (await sdk.listTrafficMirrorSessions(request)) as unknown as {
			traffic_mirror_sessions: unknown[];
			page_info: { next_marker?: string };
		};
		sessions.push(...page.traffic_mirror_sessions);
		marker = limit ? undefined : page.page_info.next_marker;
	} while (marker);
	return sessions;
}

const gc = global.gc as () => void;

async function main(): Promise<ListingSample> {
	const list = client === 'node' ? listWithNode : listWithSdk;
	await list(10);
	gc();
	const rssBefore = process.memoryUsage.rss();
	const heapBefore = process.memoryUsage().heapUsed;
	let peakRss = rssBefore;
	let peakHeap = heapBefore;
	const sampler = setInterval(() => {
		const usage = process.memoryUsage();
		peakRss = Math.max(peakRss, usage.rss);
		peakHeap = Math.max(peakHeap, usage.heapUsed);
	}, 5);
	const start = performance.now();
	const sessions = await list();
	const ms = performance.now() - start;
	clearInterval(sampler);
	const usage = process.memoryUsage();
	peakRss = Math.max(peakRss, usage.rss, process.resourceUsage().maxRSS * 1024);
	peakHeap = Math.max(peakHeap, usage.heapUsed);
	gc();
	const retainedHeapBytes = process.memoryUsage().heapUsed - heapBefore;
	return {
		sessions: sessions.length,
		ms,
		peakRssBytes: peakRss - rssBefore,
		peakHeapBytes: peakHeap - heapBefore,
		retainedHeapBytes,
	};
}

main().then(
	(sample) => {
		if (client === 'node') shutDownEngine();
		process.send?.(sample, () => process.exit(0));
	},
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
