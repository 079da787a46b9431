/**
 * Set-up shared by the session operation tests: an emulator, the node's credentials for it, and sessions made
 * directly through the emulator's signed API (so a test of one operation does not depend on another).
 */
import type { INodeParameterResourceLocator } from 'n8n-workflow';

import { startEmulator, type RunningEmulator } from '../../emulator/server';
import type { TrafficMirrorSession } from '../../emulator/model';
import { AK, PROJECT_ID, SK, signedRequest, SOURCE_PORT_ID, TARGET_PORT_ID, v3Path } from '../emulator/helpers';

export { SOURCE_PORT_ID, TARGET_PORT_ID };

/** Port IDs that are not the seed session's source, for add/remove-sources. */
export const MORE_PORT_IDS = ['2f2b6f5e-1f0f-4d6c-9a7e-0c4e2f3b1a01', '3a3c7a6f-2a1f-4e7d-8b8f-1d5f3a4c2b02'];

export interface SessionFixture {
	emulator: RunningEmulator;
	filterId: string;
	credentials(): Record<string, string>;
	createSession(overrides?: Record<string, unknown>): Promise<TrafficMirrorSession>;
	/** The session as the emulator holds it now. */
	showSession(id: string): Promise<TrafficMirrorSession | undefined>;
	/** How many requests of an API operation (e.g. `UpdateTrafficMirrorSession`) the emulator has answered. */
	requestsOf(operation: string): number;
}

export async function startSessionFixture(): Promise<SessionFixture> {
	const emulator = await startEmulator({ port: 0 });
	const filter = await signedRequest(emulator, 'POST', v3Path('traffic-mirror-filters'), {
		body: { traffic_mirror_filter: { name: 'fixture-filter' } },
	});
	const filterId = (filter.json().traffic_mirror_filter as { id: string }).id;
	let created = 0;
	return {
		emulator,
		filterId,
		credentials: () => ({ accessKeyId: AK, secretAccessKey: SK, projectId: PROJECT_ID, region: 'custom', endpoint: emulator.url }),
		async createSession(overrides = {}) {
			created++;
			const answer = await signedRequest(emulator, 'POST', v3Path('traffic-mirror-sessions'), {
				body: {
					traffic_mirror_session: {
						name: `session-${String(created).padStart(5, '0')}`,
						traffic_mirror_filter_id: filterId,
						traffic_mirror_sources: [SOURCE_PORT_ID],
						traffic_mirror_target_id: TARGET_PORT_ID,
						traffic_mirror_target_type: 'eni',
						priority: 1,
						enabled: true,
						...overrides,
					},
				},
			});
			if (answer.status !== 201) throw new Error(`Fixture session not created: ${answer.status} ${answer.text}`);
			return answer.json().traffic_mirror_session as TrafficMirrorSession;
		},
		async showSession(id) {
			const answer = await signedRequest(emulator, 'GET', v3Path(`traffic-mirror-sessions/${id}`));
			return answer.status === 200 ? (answer.json().traffic_mirror_session as TrafficMirrorSession) : undefined;
		},
		requestsOf: (operation) => emulator.counters().requests.byOperation[operation] ?? 0,
	};
}

/** A resource locator value in ID mode, as n8n stores it. */
export const byId = (value: string): INodeParameterResourceLocator => ({ __rl: true, mode: 'id', value });
