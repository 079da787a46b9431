/**
 * The trigger in n8n's queue mode, for real: Redis, PostgreSQL, a main instance and one worker of the cached n8n, with
 * the packed package installed in each, running the README's recipe "Alert me when a mirror session appears"
 * (examples/mirror-session-alert.json), published before n8n starts. In queue mode the main instance runs the polls
 * and puts each execution a poll starts on the queue; a worker runs it.
 *
 * Which process did what is told by where each one reaches the API: the main instance through the emulator that
 * holds the sessions, the worker through an emulator of its own, given as credential overwrites (the stored credential
 * has no endpoint). The worker starts only after the main instance has polled past the new session: until then no
 * alert comes, and whatever the polls queued (the alert, and anything a wrong baseline would have queued) runs on it.
 *
 * Slow (about 100 s, most of it n8n starting): it runs when HWC_VPC_QUEUE_MODE=1, as `.ci/run` sets (jest.config.js).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { TrafficMirrorSession } from '../../emulator/model';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { buildAndPack, emulatorCredential, ensureN8n } from '../../scripts/n8n';
import { QueueMode } from '../../scripts/n8n/queue';
import { PREPARE_TIMEOUT_MS } from '../e2e/setup';
import { alertRecipe, alertText, startSink, type WebhookSink } from '../e2e/trigger-recipe';
import { startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { shutDownEngine } from '../helpers/engine';

const WORKER = 'worker-1';
/** The recipe polls as often as the n8n allows (every 10 s on n8n 2.8.4): a few polls fit in this. */
const POLLS_TIMEOUT_MS = 180_000;
const ALERT_TIMEOUT_MS = 180_000;

let api: ApiFixture;
let workerApi: RunningEmulator;
let sink: WebhookSink;
let queue: QueueMode;
let packFolder: string;
let filterId: string;
let before: TrafficMirrorSession;

/** The API endpoint one n8n process reaches, given as a credential overwrite. */
const endpointOf = (url: string) => ({ CREDENTIALS_OVERWRITE_DATA: JSON.stringify({ huaweiCloudApi: { endpoint: url } }) });

/** The session lists the main instance's endpoint answered: one per poll. */
const mainLists = () => api.requestsOf('ListTrafficMirrorSessions');

/** Waits until the main instance has listed the sessions `count` times in all. */
async function untilMainListed(count: number): Promise<void> {
	const deadline = Date.now() + POLLS_TIMEOUT_MS;
	while (mainLists() < count) {
		if (Date.now() > deadline) throw new Error(`the main instance listed the sessions ${mainLists()} times, not ${count}, within ${POLLS_TIMEOUT_MS / 1000} s`);
		await new Promise((wake) => setTimeout(wake, 250));
	}
}

beforeAll(async () => {
	const n8nRoot = await ensureN8n();
	packFolder = mkdtempSync(join(tmpdir(), 'hwc-vpc-pack-'));
	const packed = await buildAndPack(packFolder);
	api = await startApiFixture();
	workerApi = await startEmulator({ port: 0 });
	sink = await startSink();
	filterId = (await api.createFilter({ name: 'exfil' })).id;
	before = await api.createSession(filterId, { name: 'made-before-activation' });
	queue = await QueueMode.start({
		n8nRoot,
		packed,
		// Stored without an endpoint: n8n fills an empty credential field from the process's overwrite.
		credentials: [emulatorCredential('')],
		workflows: [alertRecipe(sink.url, n8nRoot)],
		workers: [WORKER],
		startWorkers: false,
		// One alert is expected; n8n only warns below 5.
		concurrency: 1,
		mainSettings: endpointOf(api.emulator.url),
		workerSettings: { [WORKER]: endpointOf(workerApi.url) },
	});
}, PREPARE_TIMEOUT_MS);

afterAll(async () => {
	await queue?.stop();
	await sink?.close();
	await workerApi?.close();
	await api?.close();
	rmSync(packFolder, { recursive: true, force: true });
	shutDownEngine();
}, 60_000);

describe('the alert recipe, published, in queue mode with one worker', () => {
	let created: TrafficMirrorSession;
	let alertsBeforeWorker: number;
	let listsBeforeWorker: number;

	beforeAll(async () => {
		// The activation's poll: the baseline, which holds the session made before.
		await untilMainListed(1);
		created = await api.createSession(filterId, { name: 'copies-the-db-to-elsewhere' });
		// A list in flight may have been read before the create: the second one after it surely saw it.
		const listsAtCreate = mainLists();
		await untilMainListed(listsAtCreate + 2);
		alertsBeforeWorker = sink.bodies.length;
		listsBeforeWorker = mainLists() - listsAtCreate;

		await queue.startWorker(WORKER);
		await sink.received(1, ALERT_TIMEOUT_MS);
		// Two more polls: a repeat of the event would have been queued and run by now.
		await untilMainListed(mainLists() + 2);
	}, POLLS_TIMEOUT_MS * 2 + ALERT_TIMEOUT_MS + 180_000);

	test('the main instance polls: its endpoint listed the sessions, also before any worker ran', () => {
		expect(listsBeforeWorker).toBeGreaterThanOrEqual(2);
	});

	test('the worker never asks the API: it does not poll', () => {
		expect(workerApi.counters().requests.total).toBe(0);
	});

	test('the poll that saw the new session ran no execution on the main instance: it waited on the queue for a worker', () => {
		expect(alertsBeforeWorker).toBe(0);
	});

	test('the worker, once started, ran what was queued: the session created after activation arrived once as the alert', () => {
		expect(sink.bodies).toEqual([{ text: expect.stringMatching(alertText(created)) }]);
	});

	test('the session made before activation is the baseline: it is never reported', () => {
		expect(JSON.stringify(sink.bodies)).not.toContain(before.id);
	});
});
