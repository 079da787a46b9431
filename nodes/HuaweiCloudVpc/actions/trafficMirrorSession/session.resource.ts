import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { sessionFields, sessionIdField } from '../../fields/session.fields';
import { versionedName } from '../../fields/versions';
import { unwrapResource, type ApiItem, type ApiResponse } from '../../transport/request';
import { readResourceTarget, type ResourceTarget } from '../resourceLocator';

export const RESOURCE = 'trafficMirrorSession';
export const SESSIONS_PATH = '/vpc/traffic-mirror-sessions';
export const SESSION_KEY = 'traffic_mirror_session';
export const SESSIONS_KEY = 'traffic_mirror_sessions';

/**
 * What the service gives a session for the optional fields left out (Huawei's CreateTrafficMirrorSession page: VNI 1,
 * packet length 96, source type eni): a session found after a lost answer must carry them to be this item's.
 * `enabled` is always sent.
 */
export const SESSION_SERVICE_DEFAULTS: IDataObject = Object.fromEntries(
	[sessionFields.packetLength, sessionFields.type, sessionFields.virtualNetworkId].map((field) => [field.apiName, field.uiDefault]),
);

/** The name of a session to create: Name (`name`) in node version 1, Session Name (`sessionName`) from version 2. */
export const sessionName = versionedName(sessionFields.name, { parameter: 'sessionName', displayName: 'Session Name' });

/** The session from its one-key envelope. */
export function unwrapSession(response: ApiResponse): ApiItem {
	return unwrapResource(response, SESSION_KEY);
}

/** The session chosen in the operation's "Traffic Mirror Session" locator. */
export function readSessionTarget(context: IExecuteFunctions, itemIndex: number): ResourceTarget {
	return readResourceTarget(context, itemIndex, sessionIdField, SESSIONS_PATH);
}
