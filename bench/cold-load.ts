/**
 * Cold load: requiring the built node and credential in a fresh Node process, against requiring the official VPC
 * SDK the same way. Timed inside the child (Node's own start-up is the same for both and left out).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { BUILT_CREDENTIAL_FILE, BUILT_NODE_FILE } from './built-node';
import { median, rotated } from './stats';

const ROOT = join(__dirname, '..');
const NODE_MODULES = [BUILT_NODE_FILE, BUILT_CREDENTIAL_FILE];
const SDK_MODULES = ['@huaweicloud/huaweicloud-sdk-vpc'];
const REPETITIONS = 9;

export interface LoadSample {
	ms: number;
	/** Heap still used after the load, after a full GC. */
	heapBytes: number;
}

export interface ColdLoadResult {
	/** n8n-workflow loaded before the clock starts, in both processes: n8n has it loaded already. */
	preloaded: { node: LoadSample; sdk: LoadSample };
	/** Nothing loaded before: the node's time includes loading n8n-workflow. */
	fromNothing: { node: LoadSample; sdk: LoadSample };
}

const run = promisify(execFile);

async function loadOnce(modules: string[], preloadWorkflow: boolean): Promise<LoadSample> {
	const script = `
		${preloadWorkflow ? "require('n8n-workflow');" : ''}
		gc();
		const heapBefore = process.memoryUsage().heapUsed;
		const start = performance.now();
		for (const name of ${JSON.stringify(modules)}) require(name);
		const ms = performance.now() - start;
		gc();
		process.stdout.write(JSON.stringify({ ms, heapBytes: process.memoryUsage().heapUsed - heapBefore }));
	`;
	const { stdout } = await run(process.execPath, ['--expose-gc', '-e', script], { cwd: ROOT });
	return JSON.parse(stdout) as LoadSample;
}

const medianSample = (samples: LoadSample[]): LoadSample => ({
	ms: median(samples.map((sample) => sample.ms)),
	heapBytes: median(samples.map((sample) => sample.heapBytes)),
});

export async function measureColdLoad(): Promise<ColdLoadResult> {
	const variants = [
		{ key: 'preloaded:node', modules: NODE_MODULES, preload: true },
		{ key: 'preloaded:sdk', modules: SDK_MODULES, preload: true },
		{ key: 'fromNothing:node', modules: NODE_MODULES, preload: false },
		{ key: 'fromNothing:sdk', modules: SDK_MODULES, preload: false },
	];
	const samples = new Map<string, LoadSample[]>(variants.map(({ key }) => [key, []]));
	// One throw-away round warms the file system cache.
	for (let round = -1; round < REPETITIONS; round++) {
		for (const variant of rotated(variants, round + 1)) {
			const sample = await loadOnce(variant.modules, variant.preload);
			if (round >= 0) samples.get(variant.key)!.push(sample);
		}
	}
	const result = (key: string) => medianSample(samples.get(key)!);
	return {
		preloaded: { node: result('preloaded:node'), sdk: result('preloaded:sdk') },
		fromNothing: { node: result('fromNothing:node'), sdk: result('fromNothing:sdk') },
	};
}
