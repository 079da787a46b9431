/**
 * The trigger in a real n8n, from its schedule: the README's recipe "Alert me when a mirror session appears"
 * (examples/mirror-session-alert.json) with a local webhook as its alert's URL, published, and n8n started. n8n's
 * activation takes the baseline (the session made before is not reported); a session created afterwards arrives as
 * one alert at the webhook, posted by the recipe's HTTP Request node after a poll of n8n's own cron.
 */
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import type { TrafficMirrorSession } from '../../emulator/model';
import { withPicks, type WorkflowFile } from '../../scripts/n8n';
import { signedRequest, SOURCE_PORT_ID, TARGET_PORT_ID, v3Path } from '../emulator/helpers';
import { startE2e, startN8nEditor, PREPARE_TIMEOUT_MS, type E2eEnvironment, type N8nServer } from './setup';
import { exampleWorkflow } from './workflows';

const TRIGGER = 'New Mirror Session';
/** n8n's every minute starts at a random second: a poll within 60 s, an alert within a few seconds of it. */
const ALERT_TIMEOUT_MS = 150_000;

/** A webhook on 127.0.0.1 that records each request's JSON body. */
interface WebhookSink {
	url: string;
	bodies: Array<Record<string, unknown>>;
	/** Resolves once `count` requests have arrived; rejects after `timeoutMs`. */
	received(count: number, timeoutMs: number): Promise<void>;
	close(): Promise<void>;
}

async function startSink(): Promise<WebhookSink> {
	const bodies: Array<Record<string, unknown>> = [];
	const server: Server = createServer((request, response) => {
		let text = '';
		request.on('data', (chunk: Buffer) => (text += chunk.toString()));
		request.on('end', () => {
			bodies.push(JSON.parse(text) as Record<string, unknown>);
			response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`;
	return {
		url,
		bodies,
		received: async (count, timeoutMs) => {
			const deadline = Date.now() + timeoutMs;
			while (bodies.length < count) {
				if (Date.now() > deadline) throw new Error(`${bodies.length} of ${count} alerts arrived within ${timeoutMs / 1000} s`);
				await new Promise((wake) => setTimeout(wake, 250));
			}
		},
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/**
 * The fastest poll schedule this n8n accepts. Every n8n refuses a poll time of less than a minute, each by its own
 * rule: n8n 1.123 and 2.8 refuse a cron whose seconds field holds a `*` (n8n-core's ActiveWorkflows), so seconds
 * listed one by one pass, every 10 s; n8n 2.41 refuses any seconds field but one number (n8n-workflow's
 * isSubMinuteCron, asked here), so every minute is the fastest there.
 */
function fastestPollTime(n8nRoot: string): Record<string, string> {
	const fast = { mode: 'custom', cronExpression: '0,10,20,30,40,50 * * * * *' };
	// The n8n-workflow the tested n8n loads: its rule, not a copy of it.
	const n8nWorkflow = createRequire(join(n8nRoot, 'node_modules', 'n8n', 'package.json'))('n8n-workflow');
	const { isSubMinuteCron } = n8nWorkflow as { isSubMinuteCron?: (cron: string) => boolean };
	return isSubMinuteCron?.(fast.cronExpression) ? { mode: 'everyMinute' } : fast;
}

/** The recipe as its user fills it in, polled as fast as this n8n allows. */
function recipe(webhookUrl: string, n8nRoot: string): WorkflowFile {
	const filled = withPicks(exampleWorkflow('mirror-session-alert.json'), { 'Compose Alert.webhookUrl': { value: webhookUrl } });
	const trigger = filled.nodes.find((node) => node.name === TRIGGER) as { parameters: Record<string, unknown> };
	trigger.parameters.pollTimes = { item: [fastestPollTime(n8nRoot)] };
	return filled;
}

let e2e: E2eEnvironment;
let sink: WebhookSink;
let server: N8nServer | undefined;
let filterId: string;

async function api<T>(method: string, path: string, body?: object): Promise<T> {
	const answer = await signedRequest(e2e.emulator, method, v3Path(path), { body });
	if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${answer.text}`);
	return answer.json() as T;
}

const createSession = async (name: string) =>
	(
		await api<{ traffic_mirror_session: TrafficMirrorSession }>('POST', 'traffic-mirror-sessions', {
			traffic_mirror_session: {
				name,
				traffic_mirror_filter_id: filterId,
				traffic_mirror_sources: [SOURCE_PORT_ID],
				traffic_mirror_target_id: TARGET_PORT_ID,
				traffic_mirror_target_type: 'eni',
				priority: 7,
				enabled: true,
			},
		})
	).traffic_mirror_session;

const sessionLists = () => e2e.emulator.counters().requests.byOperation.ListTrafficMirrorSessions ?? 0;

beforeAll(async () => {
	e2e = await startE2e();
	sink = await startSink();
	filterId = (await api<{ traffic_mirror_filter: { id: string } }>('POST', 'traffic-mirror-filters', { traffic_mirror_filter: { name: 'exfil' } }))
		.traffic_mirror_filter.id;
	const workflow = recipe(sink.url, e2e.n8n.n8nRoot);
	await e2e.n8n.importWorkflows([workflow]);
	await e2e.n8n.publishWorkflow(workflow.id);
}, PREPARE_TIMEOUT_MS);

afterAll(async () => {
	await server?.stop();
	await sink?.close();
	await e2e?.close();
});

test(
	'a session created after activation arrives once as the recipe’s alert; the one before is the baseline',
	async () => {
		const before = await createSession('made-before-activation');
		server = await startN8nEditor(e2e.n8n);
		// n8n's activation polls at once: the baseline, which holds the first session.
		const deadline = Date.now() + ALERT_TIMEOUT_MS;
		while (sessionLists() === 0 && Date.now() < deadline) await new Promise((wake) => setTimeout(wake, 250));
		expect(sessionLists()).toBeGreaterThan(0);

		const created = await createSession('copies-the-db-to-elsewhere');
		try {
			await sink.received(1, ALERT_TIMEOUT_MS);
		} catch (error) {
			throw new Error(`${(error as Error).message}; n8n said:\n${server.output()}`);
		}
		const listsWhenAlerted = sessionLists();
		expect(sink.bodies).toEqual([
			{
				text: expect.stringMatching(
					new RegExp(
						`^Traffic mirror session created: copies-the-db-to-elsewhere \\(${created.id}\\) copies the traffic of ${SOURCE_PORT_ID} to the eni ${TARGET_PORT_ID}, through the filter ${filterId}\\. Seen \\d{4}-`,
					),
				),
			},
		]);
		expect(JSON.stringify(sink.bodies)).not.toContain(before.id);
		// Each poll listed the sessions once; the baseline's and the alert's at least.
		expect(listsWhenAlerted).toBeGreaterThanOrEqual(2);
	},
	ALERT_TIMEOUT_MS * 2,
);
