import type { IDataObject } from 'n8n-workflow';

import type { TransportContext } from '../../transport/context';
import { isObject, vpcApiRequest } from '../../transport/request';
import { MAX_SOURCES } from '../port/resolve';

/**
 * The project's traffic-mirroring quotas, from the VPC quota API (`GET /v3/{project_id}/vpc/quotas`, Huawei Cloud's
 * ShowQuota API reference: https://support.huaweicloud.com/intl/en-us/api-vpc/ShowQuota.html). It gives limits only,
 * -1 for a quota not brought online: undefined here, no limit to check. What is used is counted from the sessions.
 */
export interface MirrorQuotas {
	sessions?: number;
	/** The sources one session may hold; Huawei's documented 10 when the API gives no limit. */
	sourcesPerSession: number;
	/** The sessions one network interface may be a source of. */
	sessionsPerSource?: number;
	sessionsPerTarget: { eni?: number; elb?: number };
	sessionsPerFilter?: number;
}

export async function readMirrorQuotas(transport: TransportContext, itemIndex: number): Promise<MirrorQuotas> {
	const response = await vpcApiRequest(transport, {
		method: 'GET',
		path: '/vpc/quotas',
		itemIndex,
		expect: (answer) => (isObject(answer.quota) ? undefined : 'without the quota object the answer should hold'),
	});
	const quota = response.quota as IDataObject;
	const limit = (name: string) => {
		const value = quota[name];
		return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
	};
	return {
		sessions: limit('traffic_mirror_session'),
		sourcesPerSession: limit('traffic_mirror_session_contain_sources') ?? MAX_SOURCES,
		sessionsPerSource: limit('traffic_mirror_source_referred_by_session'),
		sessionsPerTarget: {
			eni: limit('traffic_mirror_target_eni_referred_by_session'),
			elb: limit('traffic_mirror_target_elb_referred_by_session'),
		},
		sessionsPerFilter: limit('traffic_mirror_filter_referred_by_session'),
	};
}
