/** The world the fault matrix's emulator holds, read and written through its own signed API. */
import type { IDataObject } from 'n8n-workflow';

import type { RunningEmulator } from '../../emulator/server';
import { signedRequest, TARGET_PORT_ID, v3Path } from '../emulator/helpers';

/**
 * The security token the emulator requires. Its `/`, `+` and `=` give it distinct JSON-escaped and URL-encoded
 * spellings, so that an echoed token redacted in one spelling only is still found in another.
 */
export const SECURITY_TOKEN = 'matrix/security+token=0123456789/ABCDEFGHIJKLMNOPQRSTUVWXYZ==';

/** How far back the resources a cell sets up are dated: they clearly existed before the run. */
export const SET_UP_AGE_SECONDS = 3600;

export type Kind = 'session' | 'filter' | 'rule';
export type Resource = IDataObject & { id: string };

export const KINDS: Record<
	Kind,
	{
		path: string;
		key: string;
		listKey: string;
		resource: string;
		idParameter: string;
		apiName: string;
		iamResource: string;
	}
> = {
	session: {
		path: 'traffic-mirror-sessions',
		key: 'traffic_mirror_session',
		listKey: 'traffic_mirror_sessions',
		resource: 'trafficMirrorSession',
		idParameter: 'trafficMirrorSessionId',
		apiName: 'Session',
		iamResource: 'trafficMirrorSessions',
	},
	filter: {
		path: 'traffic-mirror-filters',
		key: 'traffic_mirror_filter',
		listKey: 'traffic_mirror_filters',
		resource: 'trafficMirrorFilter',
		idParameter: 'trafficMirrorFilterId',
		apiName: 'Filter',
		iamResource: 'trafficMirrorFilters',
	},
	rule: {
		path: 'traffic-mirror-filter-rules',
		key: 'traffic_mirror_filter_rule',
		listKey: 'traffic_mirror_filter_rules',
		resource: 'trafficMirrorFilterRule',
		idParameter: 'trafficMirrorFilterRuleId',
		apiName: 'FilterRule',
		iamResource: 'trafficMirrorFilterRules',
	},
};

/** IDs compare canonically: the service's UUIDs are lower-case, a user may write them in any case. */
export const sameId = (a: unknown, b: unknown) =>
	typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();

/** The emulator, read and written through its own signed API, with the security token the emulator requires. */
export class World {
	private ports = 0;

	constructor(readonly emulator: RunningEmulator) {}

	async create(kind: Kind, fields: IDataObject): Promise<Resource> {
		const { path, key } = KINDS[kind];
		const answer = await signedRequest(this.emulator, 'POST', v3Path(path), {
			body: { [key]: fields },
			headers: { 'X-Security-Token': SECURITY_TOKEN },
		});
		if (answer.status !== 201) throw new Error(`Setting up the cell: ${kind} not created: ${answer.status} ${answer.text}`);
		return answer.json()[key] as Resource;
	}

	async list(kind: Kind): Promise<Map<string, Resource>> {
		const { path, listKey } = KINDS[kind];
		const answer = await signedRequest(this.emulator, 'GET', v3Path(path), {
			query: { limit: 2000 },
			headers: { 'X-Security-Token': SECURITY_TOKEN },
		});
		if (answer.status !== 200) throw new Error(`Reading the world: ${answer.status} ${answer.text}`);
		return new Map((answer.json()[listKey] as Resource[]).map((resource) => [resource.id, resource]));
	}

	/** A new network interface, so that no two sessions of a cell share a source. */
	port(): string {
		return this.emulator.addPort({ name: `matrix-port-${++this.ports}` }).id;
	}

	async session(filterId: string, fields: IDataObject = {}): Promise<Resource> {
		return await this.create('session', {
			traffic_mirror_filter_id: filterId,
			traffic_mirror_sources: [this.port()],
			traffic_mirror_target_id: TARGET_PORT_ID,
			traffic_mirror_target_type: 'eni',
			priority: 1,
			enabled: true,
			...fields,
		});
	}

	async rule(filterId: string, fields: IDataObject = {}): Promise<Resource> {
		return await this.create('rule', {
			traffic_mirror_filter_id: filterId,
			direction: 'ingress',
			protocol: 'TCP',
			ethertype: 'IPv4',
			action: 'accept',
			priority: 10,
			...fields,
		});
	}
}
