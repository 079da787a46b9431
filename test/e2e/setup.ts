import { startEmulator, type RunningEmulator } from '../../emulator/server';
import {
	freePort,
	prepareN8n,
	runSucceeded,
	type BatchResult,
	type N8nInstance,
	type N8nRun,
	type PreparedN8n,
} from '../../scripts/n8n';

/**
 * Each CLI start of n8n takes 5 to 8 seconds, and on a machine that has never run the project the first suite installs
 * n8n (2 to 10 minutes, as fast as the registry; the others wait for it): each suite prepares everything in one
 * generous beforeAll.
 */
export const PREPARE_TIMEOUT_MS = 30 * 60_000;

export interface E2eEnvironment {
	emulator: RunningEmulator;
	n8n: N8nInstance;
	close(): Promise<void>;
}

/** The emulator on a free port, and a private n8n with the packed package installed and the emulator credential. */
export async function startE2e(): Promise<E2eEnvironment> {
	const emulator = await startEmulator({ port: 0 });
	let prepared: PreparedN8n;
	try {
		prepared = await prepareN8n({ emulatorUrl: emulator.url });
	} catch (error) {
		await emulator.close();
		throw error;
	}
	// The suite runs against the n8n N8N_VERSION names (jest.config.js sets it for each other version CI runs).
	const expected = process.env.N8N_VERSION;
	if (expected && prepared.n8n.n8nVersion !== expected) {
		prepared.dispose();
		await emulator.close();
		throw new Error(`Expected n8n ${expected}, found n8n ${prepared.n8n.n8nVersion} in ${prepared.n8n.n8nRoot}`);
	}
	return {
		emulator,
		n8n: prepared.n8n,
		close: async () => {
			prepared.dispose();
			await emulator.close();
		},
	};
}

/** The run of one workflow of an `execute-batch`, asserted to have succeeded. */
export function successfulRun(batch: BatchResult, id: string): N8nRun {
	expect(batch.failures.get(id)).toBeUndefined();
	const run = batch.runs.get(id);
	if (!run) throw new Error(`No run of ${id}; n8n said:\n${batch.raw.stdout}\n${batch.raw.stderr}`);
	expect(runSucceeded(run)).toBe(true);
	return run;
}

export interface N8nServer {
	/** `http://127.0.0.1:<port>`. */
	url: string;
	/** What n8n printed so far, for a failing test to show. */
	output(): string;
	stop(): Promise<void>;
}

const SERVER_START_TIMEOUT_MS = 180_000;
const SERVER_START_ATTEMPTS = 2;

/**
 * `n8n start` on a free port, returned once the published workflow's webhook at `webhookPath` listens: a POST
 * without its token is refused (401 or 403). Before that n8n answers 404 (nothing registered yet) or, while it is
 * still starting, 503 or another page.
 */
export async function startN8nServer(n8n: N8nInstance, webhookPath: string): Promise<N8nServer> {
	return await startN8nUntil(n8n, `the webhook ${webhookPath} did not listen`, async (url) => {
		const status = await fetch(`${url}/webhook/${webhookPath}`, { method: 'POST' }).then(
			(response) => response.status,
			() => undefined,
		);
		return status === 401 || status === 403;
	});
}

/** `n8n start` on a free port, returned once the editor's REST API answers (it does some time after /healthz). */
export async function startN8nEditor(n8n: N8nInstance): Promise<N8nServer> {
	return await startN8nUntil(n8n, "the editor's REST API did not answer", async (url) =>
		fetch(`${url}/rest/settings`).then(
			(response) => response.ok,
			() => false,
		),
	);
}

/**
 * `n8n start` on a free port, returned once `isReady`. Suites run side by side, so a port chosen free may be taken
 * before n8n binds it: an n8n that exits while starting is started once more, on new ports.
 */
async function startN8nUntil(n8n: N8nInstance, notReady: string, isReady: (url: string) => Promise<boolean>): Promise<N8nServer> {
	const failures: string[] = [];
	for (let attempt = 1; attempt <= SERVER_START_ATTEMPTS; attempt++) {
		const port = await freePort();
		const url = `http://127.0.0.1:${port}`;
		const child = await n8n.startEditor(port);
		let output = '';
		child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		const stop = async () => {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			await exited;
		};
		const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
		while (Date.now() < deadline && child.exitCode === null) {
			if (await isReady(url)) return { url, output: () => output, stop };
			await new Promise((wake) => setTimeout(wake, 500));
		}
		await stop();
		failures.push(
			child.exitCode !== null
				? `attempt ${attempt}: n8n start exited with ${child.exitCode}:\n${output}`
				: `attempt ${attempt}: ${notReady} within ${SERVER_START_TIMEOUT_MS / 1000}s:\n${output}`,
		);
		if (child.exitCode === null) break;
	}
	throw new Error(failures.join('\n'));
}
