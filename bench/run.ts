/**
 * `npm run bench` (after `npm run build`): this node against n8n's own HTTP Request node inside real n8n executions
 * (the bar), then against the official Huawei Cloud SDK and the loopback limit (for reference). Prints Markdown; with
 * `--write`, also puts it into docs/benchmarks.md.
 *
 * `-- --only-n8n` runs the comparison with the HTTP Request node alone; `-- --rounds N` sets its rounds; `-- --profile`
 * adds a CPU-profiled run of the same executions, showing where each node's CPU time goes; `-- --package-root DIR`
 * measures the package checked out in DIR (an older commit, say) in n8n instead of this one.
 */
// First: HOME and n8n's user folder go to a temporary folder (the SDK and n8n-core write there), no proxy.
import '../test/setup-env';
// Before the engine helper: it then runs the built node (see built-node.ts).
import './built-node';

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { shutDownEngine } from '../test/helpers/engine';
import { measureColdLoad } from './cold-load';
import { measureCreates } from './creates';
import { startBenchEmulator } from './emulator';
import { DEFAULT_ROUNDS, measureInN8n, profileInN8n } from './in-n8n';
import { measureListing } from './listing';
import { describeMachine, machineTable } from './machine';
import { hasOperation, nodeOption } from './node-options';
import { renderResults, type ReferenceResults } from './report';
import { measureSigning } from './signing';
import { measureThrottled } from './throttled';
import { createFilter } from './workload';

const BENCHMARKS_FILE = join(__dirname, '..', 'docs', 'benchmarks.md');
const START_MARK = '<!-- bench:results:start -->';
const END_MARK = '<!-- bench:results:end -->';

async function step<T>(name: string, measure: () => Promise<T> | T): Promise<T> {
	const start = performance.now();
	process.stderr.write(`${name}…`);
	const result = await measure();
	process.stderr.write(` ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
	return result;
}

async function main() {
	if (process.argv.includes('--write') && (process.argv.includes('--only-n8n') || argument('--package-root'))) {
		throw new Error('--write replaces every result in docs/benchmarks.md with this package\'s: no --only-n8n, no --package-root');
	}
	const machine = describeMachine();
	const concurrencyOption = nodeOption('maxConcurrentRequests');
	const rateOption = nodeOption('maxRequestsPerSecond');
	const progress = (line: string) => process.stderr.write(`\n  ${line}`);
	const rounds = Number(argument('--rounds') ?? DEFAULT_ROUNDS);
	const inN8nOptions = { rounds, packageRoot: argument('--package-root'), onProgress: progress };
	const inN8n = await step(`in n8n, ${rounds} rounds`, () => measureInN8n(inN8nOptions));
	const cpu = process.argv.includes('--profile') ? await step('in n8n, CPU profile', () => profileInN8n(inN8nOptions)) : undefined;
	const reference = process.argv.includes('--only-n8n') ? undefined : await measureReference(concurrencyOption, rateOption);
	const markdown = renderResults({ inN8n, cpu, reference }, machineTable(machine));
	console.log(markdown);
	if (process.argv.includes('--write')) writeResults(markdown);
}

function argument(name: string): string | undefined {
	const index = process.argv.indexOf(name);
	return index < 0 ? undefined : process.argv[index + 1];
}

async function measureReference(
	concurrencyOption: ReturnType<typeof nodeOption>,
	rateOption: ReturnType<typeof nodeOption>,
): Promise<ReferenceResults> {
	const coldLoad = await step('cold load', measureColdLoad);
	const signing = await step('signing', measureSigning);
	const emulator = await startBenchEmulator();
	try {
		const creates = await step('creates', () => measureCreates(emulator, concurrencyOption));
		// The throttled creates too go to an empty project with one filter.
		await emulator.reset();
		const filterId = await createFilter(emulator.url, emulator.credentials);
		const throttled = rateOption
			? await step('throttled', () => measureThrottled(emulator, filterId, rateOption, concurrencyOption))
			: 'the node has no request rate option yet';
		const listing = hasOperation('trafficMirrorSession', 'getAll')
			? await step('listing', () => measureListing(emulator))
			: 'the node has no Get Many for sessions yet';
		return { coldLoad, signing, creates, throttled, listing, concurrencyOption, rateOption };
	} finally {
		await emulator.close();
		shutDownEngine();
	}
}

function writeResults(markdown: string) {
	const text = readFileSync(BENCHMARKS_FILE, 'utf8');
	const start = text.indexOf(START_MARK);
	const end = text.indexOf(END_MARK);
	if (start < 0 || end < start) throw new Error(`${BENCHMARKS_FILE} has no ${START_MARK} … ${END_MARK} section`);
	const measured = `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`;
	writeFileSync(BENCHMARKS_FILE, `${text.slice(0, start + START_MARK.length)}\n${measured}\n\n${markdown}\n${text.slice(end)}`);
	process.stderr.write(`Results written to ${BENCHMARKS_FILE}\n`);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
