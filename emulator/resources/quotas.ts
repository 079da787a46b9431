/**
 * VPC quotas, the traffic-mirroring ones: `GET /v3/{project_id}/vpc/quotas` answers `{"quota": {<name>: <limit>}}`,
 * -1 for a quota not brought online (Huawei Cloud's ShowQuota API reference,
 * https://support.huaweicloud.com/intl/en-us/api-vpc/ShowQuota.html, and the official SDKs' `VpcQuotas` model). The
 * answer holds limits only: what is used, a client counts itself. The real limits are per account and not published,
 * so the emulator's are settings (options `quotas`, control API `PUT /__emulator/quotas`), unlimited by default but
 * for the documented 10 sources per session; whatever they are, the service below refuses what would exceed them.
 */
import { ApiError, ERROR_CODES, invalid } from '../errors';
import type { EmulatorState, Port, TrafficMirrorSession } from '../model';
import { Operation } from '../operation';
import { isObject } from '../validation';

export const QUOTA_NAMES = [
	'traffic_mirror_filter',
	'traffic_mirror_filter_referred_by_session',
	'traffic_mirror_session',
	'traffic_mirror_session_contain_sources',
	'traffic_mirror_source_referred_by_session',
	'traffic_mirror_target_elb_referred_by_session',
	'traffic_mirror_target_eni_referred_by_session',
] as const;
export type QuotaName = (typeof QUOTA_NAMES)[number];
export type MirrorQuotas = Record<QuotaName, number>;

/** Unlimited (-1, "not brought online") but for the one limit Huawei documents: 10 sources per session. */
export const DEFAULT_QUOTAS: Readonly<MirrorQuotas> = Object.freeze({
	...(Object.fromEntries(QUOTA_NAMES.map((name) => [name, -1])) as MirrorQuotas),
	traffic_mirror_session_contain_sources: 10,
});

/** Only flavors of this family can be mirror sources, says the Huawei Cloud Terraform provider's session page. */
const MIRRORABLE_FLAVOR = /^c7t\./;

/** Checks quota settings given to the emulator: known names, whole numbers from -1. */
export function parseQuotas(value: unknown): Partial<MirrorQuotas> {
	if (!isObject(value)) throw new Error('The quotas must be a JSON object of quota names and limits.');
	for (const [name, limit] of Object.entries(value)) {
		if (!(QUOTA_NAMES as readonly string[]).includes(name)) throw new Error(`Unknown quota "${name}"; known: ${QUOTA_NAMES.join(', ')}.`);
		if (!Number.isInteger(limit) || (limit as number) < -1) throw new Error(`The quota ${name} must be a whole number from -1 (no limit).`);
	}
	return value as Partial<MirrorQuotas>;
}

export const showQuotas: Operation = (context) => ({ status: 200, body: { quota: { ...context.state.quotas } } });

/** The status and code are a guess: Huawei publishes no traffic-mirroring error codes. */
const exceeded = (message: string) => new ApiError(400, ERROR_CODES.quotaExceeded, message);

function check(state: EmulatorState, name: QuotaName, wanted: number, what: string): void {
	const limit = state.quotas[name];
	if (limit >= 0 && wanted > limit) throw exceeded(`Quota exceeded: ${what} (quota ${name} is ${limit}).`);
}

/**
 * What a session, as it would be stored, must keep within: the project's session count (on create), its sources, the
 * sessions each source, its target and its filter are in. A source cannot be the session's target, and must be an
 * interface of a server whose flavor supports mirroring.
 */
export function checkSessionLimits(state: EmulatorState, session: TrafficMirrorSession, creating: boolean): void {
	const others = [...state.sessions.values()].filter((other) => other.id !== session.id);
	if (creating) check(state, 'traffic_mirror_session', others.length + 1, `a project can have ${state.quotas.traffic_mirror_session} traffic mirror sessions`);
	const sources = session.traffic_mirror_sources;
	check(state, 'traffic_mirror_session_contain_sources', sources.length, `a traffic mirror session supports at most ${state.quotas.traffic_mirror_session_contain_sources} sources`);
	for (const source of sources) {
		if (session.traffic_mirror_target_type === 'eni' && source === session.traffic_mirror_target_id) {
			throw invalid(`Network interface ${source} cannot be both a source and the target of a traffic mirror session.`);
		}
		const port = state.ports.get(source);
		const flavor = port && state.serverFlavors.get(port.device_id);
		if (port && flavor !== undefined && !MIRRORABLE_FLAVOR.test(flavor)) throw unmirrorableFlavor(port, flavor);
		const inSessions = others.filter((other) => other.traffic_mirror_sources.includes(source)).length;
		check(state, 'traffic_mirror_source_referred_by_session', inSessions + 1, `source ${source} is already in ${inSessions} sessions`);
	}
	const targetQuota: QuotaName = session.traffic_mirror_target_type === 'elb' ? 'traffic_mirror_target_elb_referred_by_session' : 'traffic_mirror_target_eni_referred_by_session';
	const toTarget = others.filter((other) => other.traffic_mirror_target_id === session.traffic_mirror_target_id).length;
	check(state, targetQuota, toTarget + 1, `target ${session.traffic_mirror_target_id} already receives ${toTarget} sessions`);
	const withFilter = others.filter((other) => other.traffic_mirror_filter_id === session.traffic_mirror_filter_id).length;
	check(state, 'traffic_mirror_filter_referred_by_session', withFilter + 1, `filter ${session.traffic_mirror_filter_id} is already used by ${withFilter} sessions`);
}

/** A new filter must keep within the project's filter count. */
export function checkFilterCount(state: EmulatorState): void {
	check(state, 'traffic_mirror_filter', state.filters.size + 1, `a project can have ${state.quotas.traffic_mirror_filter} traffic mirror filters`);
}

/** The wording is the emulator's: the real service's answer for this refusal is not known. */
function unmirrorableFlavor(port: Port, flavor: string): ApiError {
	return invalid(
		`The flavor ${flavor} of ECS instance ${port.device_id} (network interface ${port.id}) does not support traffic mirroring.`,
	);
}

/** Control API: the flavor of a server, for the sources check (ports carry no flavor). */
export function setServerFlavor(state: EmulatorState, body: unknown): { server: string; flavor: string } {
	if (!isObject(body) || typeof body.server !== 'string' || typeof body.flavor !== 'string' || !body.server || !body.flavor) {
		throw new Error('The body must be {"server": "<ECS instance ID>", "flavor": "<flavor>"}.');
	}
	state.serverFlavors.set(body.server, body.flavor);
	return { server: body.server, flavor: body.flavor };
}
