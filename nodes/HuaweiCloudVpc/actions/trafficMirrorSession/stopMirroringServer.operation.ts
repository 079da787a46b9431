import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { validateField } from '../../fields/read';
import { sessionFields } from '../../fields/session.fields';
import type { TransportContext } from '../../transport/context';
import { holdsResource, pathSegment, vpcApiRequest } from '../../transport/request';
import { canonicalId } from '../create';
import { isGone, isMissingResource } from '../delete';
import type { OperationItem, OperationOption } from '../node.type';
import { planRelease } from './mirrorPlan';
import { asNodeError } from './refusals';
import { allSessions, oneAtATime, sessionReport, type SessionReport, withProgress } from './mirroring';
import { SESSION_KEY, SESSIONS_PATH } from './session.resource';
import { putSources, readSources, sourceProperties } from './sources';

const OPTIONS = 'options';
const ONLY_TARGET = 'onlyTarget';
const DELETE_EMPTY = 'deleteEmptySessions';

/** Stop Mirroring Server stops mirroring every interface of a server given by instance ID: no Interfaces to Mirror. */
const properties: INodeProperties[] = [
	...sourceProperties('The network interfaces to stop mirroring, e.g. the interfaces output by Mirror Server', 'server')
		.filter(({ name }) => name !== 'sourceInterfaces')
		.map((property) =>
			property.name === 'sourceServers'
				? { ...property, description: 'The servers to stop mirroring, e.g. from the alert that closed: an instance ID stands for all its network interfaces, an address for the interface that holds it. Up to 10.' }
				: property,
		),
	{
		displayName: 'Options',
		name: OPTIONS,
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Delete Empty Sessions',
				name: DELETE_EMPTY,
				type: 'boolean',
				default: true,
				description: 'Whether a session left without sources is deleted; otherwise it stays, with none',
			},
			{
				displayName: 'Only Sessions to Target',
				name: ONLY_TARGET,
				type: 'string',
				default: '',
				placeholder: "e.g. the analyser's network interface ID",
				description: 'Only sessions to this target (a network interface or load balancer ID) lose the interfaces; others keep them',
			},
		],
	},
];

export const option: OperationOption = {
	name: 'Stop Mirroring Server',
	description:
		'Make sure servers are no longer mirrored: removes their network interfaces from the sessions that hold them, deleting a session left empty; nothing when already so',
	action: 'Stop mirroring servers',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorSession'], operation: ['stopMirroringServer'] } },
	properties,
);

/**
 * Release: the servers' network interfaces taken out of every session that holds them (or of those to one target).
 * A session already gone, or no longer holding them, is passed over: someone else did the work.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, transport: TransportContext): Promise<OperationItem> {
	const options = this.getNodeParameter(OPTIONS, itemIndex, {}) as IDataObject;
	const onlyTarget = readOnlyTarget(this, itemIndex, options[ONLY_TARGET]);
	const deleteEmpty = options[DELETE_EMPTY] !== false;
	// Every interface of a server given by instance ID, however many: each session takes its own.
	const sources = await readSources(this, itemIndex, transport, { interfaces: 'all', limit: Number.POSITIVE_INFINITY });
	const plan = planRelease(sources.ids, await allSessions(transport, itemIndex), onlyTarget, deleteEmpty);
	const report: SessionReport[] = [];
	try {
		for (const { session, sources: removed } of plan.removals) {
			const path = `${SESSIONS_PATH}/${pathSegment(String(session.id))}`;
			if (await removeSources(transport, itemIndex, path, removed)) report.push(sessionReport(session, 'sourcesRemoved', removed));
		}
		for (const { session, sources: held } of plan.deletions) {
			const path = `${SESSIONS_PATH}/${pathSegment(String(session.id))}`;
			if (await deleteSession(transport, itemIndex, path)) report.push(sessionReport(session, 'deleted', held));
		}
	} catch (error) {
		throw withProgress(this, itemIndex, error, report);
	}
	const data: IDataObject = { changed: report.length > 0, interfaces: sources.ids, sessions: report };
	return sources.resolved ? { data, resolvedPorts: { sources: sources.resolved } } : { data };
}

export const exclusiveKey = oneAtATime;

function readOnlyTarget(context: IExecuteFunctions, itemIndex: number, value: unknown): string | undefined {
	if (value === undefined || (typeof value === 'string' && value.trim() === '')) return undefined;
	const field = { ...sessionFields.trafficMirrorTargetId, displayName: 'Only Sessions to Target' };
	const id = validateField(context, itemIndex, field, value);
	if (typeof id !== 'string') {
		throw new NodeOperationError(context.getNode(), `Invalid Only Sessions to Target: must be one ID; got ${JSON.stringify(value)}`, { itemIndex });
	}
	return id;
}

/**
 * Removes the sources; false when the session is gone or holds none of them any more (another run removed them),
 * which the service refuses as a removal of sources it lacks.
 */
async function removeSources(transport: TransportContext, itemIndex: number, path: string, sources: string[]): Promise<boolean> {
	try {
		await putSources(transport, itemIndex, path, 'remove-sources', sources);
		return true;
	} catch (error) {
		if (isMissingResource(error)) return false;
		if (!(error instanceof NodeApiError) || error.httpCode !== '400') throw asNodeError(transport.context.getNode(), error, itemIndex);
		const held = await sourcesNow(transport, itemIndex, path);
		if (held === undefined || sources.every((id) => !held.has(canonicalId(id)))) return false;
		throw asNodeError(transport.context.getNode(), error, itemIndex);
	}
}

/** The session's sources as it is now; undefined when it is gone. */
async function sourcesNow(transport: TransportContext, itemIndex: number, path: string): Promise<Set<string> | undefined> {
	try {
		const response = await vpcApiRequest(transport, { method: 'GET', path, itemIndex, expect: holdsResource(SESSION_KEY) });
		return new Set((((response[SESSION_KEY] as IDataObject).traffic_mirror_sources ?? []) as unknown[]).map(canonicalId));
	} catch (error) {
		if (isMissingResource(error)) return undefined;
		throw asNodeError(transport.context.getNode(), error, itemIndex);
	}
}

/** Deletes the session; false when it was already gone. After a lost answer, its absence is this delete's doing. */
async function deleteSession(transport: TransportContext, itemIndex: number, path: string): Promise<boolean> {
	const target = { id: path.slice(path.lastIndexOf('/') + 1), path };
	try {
		await vpcApiRequest(transport, {
			method: 'DELETE',
			path,
			itemIndex,
			idempotent: false,
			recover: async ({ deadline }) => ((await isGone(transport, target, itemIndex, deadline)) ? {} : undefined),
		});
		return true;
	} catch (error) {
		if (isMissingResource(error)) return false;
		throw asNodeError(transport.context.getNode(), error, itemIndex);
	}
}
