import type { IExecuteFunctions } from 'n8n-workflow';

import { sessionIdField } from '../../fields/session.fields';
import { unwrapResource, type ApiItem, type ApiResponse } from '../../transport/request';
import { readResourceTarget, type ResourceTarget } from '../resourceLocator';

export const RESOURCE = 'trafficMirrorSession';
export const SESSIONS_PATH = '/vpc/traffic-mirror-sessions';
export const SESSION_KEY = 'traffic_mirror_session';
export const SESSIONS_KEY = 'traffic_mirror_sessions';

/** The session from its one-key envelope. */
export function unwrapSession(response: ApiResponse): ApiItem {
	return unwrapResource(response, SESSION_KEY);
}

/** The session chosen in the operation's "Traffic Mirror Session" locator. */
export function readSessionTarget(context: IExecuteFunctions, itemIndex: number): ResourceTarget {
	return readResourceTarget(context, itemIndex, sessionIdField, SESSIONS_PATH);
}
