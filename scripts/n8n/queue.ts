/**
 * n8n in queue mode, as teams run it once one process is not enough: a main instance takes the webhooks and puts
 * each execution on a Bull queue in Redis, workers take executions off the queue and run them, and one PostgreSQL
 * database is shared by all. Everything listens on loopback only, each n8n has this package installed as a community
 * package in its own user folder, and `stop()` ends it all.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';

import { installCommunityPackage, type PackedPackage, type Progress } from './install';
import { N8nInstance, type CredentialFile, type WorkflowFile } from './instance';
import { freePort, killChild, stopChild } from './process';
import { ensureQueueServices, startPostgres, startRedis, type RunningService } from './services';

const READY_TIMEOUT_MS = 180_000;
/** Each worker's name is in this environment variable, for workflows to report which worker ran them. */
export const WORKER_NAME_VARIABLE = 'HWC_WORKER_NAME';
/** Answered by the main instance as soon as its webhooks listen (the workflow `start` imports besides the caller's). */
const READY_PATH = 'queue-mode-ready';

export interface QueueModeOptions {
	n8nRoot: string;
	packed: PackedPackage;
	credentials: CredentialFile[];
	/** Imported and published, so that their webhooks listen. */
	workflows: WorkflowFile[];
	/** One worker process per name. */
	workers: string[];
	/** False: `start()` leaves the workers stopped, for `startWorker`; executions wait on the queue meanwhile. */
	startWorkers?: boolean;
	/** How many executions each worker runs at once (`n8n worker --concurrency`). */
	concurrency: number;
	/** Further n8n settings for every process (environment variables). */
	settings?: Record<string, string>;
	/** Further settings for the main instance only. */
	mainSettings?: Record<string, string>;
	/** Further settings for one worker, by name. */
	workerSettings?: Record<string, Record<string, string>>;
	onProgress?: Progress;
}

interface N8nProcess {
	instance: N8nInstance;
	child?: ChildProcess;
	/** Everything the process wrote, for a failure's diagnosis. */
	output: string;
}

export class QueueMode {
	private constructor(
		private readonly options: QueueModeOptions,
		private readonly services: RunningService[],
		private readonly main: N8nProcess,
		private readonly workers: Map<string, N8nProcess>,
		/** `http://127.0.0.1:<port>`: the main instance's editor, API and webhooks. */
		readonly url: string,
	) {}

	/** Redis, PostgreSQL, the main instance and the workers, each ready to work when this resolves. */
	static async start(options: QueueModeOptions): Promise<QueueMode> {
		const progress = options.onProgress ?? (() => {});
		const services: RunningService[] = [];
		const processes: N8nProcess[] = [];
		try {
			const postgresFolder = await ensureQueueServices();
			progress('Starting Redis and PostgreSQL...');
			const redis = await startRedis();
			services.push(redis);
			const postgres = await startPostgres(postgresFolder);
			services.push(postgres);
			const settings: Record<string, string> = {
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(redis.port),
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: '127.0.0.1',
				DB_POSTGRESDB_PORT: String(postgres.port),
				DB_POSTGRESDB_DATABASE: postgres.database,
				DB_POSTGRESDB_USER: postgres.user,
				DB_POSTGRESDB_PASSWORD: '',
				N8N_LOG_LEVEL: 'info',
				...options.settings,
			};

			const main = await newProcess(options, settings);
			processes.push(main);
			progress('Importing the credential and the workflows into the shared database...');
			await main.instance.importCredentials(options.credentials);
			const workflows = [...options.workflows, readinessWorkflow()];
			await main.instance.importWorkflows(workflows);
			for (const workflow of workflows) await main.instance.publishWorkflow(workflow.id);

			const port = await freePort();
			const url = `http://127.0.0.1:${port}`;
			progress(`Starting the main instance on ${url}...`);
			await startProcess(main, ['start'], {
				N8N_PORT: String(port),
				N8N_LISTEN_ADDRESS: '127.0.0.1',
				N8N_HOST: '127.0.0.1',
				WEBHOOK_URL: `${url}/`,
				N8N_SECURE_COOKIE: 'false',
				...options.mainSettings,
			});
			await untilAnswered(main, `${url}/healthz/readiness`, 'the main instance');
			await untilAnswered(main, `${url}/webhook/${READY_PATH}`, 'the main instance\'s webhooks');

			const workers = new Map<string, N8nProcess>();
			const queue = new QueueMode(options, services, main, workers, url);
			for (const name of options.workers) {
				const worker = await newProcess(options, settings);
				processes.push(worker);
				workers.set(name, worker);
			}
			if (options.startWorkers !== false) {
				progress(`Starting ${options.workers.length} worker(s), ${options.concurrency} executions at once each...`);
				await Promise.all(options.workers.map(async (name) => await queue.startWorker(name)));
			}
			return queue;
		} catch (error) {
			await Promise.all(processes.map(async (each) => await stopProcess(each)));
			for (const service of services.reverse()) await service.stop();
			throw error;
		}
	}

	/** Where a workflow's production webhook listens. */
	webhookUrl(path: string): string {
		return `${this.url}/webhook/${path}`;
	}

	/** Starts the named worker (again, after `killWorker`) and resolves once it takes executions off the queue. */
	async startWorker(name: string): Promise<void> {
		const worker = this.worker(name);
		const healthPort = await freePort();
		await startProcess(worker, ['worker', `--concurrency=${this.options.concurrency}`], {
			[WORKER_NAME_VARIABLE]: name,
			// The workflows read the worker's name with $env.
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			...this.options.workerSettings?.[name],
		});
		await untilAnswered(worker, `http://127.0.0.1:${healthPort}/healthz/readiness`, `worker ${name}`);
	}

	/** Kills the named worker and all it started at once, as a crash or an out-of-memory kill would. */
	async killWorker(name: string): Promise<void> {
		const worker = this.worker(name);
		if (worker.child) await killChild(worker.child);
		worker.child = undefined;
	}

	async stop(): Promise<void> {
		await Promise.all([...this.workers.values()].map(async (worker) => await stopProcess(worker)));
		await stopProcess(this.main);
		for (const service of [...this.services].reverse()) await service.stop();
	}

	private worker(name: string): N8nProcess {
		const worker = this.workers.get(name);
		if (!worker) throw new Error(`No worker named ${name}`);
		return worker;
	}
}

/** An n8n with its own user folder and this package installed in it, using the shared settings. */
async function newProcess(options: QueueModeOptions, settings: Record<string, string>): Promise<N8nProcess> {
	const instance = new N8nInstance(options.n8nRoot, undefined, settings);
	try {
		await installCommunityPackage(instance.userFolder, options.packed);
	} catch (error) {
		instance.dispose();
		throw error;
	}
	return { instance, output: '' };
}

async function startProcess(n8n: N8nProcess, args: string[], extra: Record<string, string>): Promise<void> {
	const child = await n8n.instance.spawn(args, extra);
	n8n.child = child;
	const record = (chunk: Buffer) => (n8n.output += chunk.toString());
	child.stdout?.on('data', record);
	child.stderr?.on('data', record);
}

async function stopProcess(n8n: N8nProcess): Promise<void> {
	if (n8n.child) await stopChild(n8n.child);
	n8n.child = undefined;
	n8n.instance.dispose();
}

/** Waits until a GET of `url` answers 200, failing early when the process exits and with its output after the timeout. */
async function untilAnswered(n8n: N8nProcess, url: string, what: string): Promise<void> {
	const deadline = Date.now() + READY_TIMEOUT_MS;
	for (;;) {
		const child = n8n.child;
		if (!child || child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`${what} stopped before it was ready:\n${n8n.output}`);
		}
		try {
			const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
			if (response.status === 200) return;
		} catch {
			// Not listening yet.
		}
		if (Date.now() > deadline) throw new Error(`${what} was not ready after ${READY_TIMEOUT_MS / 1000} s:\n${n8n.output}`);
		await new Promise((wake) => setTimeout(wake, 500));
	}
}

/** A webhook the main instance answers itself as soon as it is received: it tells that the webhooks listen. */
function readinessWorkflow(): WorkflowFile {
	return {
		id: 'queueModeReady1',
		name: 'queue mode ready',
		nodes: [
			{
				id: randomUUID(),
				name: 'Ready',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'GET', path: READY_PATH, responseMode: 'onReceived', options: {} },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}
