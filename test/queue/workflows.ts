/**
 * The webhook-started workflows of the queue-mode tests and benchmark. Each call creates traffic mirror sessions
 * and is answered by a Respond to Webhook node: 200 with the sessions, or 502 with the node's error, and in both
 * cases the worker that ran the execution and its ID.
 */
import { randomUUID } from 'node:crypto';

import { DEMO_PORTS } from '../../emulator/server';
import { EMULATOR_CREDENTIAL, NODE_TYPE, type WorkflowFile } from '../../scripts/n8n';
import { WORKER_NAME_VARIABLE } from '../../scripts/n8n/queue';

const [WEB_01, , , ANALYSER] = DEMO_PORTS.map((port) => port.id);

/** One session per call: `{ name, priority, filterId }` in the body. */
export const CREATE_ONE_PATH = 'create-mirror-session';
/** Several sessions per call: `{ sessions: [{ name, priority, filterId }] }` in the body. */
export const CREATE_MANY_PATH = 'create-mirror-sessions';

/** What a call is answered with. */
export interface CallAnswer {
	status: number;
	sessions?: Array<{ id: string; name: string }>;
	error?: string;
	worker?: string;
	executionId?: string;
	/** The answer's body when it is none of the above (n8n's own error answer, say). */
	raw?: string;
}

const who = `worker: $env.${WORKER_NAME_VARIABLE}, executionId: $execution.id`;

function node(name: string, type: string, typeVersion: number, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) {
	return { id: randomUUID(), name, type, typeVersion, position: [0, 0], parameters, ...extra };
}

/**
 * Webhook → (Split Sessions →) Create Session (If Name Exists: Return Existing, errors to the error output) → two
 * Respond to Webhook nodes. `requestOptions` are the node's Request Options.
 */
function createSessionsWorkflow(id: string, path: string, requestOptions: Record<string, number>, many: boolean): WorkflowFile {
	const body = many ? '$json' : '$json.body';
	const nodes = [
		node('Webhook', 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path, responseMode: 'responseNode', options: {} }, {
			webhookId: randomUUID(),
		}),
		...(many
			? [
					node('Split Sessions', 'n8n-nodes-base.splitOut', 1, {
						fieldToSplitOut: 'body.sessions',
						include: 'noOtherFields',
						options: {},
					}),
				]
			: []),
		node(
			'Create Session',
			NODE_TYPE,
			1,
			{
				resource: 'trafficMirrorSession',
				operation: 'create',
				name: `={{ ${body}.name }}`,
				trafficMirrorFilterId: { __rl: true, mode: 'id', value: `={{ ${body}.filterId }}` },
				trafficMirrorSources: WEB_01,
				trafficMirrorTargetType: 'eni',
				trafficMirrorTargetId: { __rl: true, mode: 'id', value: ANALYSER },
				priority: `={{ ${body}.priority }}`,
				ifNameExists: 'returnExisting',
				requestOptions,
			},
			{ credentials: { huaweiCloudApi: { ...EMULATOR_CREDENTIAL } }, onError: 'continueErrorOutput' },
		),
		node('Answer Sessions', 'n8n-nodes-base.respondToWebhook', 1.1, {
			respondWith: 'json',
			responseBody: `={{ JSON.stringify({ sessions: $input.all().map((item) => ({ id: item.json.id, name: item.json.name })), ${who} }) }}`,
			options: { responseCode: 200 },
		}),
		node('Answer Error', 'n8n-nodes-base.respondToWebhook', 1.1, {
			respondWith: 'json',
			responseBody: `={{ JSON.stringify({ error: $input.all().map((item) => item.json.error).join('; '), ${who} }) }}`,
			options: { responseCode: 502 },
		}),
	].map((each, index) => ({ ...each, position: [index * 220, 0] }));
	const chain = nodes.slice(0, many ? 3 : 2).map((each) => each.name);
	const connections: Record<string, unknown> = {};
	for (let index = 0; index < chain.length - 1; index++) {
		connections[chain[index]] = { main: [[{ node: chain[index + 1], type: 'main', index: 0 }]] };
	}
	connections['Create Session'] = {
		main: [[{ node: 'Answer Sessions', type: 'main', index: 0 }], [{ node: 'Answer Error', type: 'main', index: 0 }]],
	};
	return { id, name: `queue ${path}`, nodes, connections, settings: { executionOrder: 'v1' } };
}

export const createOneWorkflow = (requestOptions: Record<string, number>) =>
	createSessionsWorkflow('queueCreateOne1', CREATE_ONE_PATH, requestOptions, false);

export const createManyWorkflow = (requestOptions: Record<string, number>) =>
	createSessionsWorkflow('queueCreateMany1', CREATE_MANY_PATH, requestOptions, true);

/** POSTs `body` to the webhook and reads the answer, whatever it is. */
export async function call(url: string, body: unknown): Promise<CallAnswer> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(10 * 60_000),
	});
	const text = await response.text();
	try {
		const json = JSON.parse(text) as Omit<CallAnswer, 'status'>;
		if (json.sessions || json.error !== undefined) return { status: response.status, ...json };
	} catch {
		// Not JSON: kept as it is.
	}
	return { status: response.status, raw: text };
}
