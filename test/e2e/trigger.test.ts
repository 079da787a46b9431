/**
 * The trigger in a real n8n, from its schedule: the README's recipe "Alert me when a mirror session appears"
 * (examples/mirror-session-alert.json) with a local webhook as its alert's URL, published, and n8n started. n8n's
 * activation takes the baseline (the session made before is not reported); a session created afterwards arrives as
 * one alert at the webhook, posted by the recipe's HTTP Request node after a poll of n8n's own cron.
 */
import type { TrafficMirrorSession } from '../../emulator/model';
import { signedRequest, SOURCE_PORT_ID, TARGET_PORT_ID, v3Path } from '../emulator/helpers';
import { startE2e, startN8nEditor, PREPARE_TIMEOUT_MS, type E2eEnvironment, type N8nServer } from './setup';
import { alertRecipe, alertText, startSink, type WebhookSink } from './trigger-recipe';

/** n8n's every minute starts at a random second: a poll within 60 s, an alert within a few seconds of it. */
const ALERT_TIMEOUT_MS = 150_000;

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
	const workflow = alertRecipe(sink.url, e2e.n8n.n8nRoot);
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
		expect(sink.bodies).toEqual([{ text: expect.stringMatching(alertText(created)) }]);
		expect(JSON.stringify(sink.bodies)).not.toContain(before.id);
		// Each poll listed the sessions once; the baseline's and the alert's at least.
		expect(listsWhenAlerted).toBeGreaterThanOrEqual(2);
	},
	ALERT_TIMEOUT_MS * 2,
);
