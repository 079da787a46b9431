/**
 * `npm run demo`: the example workflow `examples/create-traffic-mirror-sessions.json`, run headlessly in a real n8n
 * that has this package installed as a community package, against the local emulator. The demo makes the choices a
 * user makes in the example (the servers to mirror, the analyser) with the emulator's demo network, then prints what
 * was created.
 * Whatever it started (the emulator, n8n and its children) is stopped when it ends, fails or is interrupted; a failure
 * ends with one line saying what failed and what to do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startEmulator, DEMO_PORTS, type RunningEmulator } from '../emulator/server';
import {
	DEMO_CREATE_SESSIONS_PICKS,
	nodeJson,
	prepareN8n,
	REPO_ROOT,
	runSucceeded,
	stopChildren,
	StepFailure,
	withPicks,
	type PreparedN8n,
	type WorkflowFile,
} from './n8n';
import { printTable, step, withProgress } from './n8n/console';

const EXAMPLE = join(REPO_ROOT, 'examples', 'create-traffic-mirror-sessions.json');
const READ_BACK_NODE = 'Read Back Sessions';
const N8N_ADVICE = 'n8n\'s output is above; run `npm run demo` again, and if it fails the same way, `bash scripts/ensure-n8n.sh --check` says whether the cached n8n is ready.';

const portNames = new Map<string, string>(DEMO_PORTS.map((port) => [port.id, port.name]));
const portName = (id: unknown) => portNames.get(String(id)) ?? String(id);

async function main(): Promise<void> {
	let emulator: RunningEmulator | undefined;
	let prepared: PreparedN8n | undefined;
	// Ctrl-C calls it while the main path may be calling it too: one clean-up, shared (a second close would throw).
	let stopping: Promise<void> | undefined;
	const stop = () =>
		(stopping ??= (async () => {
			await stopChildren();
			prepared?.dispose();
			await emulator?.close();
		})());
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => {
			console.error(`\nThe demo was interrupted (${signal}); stopping n8n and the emulator.`);
			void stop().then(() => process.exit(130));
		});
	}
	try {
		emulator = await step('Starting the emulator', 'Run `npm run emulator` to see why it cannot start.', () =>
			startEmulator({ port: 0 }),
		);
		console.log(`Emulator of the Huawei Cloud VPC API listening on ${emulator.url}`);
		const emulatorUrl = emulator.url;
		prepared = await withProgress(
			'Preparing n8n',
			() => prepareN8n({ emulatorUrl, onProgress: (line) => console.log(`  ${line}`) }),
			{ heartbeat: false },
		);
		const { n8n } = prepared;
		const workflow = withPicks(JSON.parse(readFileSync(EXAMPLE, 'utf8')) as WorkflowFile, DEMO_CREATE_SESSIONS_PICKS);
		console.log(
			`Choices made in the example: ${Object.entries(DEMO_CREATE_SESSIONS_PICKS)
				.map(([pick, { value, label }]) => `${pick} = ${label ?? String(value)}`)
				.join('; ')}`,
		);
		await withProgress(`Importing the example workflow "${workflow.name}"`, () =>
			step('Importing the example workflow', N8N_ADVICE, () => n8n.importWorkflows([workflow])),
		);
		const run = await withProgress('Running it headlessly (n8n execute)', () =>
			step('Running the example workflow', N8N_ADVICE, () => n8n.execute(workflow.id)),
		);
		if (!runSucceeded(run)) {
			const error = run.data.resultData.error;
			throw new StepFailure(
				'Running the example workflow',
				`node "${run.data.resultData.lastNodeExecuted}" ended with ${error?.message ?? `status ${run.status}, exit ${run.exitCode}`}`,
				'Its error is above; the emulator runs inside the demo, so this is a bug of the node or the example: please report it.',
				error?.description ?? '',
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
		if (sessions.length === 0) {
			throw new StepFailure('Reading back the sessions', 'the workflow ran but read back no sessions', 'Please report it: the example should create three.');
		}
	} finally {
		await stop();
	}
}

main().then(
	() => process.exit(0),
	(error: Error) => {
		const failure = error instanceof StepFailure ? error : new StepFailure('The demo', error.message, 'Please report it.');
		if (failure.details) console.error(`\n${failure.details.replace(/^/gm, '  ')}`);
		console.error(`\nThe demo failed. ${failure.summary}`);
		process.exit(1);
	},
);
