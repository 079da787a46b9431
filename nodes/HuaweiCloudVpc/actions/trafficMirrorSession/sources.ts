import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { describeConstraint } from '../../fields/constraints';
import { fieldProperty } from '../../fields/property';
import { readFields } from '../../fields/read';
import { sessionFields, sessionIdField } from '../../fields/session.fields';
import type { TransportContext } from '../../transport/context';
import { vpcApiRequest, type ApiItem } from '../../transport/request';
import { readSessionTarget, SESSION_KEY, unwrapSession } from './session.resource';

/** The parameters Add Sources and Remove Sources share: the session, and the source IDs (spec §2.4). */
export function sourcesProperties(sourcesDescription: string): INodeProperties[] {
	const { trafficMirrorSources } = sessionFields;
	return [
		fieldProperty(sessionIdField, { required: true }),
		fieldProperty(trafficMirrorSources, {
			required: true,
			description: `${sourcesDescription}. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a> (${describeConstraint(trafficMirrorSources.constraint)})`,
		}),
	];
}

/** PUT `…/add-sources` or `…/remove-sources` with `{traffic_mirror_session: {traffic_mirror_sources}}`. */
export async function changeSources(
	context: IExecuteFunctions,
	itemIndex: number,
	transport: TransportContext,
	action: 'add-sources' | 'remove-sources',
): Promise<ApiItem> {
	const { path } = readSessionTarget(context, itemIndex);
	const sessionSources = readFields(context, itemIndex, [sessionFields.trafficMirrorSources]);
	const sources = sessionSources.traffic_mirror_sources as string[];
	const response = await vpcApiRequest(transport, {
		method: 'PUT',
		path: `${path}/${action}`,
		body: { [SESSION_KEY]: sessionSources },
		itemIndex,
		// Sent twice, a change that did land the first time is refused (a source already added, or no longer there),
		// so after an ambiguous failure the session is read back: if the change is in it, that is the answer.
		idempotent: false,
		recover: async () => {
			const current = await vpcApiRequest(transport, { method: 'GET', path, itemIndex });
			const present = new Set(((current[SESSION_KEY] as IDataObject)?.traffic_mirror_sources ?? []) as string[]);
			const done = sources.every((source) => present.has(source) === (action === 'add-sources'));
			return done ? current : undefined;
		},
	});
	return unwrapSession(response);
}
