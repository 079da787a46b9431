import type { IDataObject } from 'n8n-workflow';

import { canonicalId } from '../create';
import type { MirrorQuotas } from './quotas';

/**
 * What Mirror Server and Stop Mirroring Server decide before they send anything: pure functions of the sessions that
 * exist, the quotas and what the item asks for, so that every rule is tested without a service.
 */

/** What Mirror Server wants: these network interfaces mirrored to this target with this filter. */
export interface MirrorWish {
	interfaces: string[];
	targetId: string;
	targetType: 'eni' | 'elb';
	filterId: string;
	/** The Enabled setting: only sessions in that state count as mirroring, and new ones are made so. */
	enabled: boolean;
}

/** Some of a session's sources, and the session as listed. */
export interface SessionSources {
	session: IDataObject;
	sources: string[];
}

export interface MirrorPlan {
	/** Sessions that already mirror some of the interfaces as asked, with those interfaces. */
	unchanged: SessionSources[];
	/** Sessions as asked with room, and the interfaces to add to each. */
	additions: SessionSources[];
	/** The sources of each session to create, at most a session's quota each. */
	creations: string[][];
}

/** A plan that cannot be carried out: nothing is sent, and the item fails with this message and advice. */
export class PlanRefusal extends Error {
	constructor(
		message: string,
		readonly advice: string,
	) {
		super(message);
	}
}

const sourcesOf = (session: IDataObject) => ((session.traffic_mirror_sources ?? []) as unknown[]).map(canonicalId);
const describe = (session: IDataObject) =>
	`${String(session.id)} ("${String(session.name)}", to ${String(session.traffic_mirror_target_type)} ${String(session.traffic_mirror_target_id)})`;
const byAge = (a: IDataObject, b: IDataObject) =>
	String(a.created_at).localeCompare(String(b.created_at)) || String(a.id).localeCompare(String(b.id));

/**
 * Where each interface goes: nowhere when a session to the target with the filter, enabled as asked, already holds
 * it; else into the oldest such session with room; else into new sessions, as few as the quota of sources per session
 * allows. Refused before anything is sent: an interface that is the target, one already in as many sessions as its
 * quota allows, and more sessions than the project, the target or the filter may have.
 */
export function planMirror(wish: MirrorWish, sessions: IDataObject[], quotas: MirrorQuotas): MirrorPlan {
	const interfaces = [...new Set(wish.interfaces.map(canonicalId))];
	const target = canonicalId(wish.targetId);
	if (wish.targetType === 'eni' && interfaces.includes(target)) {
		throw new PlanRefusal(
			`Network interface ${target} is the mirror target itself: a session cannot mirror the interface it mirrors to`,
			'Leave the target server out of the servers to mirror, or choose another target.',
		);
	}
	const asAsked = sessions
		.filter(
			(session) =>
				canonicalId(session.traffic_mirror_target_id) === target &&
				canonicalId(session.traffic_mirror_filter_id) === canonicalId(wish.filterId) &&
				session.enabled === wish.enabled,
		)
		.sort(byAge);
	const unchanged = asAsked
		.map((session) => ({ session, sources: interfaces.filter((id) => sourcesOf(session).includes(id)) }))
		.filter(({ sources }) => sources.length > 0);
	const mirrored = new Set(unchanged.flatMap(({ sources }) => sources));
	const toPlace = interfaces.filter((id) => !mirrored.has(id));
	for (const id of toPlace) checkSourceQuota(id, sessions, quotas);
	const additions: SessionSources[] = [];
	let remaining = toPlace;
	for (const session of asAsked) {
		const room = quotas.sourcesPerSession - sourcesOf(session).length;
		if (room <= 0 || remaining.length === 0) continue;
		additions.push({ session, sources: remaining.slice(0, room) });
		remaining = remaining.slice(room);
	}
	const creations: string[][] = [];
	for (let start = 0; start < remaining.length; start += quotas.sourcesPerSession) {
		creations.push(remaining.slice(start, start + quotas.sourcesPerSession));
	}
	if (creations.length > 0) checkSessionQuotas(wish, sessions, quotas, creations.length);
	return { unchanged, additions, creations };
}

function checkSourceQuota(id: string, sessions: IDataObject[], quotas: MirrorQuotas): void {
	const holding = sessions.filter((session) => sourcesOf(session).includes(id));
	if (quotas.sessionsPerSource === undefined || holding.length < quotas.sessionsPerSource) return;
	throw new PlanRefusal(
		`Network interface ${id} is already a source of ${holding.length} traffic mirror session${holding.length === 1 ? '' : 's'}, as many as the project's quota allows (traffic_mirror_source_referred_by_session ${quotas.sessionsPerSource}): ${holding.map(describe).join('; ')}`,
		'Huawei Cloud would refuse it. Stop mirroring it to another target first (Stop Mirroring Server), or ask Huawei Cloud to raise the quota.',
	);
}

function checkSessionQuotas(wish: MirrorWish, sessions: IDataObject[], quotas: MirrorQuotas, toCreate: number): void {
	const target = canonicalId(wish.targetId);
	const limits: Array<[number | undefined, number, string]> = [
		[quotas.sessions, sessions.length, 'traffic mirror sessions in the project (traffic_mirror_session'],
		[
			quotas.sessionsPerTarget[wish.targetType],
			sessions.filter((session) => canonicalId(session.traffic_mirror_target_id) === target).length,
			`sessions to target ${target} (traffic_mirror_target_${wish.targetType}_referred_by_session`,
		],
		[
			quotas.sessionsPerFilter,
			sessions.filter((session) => canonicalId(session.traffic_mirror_filter_id) === canonicalId(wish.filterId)).length,
			`sessions using filter ${canonicalId(wish.filterId)} (traffic_mirror_filter_referred_by_session`,
		],
	];
	for (const [limit, used, what] of limits) {
		if (limit === undefined || used + toCreate <= limit) continue;
		throw new PlanRefusal(
			`Mirroring needs ${toCreate} new traffic mirror session${toCreate === 1 ? '' : 's'}, but there are already ${used} ${what} quota ${limit})`,
			'Huawei Cloud would refuse it. Delete sessions that are no longer needed, mirror fewer servers, or ask Huawei Cloud to raise the quota.',
		);
	}
}

export interface ReleasePlan {
	/** Sessions that keep other sources, and the interfaces to remove from each. */
	removals: SessionSources[];
	/** Sessions left with no source, to delete, and the interfaces they held. */
	deletions: SessionSources[];
}

/**
 * Stop Mirroring Server's plan: every session that holds any of the interfaces (only those to `onlyTarget` when
 * given) loses them; one left without sources is deleted when `deleteEmpty` says so.
 */
export function planRelease(interfaces: string[], sessions: IDataObject[], onlyTarget: string | undefined, deleteEmpty: boolean): ReleasePlan {
	const wanted = new Set(interfaces.map(canonicalId));
	const plan: ReleasePlan = { removals: [], deletions: [] };
	for (const session of [...sessions].sort(byAge)) {
		if (onlyTarget !== undefined && canonicalId(session.traffic_mirror_target_id) !== canonicalId(onlyTarget)) continue;
		const held = sourcesOf(session);
		const sources = held.filter((id) => wanted.has(id));
		if (sources.length === 0) continue;
		if (deleteEmpty && sources.length === held.length) plan.deletions.push({ session, sources });
		else plan.removals.push({ session, sources });
	}
	return plan;
}
