/**
 * `npm run dev`: the emulator and n8n's editor on localhost, with this package installed as a community package, the
 * emulator credential and the example workflows imported. Ctrl-C stops both.
 *
 * The user folder is kept between runs (next to the cached n8n) so the owner account and the workflows built in the
 * browser survive; the package is rebuilt and reinstalled, and the credential re-pointed at the emulator, each time.
 * The emulator keeps its resources in memory: they start empty on every run.
 */
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

import { EMULATOR_DEFAULTS } from '../emulator/defaults';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { prepareN8n, REPO_ROOT, type PreparedN8n, type WorkflowFile } from './n8n';
import { withProgress } from './n8n/console';

const EDITOR_PORT = Number(process.env.N8N_PORT ?? 5678);
const EMULATOR_PORT = Number(process.env.HWC_EMULATOR_PORT ?? EMULATOR_DEFAULTS.port);
const STARTUP_TIMEOUT_MS = 120_000;

/** A child killed by a signal (Ctrl-C reaches n8n too) keeps `exitCode` null: its `signalCode` tells. */
const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

function exampleWorkflows(): WorkflowFile[] {
	const folder = join(REPO_ROOT, 'examples');
	return readdirSync(folder)
		.filter((name) => name.endsWith('.json'))
		.map((name) => JSON.parse(readFileSync(join(folder, name), 'utf8')) as WorkflowFile);
}

async function waitUntilHealthy(url: string, editor: ChildProcess): Promise<void> {
	const deadline = Date.now() + STARTUP_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (hasExited(editor)) throw new Error(`n8n start exited (${editor.exitCode ?? editor.signalCode})`);
		try {
			if ((await fetch(`${url}/healthz`)).ok) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((wake) => setTimeout(wake, 500));
	}
	throw new Error(`n8n did not answer ${url}/healthz within ${STARTUP_TIMEOUT_MS / 1000}s`);
}

async function main(): Promise<void> {
	let emulator: RunningEmulator | undefined;
	let prepared: PreparedN8n | undefined;
	let editor: ChildProcess | undefined;
	const stop = async () => {
		if (editor && !hasExited(editor)) {
			const exited = new Promise((resolve) => editor?.once('exit', resolve));
			editor.kill('SIGTERM');
			await exited;
		}
		prepared?.dispose();
		await emulator?.close();
	};
	try {
		emulator = await startEmulator({ port: EMULATOR_PORT });
		const emulatorUrl = emulator.url;
		prepared = await withProgress('Preparing n8n', () =>
			prepareN8n({
				emulatorUrl,
				onProgress: (line) => console.log(`  ${line}`),
				// One per n8n version: a newer n8n migrates the database past what an older one can read.
				userFolder: (n8nRoot) => join(dirname(n8nRoot), `dev-user-folder-${basename(n8nRoot)}`),
			}),
		);
		const { n8n } = prepared;
		await withProgress('Importing the example workflows', () => n8n.importWorkflows(exampleWorkflows()));
		const url = `http://localhost:${EDITOR_PORT}`;
		editor = await n8n.startEditor(EDITOR_PORT);
		editor.stdout?.on('data', (chunk: Buffer) => process.stdout.write(`[n8n] ${chunk.toString()}`));
		editor.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[n8n] ${chunk.toString()}`));
		const running = editor;
		await withProgress('Starting the n8n editor', () => waitUntilHealthy(url, running));
		console.log(`
n8n editor:  ${url}   (the first visit asks you to create the owner account)
Emulator:    ${emulator.url}   AK ${EMULATOR_DEFAULTS.accessKeyId}, project ${EMULATOR_DEFAULTS.projectId}
Credential:  "Huawei Cloud (local emulator)" (region Custom Endpoint, pointing at the emulator)
User folder: ${n8n.userFolder}
Press Ctrl-C to stop both.`);
		await new Promise<void>((resolve, reject) => {
			process.once('SIGINT', () => resolve());
			process.once('SIGTERM', () => resolve());
			running.once('exit', (code, signal) => reject(new Error(`n8n stopped by itself (${code ?? signal})`)));
		});
		console.log('\nStopping n8n and the emulator...');
	} finally {
		await stop();
	}
}

main().then(
	() => process.exit(0),
	(error: Error) => {
		console.error(`\nnpm run dev failed: ${error.message}`);
		process.exit(1);
	},
);
