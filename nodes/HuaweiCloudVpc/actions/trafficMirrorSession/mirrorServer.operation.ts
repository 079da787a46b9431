import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fieldProperty } from '../../fields/property';
import { sessionFields } from '../../fields/session.fields';
import type { TransportContext } from '../../transport/context';
import { pathSegment } from '../../transport/request';
import { createResource, type CreateLedger } from '../create';
import { additionalFieldsProperty, readCreateFields } from '../fieldCollections';
import type { OperationItem, OperationOption } from '../node.type';
import { planMirror } from './mirrorPlan';
import { allSessions, oneAtATime, refused, sessionReport, type SessionReport, withProgress } from './mirroring';
import { readMirrorQuotas } from './quotas';
import { withFlavorAdvice } from './refusals';
import { SESSION_KEY, SESSION_SERVICE_DEFAULTS, sessionName, SESSIONS_KEY, SESSIONS_PATH } from './session.resource';
import { putSources, readSources, sourceProperties } from './sources';
import { readTarget, targetProperty } from './target';

const required = [sessionFields.trafficMirrorFilterId, sessionFields.trafficMirrorTargetType, sessionFields.priority];
const optional = [sessionFields.description, sessionFields.enabled, sessionFields.packetLength, sessionFields.virtualNetworkId];

const properties: INodeProperties[] = [
	...sourceProperties('The network interfaces to mirror', 'server'),
	fieldProperty(sessionFields.trafficMirrorTargetType, { required: true }),
	targetProperty(),
	fieldProperty(sessionFields.trafficMirrorFilterId, { required: true }),
	...sessionName.properties({
		required: true,
		description: 'The name of a session this creates, when no session to the target with the filter has room',
	}),
	fieldProperty(sessionFields.priority, {
		required: true,
		description: 'The priority of a session this creates (1 to 32766, smaller first)',
	}),
	{
		...additionalFieldsProperty(optional),
		description:
			'Settings of a session this creates. Enabled also chooses which sessions count: only those enabled (or disabled) as set here.',
	},
];

export const option: OperationOption = {
	name: 'Mirror Server',
	description:
		'Make sure servers are mirrored to a target: adds their network interfaces to a session to that target and filter, or creates one; nothing when already so',
	action: 'Mirror servers to a target through a filter',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorSession'], operation: ['mirrorServer'] } },
	properties,
);

/**
 * Contain: the servers' network interfaces mirrored to the target with the filter, whatever was there before.
 * Checked first (the quotas, the target, the sessions each interface is in), then the fewest changes: interfaces
 * already so are left, others go into sessions as asked that have room, the rest into new sessions.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	transport: TransportContext,
	creates: CreateLedger,
): Promise<OperationItem> {
	const fields = readCreateFields(this, itemIndex, [sessionName.field(this), ...required], optional);
	const sources = await readSources(this, itemIndex, transport, { limit: Number.POSITIVE_INFINITY });
	const targetType = fields.traffic_mirror_target_type as 'eni' | 'elb';
	const target = await readTarget(this, itemIndex, transport, targetType);
	const enabled = (fields.enabled as boolean | undefined) ?? true;
	const quotas = await readMirrorQuotas(transport, itemIndex);
	const sessions = await allSessions(transport, itemIndex);
	const wish = {
		interfaces: sources.ids,
		targetId: target.id,
		targetType,
		filterId: fields.traffic_mirror_filter_id as string,
		enabled,
	};
	let plan: ReturnType<typeof planMirror>;
	try {
		plan = planMirror(wish, sessions, quotas);
	} catch (error) {
		refused(this, itemIndex, error);
	}
	const report: SessionReport[] = plan.unchanged.map(({ session, sources: held }) => sessionReport(session, 'unchanged', held));
	try {
		for (const { session, sources: added } of plan.additions) {
			const response = await putSources(transport, itemIndex, `${SESSIONS_PATH}/${pathSegment(String(session.id))}`, 'add-sources', added);
			report.push(sessionReport(response[SESSION_KEY] as IDataObject, 'sourcesAdded', added));
		}
		for (const made of plan.creations) {
			const name = fields.name as string;
			const { data } = await withFlavorAdvice(
				createResource.call(this, transport, creates, {
					itemIndex,
					path: SESSIONS_PATH,
					key: SESSION_KEY,
					listKey: SESSIONS_KEY,
					body: {
						name,
						traffic_mirror_filter_id: wish.filterId,
						traffic_mirror_sources: made,
						traffic_mirror_target_type: targetType,
						traffic_mirror_target_id: target.id,
						...fields,
						enabled,
					},
					label: 'traffic mirror session',
					identity: { text: `named "${name}"`, query: { name } },
					defaults: SESSION_SERVICE_DEFAULTS,
				}),
				transport,
				itemIndex,
			);
			report.push(sessionReport(data, 'created', made));
		}
	} catch (error) {
		throw withProgress(this, itemIndex, error, report);
	}
	const data: IDataObject = {
		changed: report.some(({ action }) => action !== 'unchanged'),
		interfaces: sources.ids,
		target: { id: target.id, type: targetType },
		trafficMirrorFilterId: wish.filterId,
		sessions: report,
	};
	const resolvedPorts: IDataObject = {
		...(sources.resolved && { sources: sources.resolved }),
		...(target.resolved && { target: target.resolved }),
	};
	return Object.keys(resolvedPorts).length > 0 ? { data, resolvedPorts } : { data };
}

export const exclusiveKey = oneAtATime;
