/**
 * The emulator's own unsigned control API under `/__emulator/`, for tests and demos:
 *   GET   /__emulator/counters  → CountersSnapshot
 *   GET   /__emulator/faults    → FaultSettings
 *   PUT   /__emulator/faults    → replace all fault settings (unnamed ones back to defaults) → FaultSettings
 *   PATCH /__emulator/faults    → change the named fault settings only → FaultSettings
 *   POST  /__emulator/reset     → resources, counters, faults, lockouts and timestamp offset back to the start → 204
 *   PUT   /__emulator/timestamp-offset → `{"seconds": -93600}`: timestamps of resources created or changed from
 *                                 now on are that far off the clock (to have old resources) → 200 `{"seconds"}`
 *   POST  /__emulator/ports     → add a port `{name, id?, status?, device_owner?, device_id?, network_id?,
 *                                 mac_address?, ip_address?}` → 201 `{"port": Port}`
 *   POST  /__emulator/loadbalancers → add a load balancer `{name?, id?, description?, vip_address?, public_ip?,
 *                                 guaranteed?}` → 201 `{"loadbalancer": LoadBalancer}`
 *   PUT   /__emulator/quotas    → change the named traffic-mirroring quotas `{"traffic_mirror_session": 5}` (-1: no
 *                                 limit) → 200 the quotas in force; a reset restores the start's
 *   PUT   /__emulator/server-flavor → `{"server": "<ECS instance ID>", "flavor": "s6.large.2"}`: sources of that server
 *                                 are refused unless the flavor supports mirroring → 200 the same
 * Errors are `{"error": "<message>"}` with 400 (bad input) or 404 (unknown control path).
 */
import { ServerResponse } from 'node:http';

import { parseFaultSettings } from './faults';
import { sendJson } from './http';
import { FaultSettings } from './options';
import { LoadBalancer, Port } from './model';
import { CountersSnapshot } from './counters';
import type { MirrorQuotas } from './resources/quotas';

export const CONTROL_PREFIX = '/__emulator/';

export interface ControlTarget {
	counters(): CountersSnapshot;
	faults(): FaultSettings;
	setFaults(partial: Partial<FaultSettings>): void;
	replaceFaults(settings: Partial<FaultSettings>): void;
	reset(): void;
	setTimestampOffset(seconds: number): void;
	addPort(body: unknown): Port;
	addLoadBalancer(body: unknown): LoadBalancer;
	setQuotas(body: unknown): MirrorQuotas;
	setServerFlavor(body: unknown): { server: string; flavor: string };
}

function parseBody(raw: Buffer): unknown {
	if (raw.length === 0) return {};
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		throw new Error('The body is not valid JSON.');
	}
}

export function handleControl(
	method: string,
	rawPath: string,
	body: Buffer,
	response: ServerResponse,
	target: ControlTarget,
): void {
	const action = `${method} ${rawPath.slice(CONTROL_PREFIX.length)}`;
	try {
		switch (action) {
			case 'GET counters':
				return sendJson(response, 200, target.counters());
			case 'GET faults':
				return sendJson(response, 200, target.faults());
			case 'PUT faults':
				target.replaceFaults(parseFaultSettings(parseBody(body)));
				return sendJson(response, 200, target.faults());
			case 'PATCH faults':
				target.setFaults(parseFaultSettings(parseBody(body)));
				return sendJson(response, 200, target.faults());
			case 'POST reset':
				target.reset();
				response.writeHead(204).end();
				return;
			case 'PUT timestamp-offset': {
				const { seconds } = parseBody(body) as { seconds?: unknown };
				target.setTimestampOffset(seconds as number);
				return sendJson(response, 200, { seconds });
			}
			case 'POST ports':
				return sendJson(response, 201, { port: target.addPort(parseBody(body)) });
			case 'POST loadbalancers':
				return sendJson(response, 201, { loadbalancer: target.addLoadBalancer(parseBody(body)) });
			case 'PUT quotas':
				return sendJson(response, 200, target.setQuotas(parseBody(body)));
			case 'PUT server-flavor':
				return sendJson(response, 200, target.setServerFlavor(parseBody(body)));
			default:
				return sendJson(response, 404, { error: `Unknown control endpoint: ${method} ${rawPath}` });
		}
	} catch (error) {
		sendJson(response, 400, { error: error instanceof Error ? error.message : String(error) });
	}
}
