/**
 * One private n8n: its own user folder (database, installed community packages), a fixed encryption key, and
 * commands to import credentials and workflows, execute workflows headlessly, or start the editor.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { freePort, run, spawnTracked, type RunResult } from './process';
import { parseRunOutput, type N8nRun } from './run';

/** A credential as `n8n import:credentials` takes it: a plain-object `data` is encrypted on import. */
export interface CredentialFile {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** A workflow as `n8n import:workflow` takes it; the `id` (at most 21 characters) is what `execute --id` uses. */
export interface WorkflowFile {
	id: string;
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	active?: boolean;
	settings?: Record<string, unknown>;
}

export interface BatchResult {
	/** The full run of each workflow that finished without a workflow error, by workflow id. */
	runs: Map<string, N8nRun>;
	/** n8n's summary of each workflow that failed, by workflow id. */
	failures: Map<string, string>;
	raw: RunResult;
}

/** Any key works: it only has to stay the same between the imports and the runs of one user folder. */
const ENCRYPTION_KEY = 'n8n-nodes-huaweicloud-vpc-e2e-encryption-key';

export class N8nInstance {
	readonly userFolder: string;
	private readonly scratch: string;
	/** The Node.js folder scripts/ensure-n8n.sh installs beside an n8n that needs a newer Node than this one. */
	private readonly ownNodeFolder: string | undefined;

	constructor(
		readonly n8nRoot: string,
		userFolder?: string,
		/** Settings for every command of this n8n, e.g. a shared database and queue mode's Redis. */
		private readonly settings: Record<string, string> = {},
	) {
		this.userFolder = userFolder ?? mkdtempSync(join(tmpdir(), 'n8n-user-'));
		mkdirSync(this.userFolder, { recursive: true });
		this.scratch = join(this.userFolder, 'scratch');
		mkdirSync(this.scratch, { recursive: true });
		const nodeFolder = join(n8nRoot, 'node-bin');
		this.ownNodeFolder = existsSync(join(nodeFolder, 'node')) ? nodeFolder : undefined;
	}

	/** The environment of every n8n command: its own user folder and task broker port, no telemetry or update checks. */
	async environment(extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
		// Under jest NODE_ENV is "test": n8n then logs nothing and `execute-batch` wrote no output file. Run it as a user would.
		const inherited = { ...process.env };
		delete inherited.NODE_ENV;
		delete inherited.JEST_WORKER_ID;
		return {
			...inherited,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			// `execute --rawOutput` prints the run only at log level info or lower.
			N8N_LOG_LEVEL: 'info',
			NO_PROXY: '127.0.0.1,localhost',
			no_proxy: '127.0.0.1,localhost',
			// Whatever n8n starts by name (`node` for a task runner, npm) is then the same Node as n8n itself.
			...(this.ownNodeFolder && { PATH: [this.ownNodeFolder, inherited.PATH].filter(Boolean).join(delimiter) }),
			...this.settings,
			...extra,
		};
	}

	/** The version of this n8n, from its package. */
	get n8nVersion(): string {
		return (JSON.parse(readFileSync(join(this.n8nRoot, 'node_modules', 'n8n', 'package.json'), 'utf8')) as { version: string }).version;
	}

	private get binary(): string {
		return join(this.n8nRoot, 'node_modules', 'n8n', 'bin', 'n8n');
	}

	private get node(): string {
		return this.ownNodeFolder ? join(this.ownNodeFolder, 'node') : process.execPath;
	}

	/** An n8n command; `nodeArguments` go to Node.js itself (e.g. `--cpu-prof`, which NODE_OPTIONS does not take). */
	async command(args: string[], nodeArguments: string[] = []): Promise<RunResult> {
		return await run(this.node, [...nodeArguments, this.binary, ...args], { env: await this.environment() });
	}

	private async mustSucceed(args: string[]): Promise<RunResult> {
		const result = await this.command(args);
		if (result.code !== 0) {
			// The first line says what failed: n8n's last words, usually its reason; the rest is its whole output.
			const output = `${result.stdout}\n${result.stderr}`.trim();
			const lastLine = output.split('\n').filter((line) => line.trim() !== '').pop() ?? 'no output';
			throw new Error(`n8n ${args[0]} exited with ${result.code}: ${lastLine}\n${output}`);
		}
		return result;
	}

	async importCredentials(credentials: CredentialFile[]): Promise<void> {
		const file = join(this.scratch, 'credentials.json');
		writeFileSync(file, JSON.stringify(credentials));
		try {
			await this.mustSucceed(['import:credentials', `--input=${file}`]);
		} finally {
			// The file holds the secret key in clear; n8n keeps its own encrypted copy.
			rmSync(file, { force: true });
		}
	}

	/** Imports all the workflows with one n8n start. */
	async importWorkflows(workflows: WorkflowFile[]): Promise<void> {
		const folder = mkdtempSync(join(this.scratch, 'workflows-'));
		for (const workflow of workflows) {
			writeFileSync(join(folder, `${workflow.id}.json`), JSON.stringify({ active: false, settings: {}, ...workflow }));
		}
		try {
			await this.mustSucceed(['import:workflow', '--separate', `--input=${folder}`]);
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	}

	/**
	 * Makes an imported workflow live, so that its triggers (webhooks) listen once n8n starts: `n8n publish:workflow`
	 * in n8n 2.x, `n8n update:workflow --active=true` in 1.x, which has no publishing.
	 */
	async publishWorkflow(workflowId: string): Promise<void> {
		const published = await this.command(['publish:workflow', `--id=${workflowId}`]);
		if (published.code === 0) return;
		if (!/command .*not found/i.test(`${published.stdout}\n${published.stderr}`)) {
			throw new Error(`n8n publish:workflow failed (exit ${published.code}):\n${published.stdout}\n${published.stderr}`);
		}
		await this.mustSucceed(['update:workflow', `--id=${workflowId}`, '--active=true']);
	}

	/**
	 * `n8n execute --id`: the run, whatever its outcome. A run whose workflow failed is returned too (status `error`,
	 * the error in `data.resultData.error`); only output that holds no run at all throws.
	 */
	async execute(workflowId: string): Promise<N8nRun> {
		const result = await this.command(['execute', `--id=${workflowId}`, '--rawOutput']);
		return parseRunOutput(result);
	}

	/**
	 * Several workflows with one n8n start (`n8n execute-batch`, one after the other, never retried): each start
	 * costs 5 to 8 seconds. n8n writes the full run of each successful workflow as a snapshot file.
	 */
	async executeBatch(workflowIds: string[], nodeArguments: string[] = []): Promise<BatchResult> {
		if (workflowIds.some((id) => !/\d/.test(id))) {
			// n8n execute-batch silently skips every ID without a digit (it keeps those matching /\d+/).
			throw new Error(`execute-batch runs only workflow IDs with a digit in them: ${workflowIds.join(', ')}`);
		}
		const snapshots = mkdtempSync(join(this.scratch, 'snapshots-'));
		try {
			return await this.runBatch(workflowIds, snapshots, nodeArguments);
		} finally {
			rmSync(snapshots, { recursive: true, force: true });
		}
	}

	private async runBatch(workflowIds: string[], snapshots: string, nodeArguments: string[]): Promise<BatchResult> {
		const summaryFile = join(snapshots, 'summary.json');
		const raw = await this.command(
			[
				'execute-batch',
				`--ids=${workflowIds.join(',')}`,
				'--concurrency=1',
				'--retries=0',
				`--snapshot=${snapshots}`,
				`--output=${summaryFile}`,
			],
			nodeArguments,
		);
		let summary: { executions: Array<{ workflowId: string; executionStatus: string; error?: string }> };
		try {
			summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
		} catch {
			throw new Error(`n8n execute-batch wrote no summary (exit ${raw.code}):\n${raw.stdout}\n${raw.stderr}`);
		}
		const runs = new Map<string, N8nRun>();
		for (const file of readdirSync(snapshots).filter((name) => name.endsWith('-snapshot.json'))) {
			runs.set(file.replace(/-snapshot\.json$/, ''), JSON.parse(readFileSync(join(snapshots, file), 'utf8')) as N8nRun);
		}
		const failures = new Map<string, string>();
		for (const execution of summary.executions) {
			if (execution.executionStatus !== 'success') {
				failures.set(execution.workflowId, execution.error ?? execution.executionStatus);
			}
		}
		return { runs, failures, raw };
	}

	/** `n8n start`: the editor and its API on 127.0.0.1:`port`. The caller stops the child. */
	async startEditor(port: number): Promise<ChildProcess> {
		return await this.spawn(['start'], {
			N8N_PORT: String(port),
			N8N_HOST: 'localhost',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: 'warn',
		});
	}

	/** A long-running n8n command (`start`, `worker`), its output piped. The caller stops the child. */
	async spawn(args: string[], extra: Record<string, string> = {}): Promise<ChildProcess> {
		const env = await this.environment(extra);
		return spawnTracked(this.node, [this.binary, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	}

	dispose(): void {
		rmSync(this.userFolder, { recursive: true, force: true });
	}
}

