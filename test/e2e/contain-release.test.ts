/**
 * The contain and release recipes in a real n8n against the emulator, as shipped but for the filter and the analyser:
 * both published, their webhooks called over HTTP; the release is fed the contain's answer, as a ticketing tool would
 * hand it back when the case closes.
 */
import type { TrafficMirrorSession } from '../../emulator/model';
import { DEMO_SERVERS } from '../../emulator/server';
import { DEMO_ANALYSER, picksOf, withPicks } from '../../scripts/n8n';
import { signedRequest, v3Path } from '../emulator/helpers';
import { demoPortId } from '../helpers/ids';
import { startE2e, startN8nServer, PREPARE_TIMEOUT_MS, type E2eEnvironment } from './setup';
import { exampleWorkflow } from './workflows';

const WEB_01 = demoPortId('ecs-web-01-eth0');
const WEB_02 = demoPortId('ecs-web-02-eth0');
const ANALYSER = demoPortId('analyser-eth0');
const TOKEN = 'Bearer e2e-contain-release-token';
const WEBHOOK_CREDENTIAL = { id: 'alertWebhookAuth', name: 'Alert webhook token', type: 'httpHeaderAuth', data: { name: 'Authorization', value: TOKEN } };

type Body = Record<string, unknown> & { sessions?: Array<Record<string, unknown>> };
interface Answer {
	status: number;
	body: Body;
}

let e2e: E2eEnvironment;
const answers: Record<string, Answer> = {};
let sessionsAfterContain: TrafficMirrorSession[];
let sessionsAfterRelease: TrafficMirrorSession[];

async function api<T>(method: string, path: string, body?: object): Promise<T> {
	const answer = await signedRequest(e2e.emulator, method, v3Path(path), { body });
	if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${answer.text}`);
	return (answer.text ? answer.json() : {}) as T;
}
const storedSessions = async () =>
	(await api<{ traffic_mirror_sessions: TrafficMirrorSession[] }>('GET', 'traffic-mirror-sessions')).traffic_mirror_sessions;

beforeAll(async () => {
	e2e = await startE2e();
	const filterId = (await api<{ traffic_mirror_filter: { id: string } }>('POST', 'traffic-mirror-filters', {
		traffic_mirror_filter: { name: 'incident' },
	})).traffic_mirror_filter.id;
	const contain = withPicks(exampleWorkflow('contain-server.json'), {
		'Mirror Server.trafficMirrorFilterId': { value: filterId, label: 'incident' },
		'Mirror Server.trafficMirrorTargetId': DEMO_ANALYSER,
	});
	const release = exampleWorkflow('release-server.json');
	await e2e.n8n.importCredentials([WEBHOOK_CREDENTIAL]);
	await e2e.n8n.importWorkflows([contain, release]);
	await e2e.n8n.publishWorkflow(contain.id);
	await e2e.n8n.publishWorkflow(release.id);
	const server = await startN8nServer(e2e.n8n, 'huawei-vpc-release');
	try {
		const post = async (name: string, path: string, payload: object) => {
			const response = await fetch(`${server.url}/webhook/${path}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', Authorization: TOKEN },
				body: JSON.stringify(payload),
			});
			const text = await response.text();
			try {
				answers[name] = { status: response.status, body: JSON.parse(text) as Body };
			} catch {
				throw new Error(`${name}: ${response.status} ${text}\n${server.output()}`);
			}
		};
		await post('contain', 'huawei-vpc-contain', { servers: [DEMO_SERVERS.web01, '192.168.0.12'] });
		await post('containAgain', 'huawei-vpc-contain', { server: DEMO_SERVERS.web01 });
		await post('containTarget', 'huawei-vpc-contain', { server: DEMO_SERVERS.analyser });
		sessionsAfterContain = await storedSessions();
		await post('release', 'huawei-vpc-release', answers.contain.body);
		await post('releaseAgain', 'huawei-vpc-release', answers.contain.body);
		sessionsAfterRelease = await storedSessions();
	} finally {
		await server.stop();
	}
}, PREPARE_TIMEOUT_MS);
afterAll(async () => await e2e?.close());

test('the shipped recipes leave only the filter and the analyser to choose', () => {
	expect([exampleWorkflow('contain-server.json'), exampleWorkflow('release-server.json')].map(picksOf)).toEqual([
		['Mirror Server.trafficMirrorTargetId', 'Mirror Server.trafficMirrorFilterId'],
		[],
	]);
});

test('contain: the servers an alert names are mirrored to the analyser in one session, and again is no change', () => {
	expect(answers.contain.status).toBe(200);
	expect(answers.contain.body).toMatchObject({
		changed: true,
		interfaces: [WEB_01, WEB_02],
		target: { id: ANALYSER, type: 'eni' },
		sessions: [{ action: 'created', sources: [WEB_01, WEB_02], name: 'n8n-contain' }],
	});
	expect(sessionsAfterContain).toHaveLength(1);
	expect(answers.containAgain.body).toMatchObject({ changed: false, sessions: [{ action: 'unchanged', sources: [WEB_01] }] });
});

test('contain refuses the analyser itself, with the reason, and sends nothing', () => {
	expect(answers.containTarget.status).toBe(422);
	expect(String(answers.containTarget.body.error)).toMatch(/is the mirror target itself/);
});

test("release: fed the contain's answer, it empties and deletes the session; again, it changes nothing", () => {
	expect(answers.release.status).toBe(200);
	const sessionId = (answers.contain.body.sessions ?? [])[0]?.id;
	expect(answers.release.body).toMatchObject({ changed: true, sessions: [{ id: sessionId, action: 'deleted', sources: [WEB_01, WEB_02] }] });
	expect(sessionsAfterRelease).toEqual([]);
	expect(answers.releaseAgain.body).toMatchObject({ changed: false, sessions: [] });
});
