/**
 * The credential in n8n's own HTTP Request node (v4.2, Authentication "Predefined Credential Type", Huawei Cloud API),
 * the way a user makes a call the node has no operation for, in a real n8n against the emulator, which checks each
 * signature with the official SDK's signer: creates and a list succeed, and a URL outside the credential's endpoints
 * is refused before anything is sent.
 */
import { randomUUID } from 'node:crypto';

import { EMULATOR_DEFAULTS } from '../../emulator/defaults';
import { EMULATOR_CREDENTIAL, nodeJson, type BatchResult, type WorkflowFile } from '../../scripts/n8n';
import { startForeignOrigin, type ForeignOrigin } from '../helpers/foreign-origin';
import { startE2e, PREPARE_TIMEOUT_MS, successfulRun, type E2eEnvironment } from './setup';
import { ANALYSER, chainWorkflow, WEB_01 } from './workflows';

const SESSION_NAME = 'made-by-the-http-request-node';

function httpRequestNode(name: string, parameters: Record<string, unknown>, settings: Record<string, unknown> = {}) {
	return {
		id: randomUUID(),
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [0, 0],
		parameters: { authentication: 'predefinedCredentialType', nodeCredentialType: 'huaweiCloudApi', options: {}, ...parameters },
		credentials: { huaweiCloudApi: { ...EMULATOR_CREDENTIAL } },
		...settings,
	};
}

/** A filter at the full URL with the project ID, a session with the placeholder URL-encoded, the list with it typed. */
function callsWorkflow(emulatorUrl: string): WorkflowFile {
	return chainWorkflow('e2eHttpRequestNode1', [
		httpRequestNode('Create Filter', {
			method: 'POST',
			url: `${emulatorUrl}/v3/${EMULATOR_DEFAULTS.projectId}/vpc/traffic-mirror-filters`,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: JSON.stringify({ traffic_mirror_filter: { name: 'http-request-node-filter' } }),
		}),
		httpRequestNode('Create Session', {
			method: 'POST',
			url: `${emulatorUrl}/v3/%7Bproject_id%7D/vpc/traffic-mirror-sessions`,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ traffic_mirror_session: {
	name: '${SESSION_NAME}',
	traffic_mirror_filter_id: $('Create Filter').first().json.traffic_mirror_filter.id,
	traffic_mirror_sources: ['${WEB_01}'],
	traffic_mirror_target_type: 'eni',
	traffic_mirror_target_id: '${ANALYSER}',
	priority: 7,
} }) }}`,
			// The JSON response format: n8n asks for the answer parsed (request-library `json: true`).
			options: { response: { response: { responseFormat: 'json' } } },
		}),
		httpRequestNode('List Sessions', {
			method: 'GET',
			url: `${emulatorUrl}/v3/{project_id}/vpc/traffic-mirror-sessions`,
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'name', value: SESSION_NAME }, { name: 'limit', value: '10' }] },
		}),
	]);
}

function foreignWorkflow(foreignOrigin: string): WorkflowFile {
	return chainWorkflow('e2eHttpRequestForeign1', [
		httpRequestNode(
			'Call Foreign Server',
			{ method: 'GET', url: `${foreignOrigin}/v3/{project_id}/vpc/traffic-mirror-sessions` },
			{ onError: 'continueRegularOutput' },
		),
	]);
}

let e2e: E2eEnvironment;
let foreign: ForeignOrigin;
let batch: BatchResult;
let calls: WorkflowFile;
let refused: WorkflowFile;

beforeAll(async () => {
	foreign = await startForeignOrigin();
	e2e = await startE2e();
	calls = callsWorkflow(e2e.emulator.url);
	refused = foreignWorkflow(foreign.origin);
	await e2e.n8n.importWorkflows([calls, refused]);
	batch = await e2e.n8n.executeBatch([calls.id, refused.id]);
}, PREPARE_TIMEOUT_MS);
afterAll(async () => {
	await e2e?.close();
	await foreign?.close();
});

test('creates a filter and a session and lists it, each request signed as the emulator checks it', () => {
	const run = successfulRun(batch, calls.id);
	const [filter] = nodeJson(run, 'Create Filter');
	const [created] = nodeJson(run, 'Create Session');
	const [listed] = nodeJson(run, 'List Sessions');
	const filterId = (filter.traffic_mirror_filter as { id: string }).id;
	expect(created.traffic_mirror_session).toMatchObject({
		name: SESSION_NAME,
		project_id: EMULATOR_DEFAULTS.projectId,
		traffic_mirror_filter_id: filterId,
		traffic_mirror_sources: [WEB_01],
		priority: 7,
	});
	expect(listed.traffic_mirror_sessions).toEqual([created.traffic_mirror_session]);
	const { requests, created: made } = e2e.emulator.counters();
	expect(requests.byStatus).toEqual({ 200: 1, 201: 2 });
	expect(made).toMatchObject({ filters: 1, sessions: 1 });
});

test('refuses a URL on another server with a clear error: nothing reaches it, nor the AK or the token', () => {
	const run = successfulRun(batch, refused.id);
	const [item] = nodeJson(run, 'Call Foreign Server');
	expect(item.error).toMatchObject({
		name: 'NodeApiError',
		message: `Refused to sign a request to ${foreign.origin}: this Huawei Cloud credential signs only requests to ${e2e.emulator.url}. Nothing was sent.`,
	});
	expect(foreign.requests).toEqual([]);
});
