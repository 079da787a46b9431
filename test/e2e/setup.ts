import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { prepareN8n, runSucceeded, type BatchResult, type N8nInstance, type N8nRun, type PreparedN8n } from '../../scripts/n8n';

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
