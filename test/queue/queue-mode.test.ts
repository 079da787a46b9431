/**
 * The node in n8n's queue mode, for real: Redis, PostgreSQL, a main instance and two workers of the cached n8n, all
 * on loopback, with the packed package installed in each n8n. A webhook-started workflow creates one traffic mirror
 * session per call (If Name Exists: Return Existing) and answers with it, or with the node's error; it is fired 50
 * times at once while the emulator throttles at a low rate and fails some requests (5xx before and after processing,
 * dropped connections).
 *
 * What n8n's design gives when a worker dies, and what it cannot (docs/reliability.md, "Queue mode"): the executions the worker was
 * running die with it. Bull marks their jobs failed once their lock runs out (about a minute) and never runs them
 * again (n8n sets maxStalledCount to 0); the main instance answers their webhooks with n8n's own error. A create the
 * dead worker had already sent goes on at the API: its session exists although its caller was told the run failed,
 * and the node's own recovery (looking the name up after an ambiguous failure) cannot help, because the execution that
 * would run it is gone. What closes the gap is the caller sending a failed call again: with Return Existing the name
 * is the idempotency key, so the session in limbo is returned, not made twice.
 *
 * Slow (about 4 minutes, most of it n8n starting and Bull's stalled-job timeout): it runs when HWC_VPC_QUEUE_MODE=1,
 * as `.ci/run` sets (jest.config.js).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { buildAndPack, emulatorCredential, ensureN8n, type PackedPackage } from '../../scripts/n8n';
import { QueueMode } from '../../scripts/n8n/queue';
import { PREPARE_TIMEOUT_MS } from '../e2e/setup';
import { startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { shutDownEngine } from '../helpers/engine';
import { startTap, type Tap } from './tap';
import { call, CREATE_MANY_PATH, CREATE_ONE_PATH, createManyWorkflow, createOneWorkflow, type CallAnswer } from './workflows';

const WORKERS = ['worker-1', 'worker-2'];
/** Executions each worker runs at once: n8n's recommended minimum (it warns below 5). */
const CONCURRENCY = 5;
const CALLS = 50;
/** A low rate limit, 5xx before and after processing, dropped connections, and a second and a half per request. */
const FAULTS = {
	rateLimit: 5,
	errorRate: 0.1,
	errorStatuses: [500, 502, 503],
	errorWhen: 'random',
	dropRate: 0.05,
	dropWhen: 'random',
	latencyMs: 1500,
	seed: 14,
} as const;
const NO_FAULTS = { rateLimit: 0, errorRate: 0, dropRate: 0, latencyMs: 0 };
/** The node's answer when it failed: Huawei's error, or the connection's. */
const NODE_ERROR = /^(Huawei Cloud API error \d{3}: |Could not reach Huawei Cloud|Huawei Cloud did not answer|Huawei Cloud answered)/;
/** n8n's own answer to a webhook whose execution failed before it could answer (its worker died). */
const N8N_FAILED_EXECUTION = { status: 500, raw: '{"message":"Error in workflow"}' };
const SEND_AGAIN_ROUNDS = 5;

/**
 * Max Requests Per Second applies per execution: eight executions at once, each capped at 5 per second, send up to 40
 * per second to an account the gateway throttles at 10. The 429 retries keep every run whole.
 */
const BUDGET = {
	executions: 8,
	sessionsPerExecution: 10,
	accountLimit: 10,
	requestOptions: { maxRequestsPerSecond: 5, maxConcurrentRequests: 2, maxRetries: 10 },
};

let api: ApiFixture;
let tap: Tap;
let queue: QueueMode;
let packFolder: string;

/** Each worker reaches the API through its own endpoint (worker-1 through the tap), given as a credential overwrite. */
const endpointOf = (url: string) => ({ CREDENTIALS_OVERWRITE_DATA: JSON.stringify({ huaweiCloudApi: { endpoint: url } }) });

beforeAll(async () => {
	const n8nRoot = await ensureN8n();
	packFolder = mkdtempSync(join(tmpdir(), 'hwc-vpc-pack-'));
	const packed: PackedPackage = await buildAndPack(packFolder);
	api = await startApiFixture();
	tap = await startTap(api.emulator.url);
	queue = await QueueMode.start({
		n8nRoot,
		packed,
		// Stored without an endpoint: n8n fills an empty credential field from the process's overwrite.
		credentials: [emulatorCredential('')],
		workflows: [createOneWorkflow({ maxRetries: 10 }), createManyWorkflow(BUDGET.requestOptions)],
		workers: WORKERS,
		concurrency: CONCURRENCY,
		workerSettings: { 'worker-1': endpointOf(tap.url), 'worker-2': endpointOf(api.emulator.url) },
	});
}, PREPARE_TIMEOUT_MS);

afterAll(async () => {
	await queue?.stop();
	await tap?.close();
	await api?.close();
	rmSync(packFolder, { recursive: true, force: true });
	shutDownEngine();
}, 60_000);

interface Call {
	name: string;
	answer: CallAnswer;
	/** When the answer came, in ms from the first call. */
	answeredAfterMs: number;
}

/** A fresh emulator with one filter and the faults; returns the filter's ID. */
async function freshApi(faults: IDataObject): Promise<string> {
	api.emulator.reset();
	const filter = await api.createFilter();
	api.emulator.setFaults(faults);
	return filter.id;
}

/** Fires one call per name, all at once. */
async function fireAll(names: string[], filterId: string): Promise<Call[]> {
	const started = Date.now();
	return await Promise.all(
		names.map(async (name, index) => {
			const answer = await call(queue.webhookUrl(CREATE_ONE_PATH), { name, priority: index + 1, filterId });
			return { name, answer, answeredAfterMs: Date.now() - started };
		}),
	);
}

const succeeded = (each: Call) => each.answer.status === 200;

/** What a caller does with failed calls: sends them again, until each has its session (at most a few rounds). */
async function sendFailedAgain(calls: Call[], filterId: string): Promise<Map<string, CallAnswer>> {
	const final = new Map(calls.map((each) => [each.name, each.answer]));
	for (let round = 0; round < SEND_AGAIN_ROUNDS; round++) {
		const failed = [...final].filter(([, answer]) => answer.status !== 200).map(([name]) => name);
		if (failed.length === 0) break;
		const again = await Promise.all(
			failed.map(async (name) => {
				const priority = calls.findIndex((each) => each.name === name) + 1;
				return [name, await call(queue.webhookUrl(CREATE_ONE_PATH), { name, priority, filterId })] as const;
			}),
		);
		for (const [name, answer] of again) final.set(name, answer);
	}
	return final;
}

/** Each call's answer is its one session (named as asked) or the node's error, with the worker that ran it. */
function expectSessionOrNodeError(each: Call): void {
	if (succeeded(each)) {
		expect(each.answer.sessions).toEqual([{ id: expect.any(String), name: each.name }]);
	} else {
		expect(each.answer.status).toBe(502);
		expect(each.answer.error).toMatch(NODE_ERROR);
	}
	expect(WORKERS).toContain(each.answer.worker);
}

/** Every answered session is the one the emulator holds under that name. */
async function expectStored(answers: Iterable<[string, CallAnswer]>): Promise<void> {
	api.emulator.setFaults(NO_FAULTS);
	for (const [name, answer] of answers) {
		if (answer.status !== 200) continue;
		const [session] = answer.sessions ?? [];
		expect(await api.showSession(session.id)).toMatchObject({ id: session.id, name });
	}
}

/** One line in the test output with what a scenario saw, for the figures in docs/reliability.md. */
function summarise(scenario: string, calls: Call[], extra: string): void {
	const byAnswer = new Map<string, number>();
	for (const each of calls) {
		const key = `${each.answer.status} ${each.answer.worker ?? '(no worker)'}`;
		byAnswer.set(key, (byAnswer.get(key) ?? 0) + 1);
	}
	const answers = [...byAnswer].sort().map(([key, count]) => `${count}× ${key}`).join(', ');
	process.stderr.write(`queue mode, ${scenario}: answers ${answers}; ${extra}\n`);
}

const names = (prefix: string) => Array.from({ length: CALLS }, (_, index) => `${prefix}-${String(index + 1).padStart(2, '0')}`);

describe('50 webhook calls at once on two workers, against a throttled and failing API', () => {
	const calls = names('queue');
	let answers: Call[];
	let faultsSeen: Record<string, number>;
	let afterSendingAgain: Map<string, CallAnswer>;
	let createsAfterSendingAgain: Record<string, number>;

	beforeAll(async () => {
		const filterId = await freshApi(FAULTS);
		answers = await fireAll(calls, filterId);
		faultsSeen = api.emulator.counters().faults;
		afterSendingAgain = await sendFailedAgain(answers, filterId);
		createsAfterSendingAgain = api.createsByName();
		summarise('two workers', answers, `faults ${JSON.stringify(faultsSeen)}; sessions after sending failed calls again ${Object.keys(createsAfterSendingAgain).length}, most creates of one name ${Math.max(...Object.values(createsAfterSendingAgain))}`);
	}, 10 * 60_000);

	test('the API throttled the run, failed requests before and after processing, and dropped connections', () => {
		expect(faultsSeen.throttled).toBeGreaterThan(0);
		expect(faultsSeen.status).toBeGreaterThan(0);
		expect(faultsSeen.dropped).toBeGreaterThan(0);
	});

	test('every call is answered with its session or with the node\'s clear error', () => {
		for (const each of answers) expectSessionOrNodeError(each);
		expect(answers.filter(succeeded).length).toBeGreaterThan(CALLS / 2);
	});

	test('the executions are spread over both workers', () => {
		for (const worker of WORKERS) {
			expect(answers.filter((each) => each.answer.worker === worker).length).toBeGreaterThanOrEqual(CALLS / 5);
		}
	});

	test('the failed calls sent again end with exactly one session per call: 50 sessions, none twice', async () => {
		expect([...afterSendingAgain.values()].every((answer) => answer.status === 200)).toBe(true);
		expect(Object.keys(createsAfterSendingAgain).sort()).toEqual(calls);
		expect(Object.values(createsAfterSendingAgain).every((count) => count === 1)).toBe(true);
		await expectStored(afterSendingAgain);
	});
});

describe('the same with worker-1 killed once the API has made a session it asked for, then restarted', () => {
	const calls = names('killed');
	let answers: Call[];
	let restartedAfterMs: number;
	let createsBeforeSendingAgain: Record<string, number>;
	let afterSendingAgain: Map<string, CallAnswer>;
	let createsAfterSendingAgain: Record<string, number>;

	beforeAll(async () => {
		const filterId = await freshApi(FAULTS);
		const started = Date.now();
		const killAndRestart = tap
			.holdNextSuccess((method, path) => method === 'POST' && path.endsWith('/vpc/traffic-mirror-sessions'))
			.then(async () => {
				await queue.killWorker('worker-1');
				await queue.startWorker('worker-1');
				restartedAfterMs = Date.now() - started;
			});
		answers = await fireAll(calls, filterId);
		await killAndRestart;
		createsBeforeSendingAgain = api.createsByName();
		afterSendingAgain = await sendFailedAgain(answers, filterId);
		createsAfterSendingAgain = api.createsByName();
		const inLimbo = answers.filter((each) => each.answer.status === 500 && createsBeforeSendingAgain[each.name]).length;
		const afterRestart = answers.filter((each) => each.answeredAfterMs > restartedAfterMs && each.answer.worker === 'worker-1').length;
		summarise('worker-1 killed and restarted', answers, `sessions made for calls answered 500: ${inLimbo}; answered by the restarted worker-1: ${afterRestart}; sessions after sending failed calls again ${Object.keys(createsAfterSendingAgain).length}, most creates of one name ${Math.max(...Object.values(createsAfterSendingAgain))}`);
	}, 10 * 60_000);

	test('every call is answered: its session, the node\'s error, or n8n\'s error for an execution its worker took down', () => {
		const killed = answers.filter((each) => each.answer.status === 500);
		for (const each of killed) expect(each.answer).toEqual(N8N_FAILED_EXECUTION);
		// Only the executions worker-1 was running when it died.
		expect(killed.length).toBeGreaterThanOrEqual(1);
		expect(killed.length).toBeLessThanOrEqual(CONCURRENCY);
		for (const each of answers.filter((one) => one.answer.status !== 500)) expectSessionOrNodeError(each);
	});

	test('the create worker-1 had sent was made although its caller got an error: n8n cannot tell, nor re-run it', () => {
		const inLimbo = answers.filter((each) => each.answer.status === 500 && createsBeforeSendingAgain[each.name] === 1);
		expect(inLimbo.length).toBeGreaterThanOrEqual(1);
	});

	test('no session was created twice, before or after the failed calls were sent again', () => {
		expect(Object.values(createsBeforeSendingAgain).every((count) => count === 1)).toBe(true);
		expect(Object.keys(createsAfterSendingAgain).sort()).toEqual(calls);
		expect(Object.values(createsAfterSendingAgain).every((count) => count === 1)).toBe(true);
	});

	test('sent again with Return Existing, each failed call gets its session: the one in limbo is returned, not made again', async () => {
		expect([...afterSendingAgain.values()].every((answer) => answer.status === 200)).toBe(true);
		await expectStored(afterSendingAgain);
	});

	test('the restarted worker-1 takes executions again, beside worker-2', () => {
		const afterRestart = answers.filter((each) => each.answeredAfterMs > restartedAfterMs && each.answer.status !== 500);
		for (const worker of WORKERS) expect(afterRestart.some((each) => each.answer.worker === worker)).toBe(true);
	});
});

describe('a budget shared by workers: Max Requests Per Second × executions at once above the account\'s limit', () => {
	let answers: CallAnswer[];
	let throttled: number;
	let creates: Record<string, number>;
	const batch = (execution: number) =>
		Array.from({ length: BUDGET.sessionsPerExecution }, (_, index) => ({
			name: `budget-${execution}-${String(index + 1).padStart(2, '0')}`,
			priority: index + 1,
		}));

	beforeAll(async () => {
		const filterId = await freshApi({ rateLimit: BUDGET.accountLimit });
		answers = await Promise.all(
			Array.from({ length: BUDGET.executions }, async (_, execution) => {
				const sessions = batch(execution + 1).map((session) => ({ ...session, filterId }));
				return await call(queue.webhookUrl(CREATE_MANY_PATH), { sessions });
			}),
		);
		throttled = api.emulator.counters().faults.throttled;
		creates = api.createsByName();
		process.stderr.write(
			`queue mode, shared budget: ${answers.filter((answer) => answer.status === 200).length} of ${BUDGET.executions} runs whole, ${throttled} answers 429, ${Object.keys(creates).length} sessions\n`,
		);
	}, 10 * 60_000);

	test('the account\'s limit was exceeded: the gateway answered 429', () => {
		expect(throttled).toBeGreaterThan(0);
	});

	test('every run is whole: each execution answers with all its sessions, in order, on both workers', () => {
		answers.forEach((answer, execution) => {
			expect(answer.status).toBe(200);
			expect(answer.sessions?.map((session) => session.name)).toEqual(batch(execution + 1).map((session) => session.name));
		});
		for (const worker of WORKERS) expect(answers.some((answer) => answer.worker === worker)).toBe(true);
	});

	test('each session was created once', () => {
		expect(Object.keys(creates)).toHaveLength(BUDGET.executions * BUDGET.sessionsPerExecution);
		expect(Object.values(creates).every((count) => count === 1)).toBe(true);
	});
});
