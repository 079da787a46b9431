import type { IDataObject } from 'n8n-workflow';

import type { ApiResponse } from '../../transport/request';

export const SESSIONS_PATH = '/vpc/traffic-mirror-sessions';
export const SESSION_KEY = 'traffic_mirror_session';

/** The session from its one-key envelope, with the request ID kept beside its fields. */
export function unwrapSession(response: ApiResponse): IDataObject {
	return { ...(response[SESSION_KEY] as IDataObject), request_id: response.request_id };
}
