/**
 * The README's recipe "Alert me when a mirror session appears" (examples/mirror-session-alert.json) as the real-n8n
 * tests of the trigger fill it in, and the local webhook its alerts go to: shared by test/e2e/trigger.test.ts (one
 * n8n) and test/queue/trigger.test.ts (queue mode).
 */
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import type { TrafficMirrorSession } from '../../emulator/model';
import { withPicks, type WorkflowFile } from '../../scripts/n8n';
import { exampleWorkflow } from './workflows';

export const TRIGGER = 'New Mirror Session';

/** A webhook on 127.0.0.1 that records each request's JSON body. */
export interface WebhookSink {
	url: string;
	bodies: Array<Record<string, unknown>>;
	/** Resolves once `count` requests have arrived; rejects after `timeoutMs`. */
	received(count: number, timeoutMs: number): Promise<void>;
	close(): Promise<void>;
}

export async function startSink(): Promise<WebhookSink> {
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
export function fastestPollTime(n8nRoot: string): Record<string, string> {
	const fast = { mode: 'custom', cronExpression: '0,10,20,30,40,50 * * * * *' };
	// The n8n-workflow the tested n8n loads: its rule, not a copy of it.
	const n8nWorkflow = createRequire(join(n8nRoot, 'node_modules', 'n8n', 'package.json'))('n8n-workflow');
	const { isSubMinuteCron } = n8nWorkflow as { isSubMinuteCron?: (cron: string) => boolean };
	return isSubMinuteCron?.(fast.cronExpression) ? { mode: 'everyMinute' } : fast;
}

/** The recipe as its user fills it in, polled as fast as this n8n allows. */
export function alertRecipe(webhookUrl: string, n8nRoot: string): WorkflowFile {
	const filled = withPicks(exampleWorkflow('mirror-session-alert.json'), { 'Compose Alert.webhookUrl': { value: webhookUrl } });
	const trigger = filled.nodes.find((node) => node.name === TRIGGER) as { parameters: Record<string, unknown> };
	trigger.parameters.pollTimes = { item: [fastestPollTime(n8nRoot)] };
	return filled;
}

/** The alert's text for a session the recipe reports: what it copies, to where, through which filter, and when seen. */
export function alertText(session: TrafficMirrorSession): RegExp {
	return new RegExp(
		`^Traffic mirror session created: ${session.name} \\(${session.id}\\) copies the traffic of ${session.traffic_mirror_sources.join(', ')} to the ${session.traffic_mirror_target_type} ${session.traffic_mirror_target_id}, through the filter ${session.traffic_mirror_filter_id}\\. Seen \\d{4}-`,
	);
}
