/**
 * The one create request every contender sends, in each contender's own terms: node parameters, an SDK request
 * object, and signed wire bytes for the bare loop.
 */
import { subscribe } from 'node:diagnostics_channel';
import { Agent, request } from 'node:http';

import { DEMO_PORTS } from '../emulator/server';
import { signHuaweiCloudRequest, PROJECT_PLACEHOLDER } from '../credentials/common/huaweiCloud/authentication';
import { FILTERS_PATH } from '../nodes/HuaweiCloudVpc/actions/trafficMirrorFilter/filter.resource';
import { SESSIONS_PATH } from '../nodes/HuaweiCloudVpc/actions/trafficMirrorSession/session.resource';

export const SOURCE_PORT_ID = DEMO_PORTS[0].id;
export const TARGET_PORT_ID = DEMO_PORTS[3].id;

export function sessionBody(filterId: string) {
	return {
		traffic_mirror_session: {
			name: 'bench-session',
			traffic_mirror_filter_id: filterId,
			traffic_mirror_sources: [SOURCE_PORT_ID],
			traffic_mirror_target_type: 'eni',
			traffic_mirror_target_id: TARGET_PORT_ID,
			priority: 11,
			enabled: true,
		},
	};
}

/** The same session as the node's Create parameters, with option collections (see node-options.ts). */
export function createParameters(filterId: string, collections: Record<string, Record<string, number>> = {}) {
	return {
		resource: 'trafficMirrorSession',
		operation: 'create',
		name: 'bench-session',
		trafficMirrorFilterId: { __rl: true, mode: 'id', value: filterId },
		trafficMirrorSources: SOURCE_PORT_ID,
		trafficMirrorTargetType: 'eni',
		trafficMirrorTargetId: { __rl: true, mode: 'id', value: TARGET_PORT_ID },
		priority: 11,
		...collections,
	};
}

export interface WireRequest {
	method: string;
	path: string;
	headers: Record<string, string>;
	body?: string;
}

/**
 * A request signed by the credential's own signing path, with the headers and body string `vpcApiRequest`
 * hands to it: the bytes the node puts on the wire.
 */
export function wireRequest(credentials: Record<string, string>, method: 'GET' | 'POST', path: string, body?: object): WireRequest {
	const signed = signHuaweiCloudRequest(credentials, {
		method,
		url: `/v3/${PROJECT_PLACEHOLDER}${path}`,
		body: body === undefined ? undefined : JSON.stringify(body),
		headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
	});
	const url = new URL(signed.url as string);
	return { method, path: `${url.pathname}${url.search}`, headers: signed.headers as Record<string, string>, body: signed.body as string };
}

export const createSessionRequest = (credentials: Record<string, string>, filterId: string) =>
	wireRequest(credentials, 'POST', SESSIONS_PATH, sessionBody(filterId));

export interface WireAnswer {
	status: number;
	text: string;
}

/** One request over `agent`, answer read to the end; nothing parsed. */
export function send(endpoint: string, agent: Agent, wire: WireRequest): Promise<WireAnswer> {
	const { hostname, port } = new URL(endpoint);
	return new Promise((resolve, reject) => {
		const outgoing = request({ hostname, port, agent, method: wire.method, path: wire.path, headers: wire.headers }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
			response.on('error', reject);
		});
		outgoing.on('error', reject);
		outgoing.end(wire.body);
	});
}

/** Runs `task(0…count-1)` with at most `concurrency` in flight. */
export async function inParallel(count: number, concurrency: number, task: (index: number) => Promise<unknown>): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < count) await task(next++);
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

export async function createFilter(endpoint: string, credentials: Record<string, string>): Promise<string> {
	const agent = new Agent();
	const answer = await send(endpoint, agent, wireRequest(credentials, 'POST', FILTERS_PATH, { traffic_mirror_filter: { name: 'bench-filter' } }));
	agent.destroy();
	if (answer.status !== 201) throw new Error(`Creating the bench filter failed: ${answer.status} ${answer.text}`);
	return (JSON.parse(answer.text) as { traffic_mirror_filter: { id: string } }).traffic_mirror_filter.id;
}

/** Creates `count` sessions quickly (signed one by one, 32 in flight), for the listing benchmark. */
export async function seedSessions(endpoint: string, credentials: Record<string, string>, filterId: string, count: number) {
	const agent = new Agent({ keepAlive: true, maxSockets: 32 });
	let failed = 0;
	await inParallel(count, 32, async () => {
		const answer = await send(endpoint, agent, createSessionRequest(credentials, filterId));
		if (answer.status !== 201) failed++;
	});
	agent.destroy();
	if (failed > 0) throw new Error(`${failed} of ${count} seed creates failed`);
}

let clientSockets = 0;
subscribe('net.client.socket', () => clientSockets++);

/** TCP connections this process has opened so far: shows which clients reuse connections. */
export const connectionsOpened = () => clientSockets;
