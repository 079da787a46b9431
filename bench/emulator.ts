import { fork } from 'node:child_process';
import { join } from 'node:path';

import { EMULATOR_DEFAULTS } from '../emulator/defaults';
import type { CountersSnapshot, FaultSettings } from '../emulator/server';

/** An emulator without faults in a child process, driven through its control API. */
export interface BenchEmulator {
	url: string;
	credentials: Record<string, string>;
	setFaults(settings: Partial<FaultSettings>): Promise<void>;
	/** Empties the store (and resets counters and faults). */
	reset(): Promise<void>;
	counters(): Promise<CountersSnapshot>;
	close(): Promise<void>;
}

/** The node's credentials for an emulator at `url`, with the emulator's well-known keys. */
export const emulatorCredentials = (url: string): Record<string, string> => ({
	accessKeyId: EMULATOR_DEFAULTS.accessKeyId,
	secretAccessKey: EMULATOR_DEFAULTS.secretAccessKey,
	projectId: EMULATOR_DEFAULTS.projectId,
	region: 'custom',
	endpoint: url,
});

/** Runs a TypeScript file of this folder in a fresh Node process, with tsx as the loader. */
export function forkTypeScript(file: string, env: Record<string, string> = {}) {
	return fork(join(__dirname, file), [], { execArgv: ['--import', 'tsx', '--expose-gc'], env: { ...process.env, ...env } });
}

export async function startBenchEmulator(): Promise<BenchEmulator> {
	const child = forkTypeScript('emulator-process.ts');
	const url = await new Promise<string>((resolve, reject) => {
		child.once('message', (message) => resolve((message as { url: string }).url));
		child.once('exit', (code) => reject(new Error(`The emulator process exited (${code}) before listening`)));
	});
	const control = async (method: string, path: string, body?: object) => {
		const response = await fetch(`${url}/__emulator/${path}`, {
			method,
			headers: { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok) throw new Error(`Emulator control ${method} ${path}: ${response.status} ${await response.text()}`);
		const text = await response.text();
		return text ? JSON.parse(text) : undefined;
	};
	return {
		url,
		credentials: emulatorCredentials(url),
		setFaults: async (settings) => void (await control('PATCH', 'faults', settings)),
		reset: async () => void (await control('POST', 'reset')),
		counters: async () => (await control('GET', 'counters')) as CountersSnapshot,
		close: () =>
			new Promise<void>((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.disconnect();
			}),
	};
}
