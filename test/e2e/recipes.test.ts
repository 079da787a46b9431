/**
 * The two recipes in a real n8n against the emulator, exactly as shipped but for what a user chooses: the alert
 * recipe published, n8n started, and its webhook called over HTTP with plain JSON and Alertmanager payloads; then the
 * clean-up recipe run by `n8n execute` (from its Manual Trigger, which feeds the same nodes as its hourly trigger).
 */
import type { TrafficMirrorSession } from '../../emulator/model';
import { DEMO_PORTS, DEMO_SERVERS } from '../../emulator/server';
import { DEMO_ANALYSER, nodeJson, picksOf, withPicks, type N8nRun, type WorkflowFile } from '../../scripts/n8n';
import { control, signedRequest, v3Path } from '../emulator/helpers';
import { demoPortId } from '../helpers/ids';
import { startE2e, startN8nServer, PREPARE_TIMEOUT_MS, type E2eEnvironment } from './setup';
import { exampleWorkflow } from './workflows';

const WEB_01 = demoPortId('ecs-web-01-eth0');
const WEB_02 = demoPortId('ecs-web-02-eth0');
const DB_01 = demoPortId('ecs-db-01-eth0');
const ANALYSER = demoPortId('analyser-eth0');

const WEBHOOK_PATH = 'huawei-vpc-mirror';
const TOKEN = 'Bearer e2e-alert-webhook-token';
/** The Header Auth credential the alert recipe's webhook refers to, with the token Alertmanager would send. */
const WEBHOOK_CREDENTIAL = {
	id: 'alertWebhookAuth',
	name: 'Alert webhook token',
	type: 'httpHeaderAuth',
	data: { name: 'Authorization', value: TOKEN },
};

const UNKNOWN_SERVER = 'c1f2e3d4-0a1b-4c2d-8e3f-999999999999';
const HOUR = 3600;

/** Prometheus Alertmanager's webhook payload (version 4): two alerts firing and one resolved. */
const alertmanagerPayload = (alerts: Array<{ status: string; labels: Record<string, string> }>) => ({
	receiver: 'huawei-vpc-mirror',
	status: alerts.some((alert) => alert.status === 'firing') ? 'firing' : 'resolved',
	alerts: alerts.map(({ status, labels }, index) => ({
		status,
		labels: { job: 'node', ...labels },
		annotations: { summary: `${labels.alertname} on ${labels.instance ?? labels.instance_id}` },
		startsAt: '2026-01-02T03:04:05.678Z',
		endsAt: status === 'resolved' ? '2026-01-02T04:00:00Z' : '0001-01-01T00:00:00Z',
		generatorURL: 'http://prometheus:9090/graph',
		fingerprint: `a1b2c3d4e5f6070${index}`,
	})),
	groupLabels: {},
	commonLabels: { job: 'node' },
	commonAnnotations: {},
	externalURL: 'http://alertmanager:9093',
	version: '4',
	groupKey: '{}:{job="node"}',
	truncatedAlerts: 0,
});

interface Answer {
	status: number;
	body: {
		mirrored: Array<{ alert: string; server: string; session: TrafficMirrorSession; sources: Array<Record<string, unknown>> }>;
		failed: Array<{ alert: string; server?: string; error: string; description?: string }>;
		skipped: Array<{ alert: string; reason: string }>;
	};
}

let e2e: E2eEnvironment;
let alertRecipe: WorkflowFile;
let cleanupRecipe: WorkflowFile;
let filterId: string;
const answers: Record<string, Answer> = {};
let unauthorised: number;
let createsAfterWebhooks: number;
let cleanup: N8nRun;
let cleanupAgain: N8nRun;
let oldSessions: Record<string, string>;

async function api<T>(method: string, path: string, body?: object): Promise<T> {
	const answer = await signedRequest(e2e.emulator, method, v3Path(path), { body });
	if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${answer.text}`);
	return (answer.text ? answer.json() : {}) as T;
}

const createSession = async (name: string) =>
	(
		await api<{ traffic_mirror_session: TrafficMirrorSession }>('POST', 'traffic-mirror-sessions', {
			traffic_mirror_session: {
				name,
				traffic_mirror_filter_id: filterId,
				traffic_mirror_sources: [WEB_01],
				traffic_mirror_target_id: ANALYSER,
				traffic_mirror_target_type: 'eni',
				priority: 5,
			},
		})
	).traffic_mirror_session.id;

const storedSessions = async () =>
	(await api<{ traffic_mirror_sessions: TrafficMirrorSession[] }>('GET', 'traffic-mirror-sessions')).traffic_mirror_sessions;

beforeAll(async () => {
	e2e = await startE2e();
	// The user's own filter, made beforehand (in the console, or with the lifecycle example).
	filterId = (await api<{ traffic_mirror_filter: { id: string } }>('POST', 'traffic-mirror-filters', {
		traffic_mirror_filter: { name: 'alert-mirror' },
	})).traffic_mirror_filter.id;
	alertRecipe = withPicks(exampleWorkflow('alert-to-mirror.json'), {
		'Create Mirror Session.trafficMirrorFilterId': { value: filterId, label: 'alert-mirror' },
		'Create Mirror Session.trafficMirrorTargetId': DEMO_ANALYSER,
	});
	cleanupRecipe = exampleWorkflow('scheduled-mirror-cleanup.json');
	await e2e.n8n.importCredentials([WEBHOOK_CREDENTIAL]);
	await e2e.n8n.importWorkflows([alertRecipe, cleanupRecipe]);
	await e2e.n8n.publishWorkflow(alertRecipe.id);

	const server = await startN8nServer(e2e.n8n, WEBHOOK_PATH);
	try {
		const post = async (name: string, payload: object, token = TOKEN) => {
			const response = await fetch(`${server.url}/webhook/${WEBHOOK_PATH}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', Authorization: token },
				body: JSON.stringify(payload),
			});
			const text = await response.text();
			try {
				answers[name] = { status: response.status, body: JSON.parse(text) };
			} catch {
				throw new Error(`${name}: ${response.status} ${text}\n${server.output()}`);
			}
		};
		await post('byInstance', { alert: 'HighOutboundTraffic', server: DEMO_SERVERS.web01 });
		await post('refired', { alert: 'HighOutboundTraffic', server: DEMO_SERVERS.web01 });
		await post('byIp', { alert: 'Port scan', ip: '192.168.0.12' });
		await post(
			'alertmanager',
			alertmanagerPayload([
				{ status: 'firing', labels: { alertname: 'HighOutboundTraffic', instance: '192.168.0.21:9100' } },
				{ status: 'firing', labels: { alertname: 'SuspiciousDns', instance: 'web-02:9100', instance_id: DEMO_SERVERS.web02 } },
				{ status: 'resolved', labels: { alertname: 'HighOutboundTraffic', instance: '192.168.0.12:9100' } },
			]),
		);
		await post('onlyResolved', alertmanagerPayload([{ status: 'resolved', labels: { alertname: 'Gone', instance: '192.168.0.21:9100' } }]));
		await post('unknownServer', { alert: 'HighOutboundTraffic', instanceId: UNKNOWN_SERVER });
		await post('hostnameOnly', alertmanagerPayload([{ status: 'firing', labels: { alertname: 'HighCpu', instance: 'web-01:9100' } }]));
		unauthorised = (await fetch(`${server.url}/webhook/${WEBHOOK_PATH}`, { method: 'POST', body: '{}' })).status;
	} finally {
		await server.stop();
	}
	createsAfterWebhooks = e2e.emulator.counters().requests.byOperation.CreateTrafficMirrorSession ?? 0;

	// Two sessions of the alert recipe and one made by hand, all 26 hours old; the webhook's are fresh.
	await control(e2e.emulator, 'PUT', 'timestamp-offset', { seconds: -26 * HOUR });
	oldSessions = {
		'alert-Old-192.168.0.11': await createSession('alert-Old-192.168.0.11'),
		'alert-Older-192.168.0.12': await createSession('alert-Older-192.168.0.12'),
		'by-hand-investigation': await createSession('by-hand-investigation'),
	};
	await control(e2e.emulator, 'PUT', 'timestamp-offset', { seconds: 0 });
	cleanup = await e2e.n8n.execute(cleanupRecipe.id);
	cleanupAgain = await e2e.n8n.execute(cleanupRecipe.id);
}, PREPARE_TIMEOUT_MS);
afterAll(async () => await e2e?.close());

test('the shipped recipes leave only the filter and the analyser to choose, and name nothing of the emulator', () => {
	const shipped = [exampleWorkflow('alert-to-mirror.json'), exampleWorkflow('scheduled-mirror-cleanup.json')];
	expect(shipped.map(picksOf)).toEqual([
		['Create Mirror Session.trafficMirrorFilterId', 'Create Mirror Session.trafficMirrorTargetId'],
		[],
	]);
	const text = JSON.stringify(shipped);
	for (const id of [...DEMO_PORTS.map((port) => port.id), ...Object.values(DEMO_SERVERS)]) expect(text).not.toContain(id);
});

describe('alert → mirror, over HTTP', () => {
	test('plain JSON with an instance ID: the session is named after the alert and the server, and mirrors its primary interface', () => {
		const { status, body } = answers.byInstance;
		expect(status).toBe(200);
		expect(body.failed).toEqual([]);
		expect(body.mirrored).toEqual([
			{
				alert: 'HighOutboundTraffic',
				server: DEMO_SERVERS.web01,
				session: expect.objectContaining({
					name: `alert-HighOutboundTraffic-${DEMO_SERVERS.web01}`,
					traffic_mirror_filter_id: filterId,
					traffic_mirror_sources: [WEB_01],
					traffic_mirror_target_id: ANALYSER,
					enabled: true,
					description: expect.stringMatching(/^Mirrored for the alert HighOutboundTraffic since /),
				}),
				sources: [
					expect.objectContaining({
						given: DEMO_SERVERS.web01,
						givenAs: 'ecsInstanceId',
						portId: WEB_01,
						name: 'ecs-web-01-eth0',
						ipAddresses: ['192.168.0.11', '2407:c080:11f0:a::11'],
					}),
				],
			},
		]);
	});

	test('the same alert fired again answers the same session and creates nothing', () => {
		expect(answers.refired.status).toBe(200);
		expect(answers.refired.body.mirrored.map(({ session }) => session.id)).toEqual([answers.byInstance.body.mirrored[0].session.id]);
		expect(e2e.emulator.counters().sessionCreatesByName[`alert-HighOutboundTraffic-${DEMO_SERVERS.web01}`]).toBe(1);
	});

	test('plain JSON with an IP address mirrors the interface that holds it', () => {
		expect(answers.byIp.status).toBe(200);
		expect(answers.byIp.body.mirrored).toEqual([
			expect.objectContaining({
				alert: 'Port scan',
				server: '192.168.0.12',
				session: expect.objectContaining({ name: 'alert-Port-scan-192.168.0.12', traffic_mirror_sources: [WEB_02] }),
			}),
		]);
	});

	test('an Alertmanager webhook: each firing alert is mirrored by its instance address or instance_id label; resolved ones are skipped', () => {
		const { status, body } = answers.alertmanager;
		expect(status).toBe(200);
		expect(body.mirrored.map(({ alert, server, session }) => [alert, server, session.name, session.traffic_mirror_sources])).toEqual([
			['HighOutboundTraffic', '192.168.0.21', 'alert-HighOutboundTraffic-192.168.0.21', [DB_01]],
			['SuspiciousDns', DEMO_SERVERS.web02, `alert-SuspiciousDns-${DEMO_SERVERS.web02}`, [WEB_02]],
		]);
		expect(body.skipped).toEqual([{ alert: 'HighOutboundTraffic', reason: 'status resolved' }]);
		expect(body.failed).toEqual([]);
	});

	test('a notification that only resolves alerts answers 200 and mirrors nothing', () => {
		expect(answers.onlyResolved).toEqual({
			status: 200,
			body: { mirrored: [], failed: [], skipped: [{ alert: 'Gone', reason: 'status resolved' }] },
		});
	});

	test('a server the project does not have: 422, the error names it, nothing is created', () => {
		expect(answers.unknownServer.status).toBe(422);
		expect(answers.unknownServer.body.mirrored).toEqual([]);
		expect(answers.unknownServer.body.failed).toEqual([
			{
				alert: 'HighOutboundTraffic',
				server: UNKNOWN_SERVER,
				error: `No network interface found for ECS instance ${UNKNOWN_SERVER}: the VPC ports API lists no port of that server in this project`,
				description: expect.stringContaining('No traffic mirror session was created or changed for this item.'),
			},
		]);
	});

	test('an alert whose instance is a host name names no server: 422 saying which labels to add', () => {
		expect(answers.hostnameOnly.status).toBe(422);
		expect(answers.hostnameOnly.body.failed).toEqual([
			{ alert: 'HighCpu', error: expect.stringMatching(/^The alert names no server: give it an instance_id or ip label.*"web-01:9100"/) },
		]);
	});

	test('without the token the webhook refuses, and every session was created once', async () => {
		expect(unauthorised).toBe(403);
		expect(createsAfterWebhooks).toBe(4);
		const names = (await storedSessions()).map((session) => session.name);
		expect(names).toEqual(
			expect.arrayContaining([
				`alert-HighOutboundTraffic-${DEMO_SERVERS.web01}`,
				'alert-Port-scan-192.168.0.12',
				'alert-HighOutboundTraffic-192.168.0.21',
				`alert-SuspiciousDns-${DEMO_SERVERS.web02}`,
			]),
		);
	});
});

describe('scheduled clean-up', () => {
	test('runs hourly, and its Manual Trigger feeds the same nodes', () => {
		const trigger = cleanupRecipe.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger');
		expect(trigger?.parameters).toEqual({ rule: { interval: [{ field: 'hours', hoursInterval: 1 }] } });
		const firstNode = (name: string) => (cleanupRecipe.connections[name] as { main: Array<Array<{ node: string }>> }).main[0][0].node;
		expect(firstNode(String(trigger?.name))).toBe(firstNode('Run Now'));
	});

	test('deletes the alert recipe\'s sessions older than the maximum age, and only those', async () => {
		expect(cleanup.status).toBe('success');
		expect(nodeJson(cleanup, 'Delete Mirror Session')).toEqual([
			{ deleted: true, alreadyDeleted: false, id: oldSessions['alert-Old-192.168.0.11'], resource: 'trafficMirrorSession' },
			{ deleted: true, alreadyDeleted: false, id: oldSessions['alert-Older-192.168.0.12'], resource: 'trafficMirrorSession' },
		]);
		const left = (await storedSessions()).map((session) => session.name).sort();
		expect(left).toEqual(
			[
				'by-hand-investigation',
				`alert-HighOutboundTraffic-${DEMO_SERVERS.web01}`,
				'alert-Port-scan-192.168.0.12',
				'alert-HighOutboundTraffic-192.168.0.21',
				`alert-SuspiciousDns-${DEMO_SERVERS.web02}`,
			].sort(),
		);
	});

	test('run again, it finds nothing old and deletes nothing; its deletes succeed if already deleted', () => {
		expect(cleanupAgain.status).toBe('success');
		expect(nodeJson(cleanupAgain, 'Delete Mirror Session')).toEqual([]);
		const del = cleanupRecipe.nodes.find((node) => node.name === 'Delete Mirror Session');
		expect(del?.parameters).toMatchObject({ options: { succeedIfAlreadyDeleted: true } });
	});
});
