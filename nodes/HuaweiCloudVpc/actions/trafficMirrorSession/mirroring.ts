import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { TransportContext } from '../../transport/context';
import { vpcApiRequestAllItems } from '../../transport/paginate';
import { restated } from '../../transport/request';
import { PlanRefusal } from './mirrorPlan';
import { SESSIONS_KEY, SESSIONS_PATH } from './session.resource';

/** What Mirror Server and Stop Mirroring Server did to one session. */
export type SessionAction = 'unchanged' | 'sourcesAdded' | 'created' | 'sourcesRemoved' | 'deleted';

/** One session an item touched or found as asked, in the item's output. */
export interface SessionReport extends IDataObject {
	id: string;
	name: string;
	action: SessionAction;
	/** The item's network interfaces concerned: held, added, made with, or removed. */
	sources: string[];
	targetId: string;
	targetType: string;
}

export function sessionReport(session: IDataObject, action: SessionAction, sources: string[]): SessionReport {
	return {
		id: String(session.id),
		name: String(session.name ?? ''),
		action,
		sources,
		targetId: String(session.traffic_mirror_target_id ?? ''),
		targetType: String(session.traffic_mirror_target_type ?? ''),
	};
}

/** Every traffic mirror session of the project: the API cannot filter by source, so all are read. */
export async function allSessions(transport: TransportContext, itemIndex: number): Promise<IDataObject[]> {
	const listed = await vpcApiRequestAllItems(transport, { path: SESSIONS_PATH, key: SESSIONS_KEY, itemIndex });
	return listed.map(({ data }) => data);
}

/** A refused plan as the item's error: nothing was sent. */
export function refused(context: IExecuteFunctions, itemIndex: number, error: unknown): never {
	if (!(error instanceof PlanRefusal)) throw error;
	throw new NodeOperationError(context.getNode(), error.message, {
		itemIndex,
		description: `${error.advice} Nothing was sent for this item.`,
	});
}

/**
 * A step's failure, with what the item had already done: the sessions it changed stay changed, and running the item
 * again finds them as asked and completes the rest.
 */
export function withProgress(context: IExecuteFunctions, itemIndex: number, error: unknown, done: SessionReport[]): Error {
	const changed = done.filter(({ action }) => action !== 'unchanged');
	if (changed.length === 0) return error as Error;
	const progress = `Done for this item before this failure: ${changed.map(({ id, action, sources }) => `${action} ${id} (${sources.join(', ')})`).join('; ')}. Those changes stay; running the item again finds them and completes the rest.`;
	if (error instanceof NodeApiError) return restated(context.getNode(), error, itemIndex, error.message, [error.description, progress]);
	const message = error instanceof Error ? error.message : String(error);
	const description = error instanceof NodeOperationError ? error.description : undefined;
	return new NodeOperationError(context.getNode(), message, { itemIndex, description: [description, progress].filter(Boolean).join('\n') });
}

/** Mirror Server and Stop Mirroring Server read all sessions and then change them: items run one after another. */
export function oneAtATime(): string {
	return 'traffic mirror sessions';
}

