/**
 * `npm run demo`: the example workflow `examples/create-traffic-mirror-sessions.json`, run headlessly in a real n8n
 * that has this package installed as a community package, against the local emulator. Prints what was created.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startEmulator, DEMO_PORTS, type RunningEmulator } from '../emulator/server';
import { nodeJson, prepareN8n, REPO_ROOT, runSucceeded, type PreparedN8n, type WorkflowFile } from './n8n';
import { printTable, withProgress } from './n8n/console';

const EXAMPLE = join(REPO_ROOT, 'examples', 'create-traffic-mirror-sessions.json');
const READ_BACK_NODE = 'Read Back Sessions';

const portNames = new Map<string, string>(DEMO_PORTS.map((port) => [port.id, port.name]));
const portName = (id: unknown) => portNames.get(String(id)) ?? String(id);

async function main(): Promise<void> {
	let emulator: RunningEmulator | undefined;
	let prepared: PreparedN8n | undefined;
	// Ctrl-C calls it while the main path may be calling it too: one clean-up, shared (a second close would throw).
	let stopping: Promise<void> | undefined;
	const stop = () =>
		(stopping ??= (async () => {
			prepared?.dispose();
			await emulator?.close();
		})());
	process.once('SIGINT', () => void stop().then(() => process.exit(130)));
	try {
		emulator = await startEmulator({ port: 0 });
		console.log(`Emulator of the Huawei Cloud VPC API listening on ${emulator.url}`);
		const emulatorUrl = emulator.url;
		prepared = await withProgress('Preparing n8n', () => prepareN8n({ emulatorUrl, onProgress: (line) => console.log(`  ${line}`) }));
		const { n8n } = prepared;
		const workflow = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as WorkflowFile;
		await withProgress(`Importing the example workflow "${workflow.name}"`, () => n8n.importWorkflows([workflow]));
		const run = await withProgress('Running it headlessly (n8n execute)', () => n8n.execute(workflow.id));
		if (!runSucceeded(run)) {
			const error = run.data.resultData.error;
			throw new Error(
				`The workflow failed (status ${run.status}, exit ${run.exitCode}) in node "${run.data.resultData.lastNodeExecuted}": ` +
					`${error?.message ?? 'no error message'}${error?.description ? `\n${error.description}` : ''}`,
			);
		}
		const sessions = nodeJson(run, READ_BACK_NODE);
		console.log(`\nTraffic mirror sessions read back from the API (node "${READ_BACK_NODE}"):\n`);
		printTable(
			['Name', 'ID', 'Source', 'Target', 'Priority', 'VNI', 'Packet Length', 'Enabled'],
			sessions.map((session) => [
				String(session.name),
				String(session.id),
				(session.traffic_mirror_sources as unknown[]).map(portName).join(', '),
				portName(session.traffic_mirror_target_id),
				String(session.priority),
				String(session.virtual_network_id),
				String(session.packet_length),
				String(session.enabled),
			]),
		);
		const { created } = emulator.counters();
		console.log(`\nThe emulator created ${created.filters} filter(s) and ${created.sessions} session(s).`);
		if (sessions.length === 0) throw new Error('The workflow ran but read back no sessions');
	} finally {
		await stop();
	}
}

main().then(
	() => process.exit(0),
	(error: Error) => {
		console.error(`\nThe demo failed: ${error.message}`);
		process.exit(1);
	},
);
