/**
 * `npm run bench:queue`: webhook calls per second through n8n's queue mode, one worker against two. Each call runs the
 * queue-mode test's workflow (a session lookup and a create against the emulator, which answers after a fixed
 * latency: a real API's round trip). For each worker count: a fresh queue-mode n8n (Redis, PostgreSQL, main, workers),
 * a warm-up, then rounds of calls fired all at once, timed from the first call to the last answer.
 *
 *   npm run bench:queue -- [--calls 100] [--rounds 3] [--concurrency 10] [--latency-ms 100] [--workers 1,2]
 */
// First: HOME and n8n's user folder go to a temporary folder, no proxy.
import '../test/setup-env';

import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { buildAndPack, emulatorCredential, ensureN8n } from '../scripts/n8n';
import { QueueMode } from '../scripts/n8n/queue';
import { startApiFixture } from '../test/helpers/api-fixture';
import { shutDownEngine } from '../test/helpers/engine';
import { call, CREATE_ONE_PATH, createOneWorkflow } from '../test/queue/workflows';
import { median } from './stats';

const { values } = parseArgs({
	options: {
		calls: { type: 'string', default: '100' },
		rounds: { type: 'string', default: '3' },
		concurrency: { type: 'string', default: '10' },
		'latency-ms': { type: 'string', default: '100' },
		workers: { type: 'string', default: '1,2' },
	},
});
const calls = Number(values.calls);
const rounds = Number(values.rounds);
const concurrency = Number(values.concurrency);
const latencyMs = Number(values['latency-ms']);
const workerCounts = String(values.workers).split(',').map(Number);
const WARM_UP_CALLS = 10;

async function main() {
	const n8nRoot = await ensureN8n();
	const packFolder = mkdtempSync(join(tmpdir(), 'hwc-vpc-pack-'));
	const api = await startApiFixture();
	const rows: string[][] = [];
	try {
		const packed = await buildAndPack(packFolder);
		for (const count of workerCounts) {
			const workers = Array.from({ length: count }, (_, index) => `worker-${index + 1}`);
			process.stderr.write(`${count} worker(s): starting queue mode…\n`);
			const queue = await QueueMode.start({
				n8nRoot,
				packed,
				credentials: [emulatorCredential(api.emulator.url)],
				workflows: [createOneWorkflow({})],
				workers,
				concurrency,
			});
			try {
				api.emulator.reset();
				const filter = await api.createFilter();
				api.emulator.setFaults({ latencyMs });
				let fired = 0;
				const fire = async (count: number) =>
					await Promise.all(
						Array.from({ length: count }, async () => {
							fired++;
							const answer = await call(queue.webhookUrl(CREATE_ONE_PATH), {
								name: `bench-${fired}`,
								priority: (fired % 32766) + 1,
								filterId: filter.id,
							});
							if (answer.status !== 200) throw new Error(`A call failed: ${JSON.stringify(answer)}`);
							return answer;
						}),
					);
				await fire(WARM_UP_CALLS);
				const perSecond: number[] = [];
				const load: number[] = [];
				for (let round = 0; round < rounds; round++) {
					const started = performance.now();
					const answers = await fire(calls);
					const seconds = (performance.now() - started) / 1000;
					perSecond.push(calls / seconds);
					load.push(loadavg()[0]);
					const byWorker = workers.map((worker) => answers.filter((answer) => answer.worker === worker).length);
					process.stderr.write(`  round ${round + 1}: ${calls} calls in ${seconds.toFixed(1)} s, per worker ${byWorker.join(' / ')}\n`);
				}
				rows.push([
					String(count),
					String(concurrency),
					median(perSecond).toFixed(1),
					perSecond.map((value) => value.toFixed(1)).join(', '),
					median(load).toFixed(1),
				]);
			} finally {
				await queue.stop();
			}
		}
	} finally {
		await api.close();
		rmSync(packFolder, { recursive: true, force: true });
		shutDownEngine();
	}
	console.log(`${calls} calls at once per round, ${rounds} rounds, API latency ${latencyMs} ms, ${new Date().toISOString().slice(0, 10)}\n`);
	console.log('| Workers | Concurrency each | Calls per second (median) | Rounds | Load average (1 min) |');
	console.log('|---|---|---|---|---|');
	for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
