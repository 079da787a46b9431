/**
 * This node against n8n's own HTTP Request node, inside real n8n executions: per item, each node's own execution
 * time as n8n records it (runData executionTime), for a Create and for a Get Many page, at 1 and at 8 requests in
 * flight. Both send the same request to the same local server in the same execution of the same n8n process; which
 * one runs first alternates from round to round and from cell to cell, and the first round only warms up.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import { Authenticator } from '../emulator/auth';
import { EMULATOR_DEFAULTS } from '../emulator/defaults';
import { prepareN8n, type N8nRun } from '../scripts/n8n';
import { attributeProfiles, type Attribution } from './cpu-profile';
import { startEngineServer, type RecordedRequest } from './engine-server';
import { benchWorkflow, HTTP_REQUEST_NODE, ITEMS, THIS_NODE, type Cell, type Order } from './engine-workflows';
import { median } from './stats';

export const CELLS: Cell[] = [
	{ operation: 'create', inFlight: 1 },
	{ operation: 'create', inFlight: 8 },
	{ operation: 'create', inFlight: 1, oneItemPerRun: true },
	{ operation: 'getManyPage', inFlight: 1 },
	{ operation: 'getManyPage', inFlight: 8 },
];
export const DEFAULT_ROUNDS = 20;
/** Rounds of the profiled run: its timings are not used, only where the CPU goes. */
const PROFILED_ROUNDS = 3;

export interface Spread {
	median: number;
	min: number;
	max: number;
}

export interface CellResult extends Cell {
	/** Per item, ms, over the measured rounds. */
	node: Spread;
	httpRequest: Spread;
	/** This node's time over the HTTP Request node's in the same execution, over the measured rounds. */
	ratio: Spread;
}

export interface InN8nResult {
	n8nVersion: string;
	rounds: number;
	cells: CellResult[];
	/** Requests the server received from each, warm-up included, and the TCP connections they came on. */
	requests: { node: number; httpRequest: number };
	connections: { node: number; httpRequest: number };
	/** This node's requests whose signature did not verify at the server (must be 0). */
	badSignatures: number;
	/** The 1-minute load average, sampled every 5 s while the executions ran. */
	load: Spread;
}

const spread = (values: number[]): Spread => ({ median: median(values), min: Math.min(...values), max: Math.max(...values) });

const workflowId = (round: number, cellIndex: number) => `bench${String(round).padStart(2, '0')}cell${cellIndex}`;
const orderOf = (round: number, cellIndex: number): Order => ((round + cellIndex) % 2 === 0 ? 'nodeFirst' : 'httpFirst');

/** The executionTime of all of a node's runs in one execution, per item. */
function perItem(run: N8nRun, nodeName: string): number {
	const tasks = run.data.resultData.runData[nodeName] ?? [];
	if (tasks.length === 0) throw new Error(`${nodeName} did not run`);
	return tasks.reduce((total, task) => total + (task.executionTime ?? Number.NaN), 0) / ITEMS;
}

export interface InN8nOptions {
	rounds?: number;
	/** Another checkout of this package to measure (an older version, say); this one by default. */
	packageRoot?: string;
	onProgress?: (line: string) => void;
}

export async function measureInN8n(options: InN8nOptions = {}): Promise<InN8nResult> {
	return await runRounds({ rounds: DEFAULT_ROUNDS, ...options }, []);
}

/** The same executions in an n8n run with `--cpu-prof`: where each node's CPU time goes, per item. */
export async function profileInN8n(options: InN8nOptions = {}): Promise<Attribution> {
	const folder = mkdtempSync(join(tmpdir(), 'hwc-vpc-cpu-profile-'));
	try {
		await runRounds({ ...options, rounds: PROFILED_ROUNDS }, ['--cpu-prof', `--cpu-prof-dir=${folder}`]);
		return attributeProfiles(folder, (PROFILED_ROUNDS + 1) * CELLS.length * ITEMS);
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

async function runRounds(options: InN8nOptions & { rounds: number }, nodeArguments: string[]): Promise<InN8nResult> {
	const { rounds, onProgress } = options;
	const server = await startEngineServer();
	const prepared = await prepareN8n({ emulatorUrl: server.url, onProgress, root: options.packageRoot });
	try {
		const workflows = Array.from({ length: rounds + 1 }, (_, round) =>
			CELLS.map((cell, cellIndex) => benchWorkflow(workflowId(round, cellIndex), cell, orderOf(round, cellIndex), server.url)),
		).flat();
		await prepared.n8n.importWorkflows(workflows);
		onProgress?.(`Running ${workflows.length} executions of ${ITEMS} items per contender in one n8n...`);
		const loads: number[] = [];
		const sampler = setInterval(() => loads.push(loadavg()[0]), 5000);
		const batch = await prepared.n8n
			.executeBatch(
				workflows.map((workflow) => workflow.id),
				nodeArguments,
			)
			.finally(() => clearInterval(sampler));
		if (batch.failures.size > 0) throw new Error(`Benchmark workflows failed: ${JSON.stringify([...batch.failures])}`);
		const requests = server.take();
		const signed = requests.filter((request) => request.headers.authorization !== undefined);
		const unsigned = requests.filter((request) => request.headers.authorization === undefined);
		return {
			n8nVersion: n8nVersion(prepared.n8n.n8nRoot),
			rounds,
			cells: CELLS.map((cell, cellIndex) => cellResult(cell, cellIndex, rounds, batch.runs)),
			requests: { node: signed.length, httpRequest: unsigned.length },
			connections: { node: connectionsOf(signed), httpRequest: connectionsOf(unsigned) },
			badSignatures: signed.filter((request) => !signatureValid(request)).length,
			load: spread(loads.length > 0 ? loads : [loadavg()[0]]),
		};
	} finally {
		prepared.dispose();
		await server.close();
	}
}

function n8nVersion(n8nRoot: string): string {
	return (JSON.parse(readFileSync(join(n8nRoot, 'node_modules', 'n8n', 'package.json'), 'utf8')) as { version: string }).version;
}

function cellResult(cell: Cell, cellIndex: number, rounds: number, runs: Map<string, N8nRun>): CellResult {
	const node: number[] = [];
	const httpRequest: number[] = [];
	for (let round = 1; round <= rounds; round++) {
		const run = runs.get(workflowId(round, cellIndex));
		if (!run) throw new Error(`No run of ${workflowId(round, cellIndex)}`);
		node.push(perItem(run, THIS_NODE));
		httpRequest.push(perItem(run, HTTP_REQUEST_NODE));
	}
	return {
		...cell,
		node: spread(node),
		httpRequest: spread(httpRequest),
		ratio: spread(node.map((time, index) => time / httpRequest[index])),
	};
}

const connectionsOf = (requests: RecordedRequest[]) => new Set(requests.map((request) => request.connection)).size;

const authenticator = new Authenticator({
	accessKeyId: EMULATOR_DEFAULTS.accessKeyId,
	secretAccessKey: EMULATOR_DEFAULTS.secretAccessKey,
	akLockout: false,
});

function signatureValid(request: RecordedRequest): boolean {
	try {
		authenticator.verify(request, request.receivedAt);
		return true;
	} catch {
		return false;
	}
}
