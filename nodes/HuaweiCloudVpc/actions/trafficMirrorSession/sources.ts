import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { describeConstraint } from '../../fields/constraints';
import { fieldProperty } from '../../fields/property';
import { readFields } from '../../fields/read';
import { sessionFields, sessionIdField } from '../../fields/session.fields';
import { vpcApiRequest } from '../../transport/request';
import { readSessionTarget, SESSION_KEY, unwrapSession } from './session.resource';

/** The parameters Add Sources and Remove Sources share: the session, and the source IDs (spec §2.4). */
export function sourcesProperties(sourcesDescription: string): INodeProperties[] {
	const { trafficMirrorSources } = sessionFields;
	return [
		fieldProperty(sessionIdField, { required: true }),
		fieldProperty(trafficMirrorSources, {
			required: true,
			description: `${sourcesDescription} (${describeConstraint(trafficMirrorSources.constraint)})`,
		}),
	];
}

/** PUT `…/add-sources` or `…/remove-sources` with `{traffic_mirror_session: {traffic_mirror_sources}}`. */
export async function changeSources(
	context: IExecuteFunctions,
	itemIndex: number,
	action: 'add-sources' | 'remove-sources',
): Promise<IDataObject> {
	const { path } = readSessionTarget(context, itemIndex);
	const body = { [SESSION_KEY]: readFields(context, itemIndex, [sessionFields.trafficMirrorSources]) };
	const response = await vpcApiRequest.call(context, { method: 'PUT', path: `${path}/${action}`, body, itemIndex });
	return unwrapSession(response);
}
