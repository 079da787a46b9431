/**
 * The trigger's comparison of one poll with the next, without n8n or a network: the digest kept of a resource, the
 * events of a listing against the digests kept, and the state they are kept in.
 */
import type { IDataObject } from 'n8n-workflow';

import { changesBetween, diffResources, digestOf } from '../../nodes/HuaweiCloudVpc/trigger/diff';
import { chosenItems, sampleItem } from '../../nodes/HuaweiCloudVpc/trigger/items';
import { kindsOf, WATCHED_KINDS } from '../../nodes/HuaweiCloudVpc/trigger/kinds';
import { readState, STATE_KEY, writeState } from '../../nodes/HuaweiCloudVpc/trigger/state';

const [SESSIONS, FILTERS, RULES] = WATCHED_KINDS;
const SEEN_AT = '2026-12-07T10:00:00.000Z';

const session = (id: string, overrides: IDataObject = {}): IDataObject => ({
	id,
	project_id: 'p',
	name: `session-${id}`,
	description: '',
	traffic_mirror_filter_id: 'filter-1',
	traffic_mirror_sources: ['port-a'],
	traffic_mirror_target_id: 'port-t',
	traffic_mirror_target_type: 'eni',
	virtual_network_id: 1,
	packet_length: 96,
	priority: 1,
	enabled: true,
	type: 'eni',
	created_at: '2026-12-07T09:00:00Z',
	updated_at: '2026-12-07T09:00:00Z',
	...overrides,
});

const baseline = (resources: IDataObject[]) => diffResources(undefined, resources, SESSIONS.fields).digests;

describe('the digest', () => {
	test('keeps the fields a session is created and updated with, not what the service alone sets', () => {
		const { id, project_id, created_at, updated_at, ...compared } = session('s1');
		expect([id, project_id, created_at, updated_at].every(Boolean)).toBe(true);
		expect(digestOf(session('s1'), SESSIONS.fields)).toEqual(compared);
	});

	test('sorts a session’s sources and keeps a rule’s absent CIDR blocks as null', () => {
		expect(digestOf(session('s1', { traffic_mirror_sources: ['port-b', 'port-a'] }), SESSIONS.fields).traffic_mirror_sources).toEqual([
			'port-a',
			'port-b',
		]);
		const rule = { id: 'r1', direction: 'ingress', protocol: 'TCP', ethertype: 'IPv4', action: 'accept', priority: 1 };
		expect(digestOf(rule, RULES.fields)).toMatchObject({ source_cidr_block: null, destination_port_range: null, direction: 'ingress' });
		expect(FILTERS.fields).toEqual(['name', 'description']);
	});
});

describe('the diff', () => {
	test('the first listing is a baseline: no events, a digest of each resource', () => {
		const { events, digests } = diffResources(undefined, [session('s1'), session('s2')], SESSIONS.fields);
		expect(events).toEqual([]);
		expect(Object.keys(digests)).toEqual(['s1', 's2']);
	});

	test('an unchanged listing has no events, whatever the service alone changed', () => {
		const previous = baseline([session('s1')]);
		const { events } = diffResources(previous, [session('s1', { updated_at: '2026-12-07T09:30:00Z' })], SESSIONS.fields);
		expect(events).toEqual([]);
	});

	test('created, changed and deleted, in that order, each once', () => {
		const previous = baseline([session('s1'), session('s2'), session('s3')]);
		const now = [session('s1'), session('s3', { priority: 7, traffic_mirror_sources: ['port-a', 'port-x'] }), session('s4')];
		const { events, digests } = diffResources(previous, now, SESSIONS.fields);
		expect(events).toEqual([
			{ change: 'created', id: 's4', changes: {}, resource: now[2] },
			{
				change: 'changed',
				id: 's3',
				changes: {
					priority: { before: 1, after: 7 },
					traffic_mirror_sources: { before: ['port-a'], after: ['port-a', 'port-x'] },
				},
				resource: now[1],
			},
			{ change: 'deleted', id: 's2', changes: {}, resource: { id: 's2', ...previous.s2 } },
		]);
		expect(diffResources(digests, now, SESSIONS.fields).events).toEqual([]);
	});

	test('the sources listed in another order are no change', () => {
		const previous = baseline([session('s1', { traffic_mirror_sources: ['port-a', 'port-b'] })]);
		const { events } = diffResources(previous, [session('s1', { traffic_mirror_sources: ['port-b', 'port-a'] })], SESSIONS.fields);
		expect(events).toEqual([]);
	});

	test('a deleted session is told by what was last seen of it: its target, sources and filter', () => {
		const previous = baseline([session('s1', { traffic_mirror_target_id: 'port-exfil' })]);
		const [deleted] = diffResources(previous, [], SESSIONS.fields).events;
		expect(deleted.resource).toMatchObject({ id: 's1', traffic_mirror_target_id: 'port-exfil', traffic_mirror_sources: ['port-a'] });
	});

	test('a field the kept digest lacks is not a change (a newer node compares it from the next poll on)', () => {
		const before = digestOf(session('s1'), SESSIONS.fields);
		delete before.packet_length;
		expect(changesBetween(before, digestOf(session('s1', { packet_length: 200, enabled: false }), SESSIONS.fields))).toEqual({
			enabled: { before: true, after: false },
		});
	});

	test('an ID such as __proto__ is a resource like any other', () => {
		const { events, digests } = diffResources({}, [session('__proto__')], SESSIONS.fields);
		expect(events.map(({ change, id }) => [change, id])).toEqual([['created', '__proto__']]);
		expect(Object.keys(digests)).toEqual(['__proto__']);
		expect(diffResources(digests, [], SESSIONS.fields).events.map(({ change, id }) => [change, id])).toEqual([['deleted', '__proto__']]);
	});
});

describe('the output items', () => {
	test('one item per chosen event: its name, resource, ID, changes, the resource under its key, and when it was seen', () => {
		const previous = baseline([session('s1'), session('s2')]);
		const { events } = diffResources(previous, [session('s1', { enabled: false }), session('s3')], SESSIONS.fields);
		const items = chosenItems(SESSIONS, events, new Set(['sessionCreated', 'sessionChanged']), SEEN_AT);
		expect(items.map(({ json }) => json)).toEqual([
			{ event: 'sessionCreated', resource: 'trafficMirrorSession', id: 's3', changes: {}, traffic_mirror_session: session('s3'), seenAt: SEEN_AT },
			{
				event: 'sessionChanged',
				resource: 'trafficMirrorSession',
				id: 's1',
				changes: { enabled: { before: true, after: false } },
				traffic_mirror_session: session('s1', { enabled: false }),
				seenAt: SEEN_AT,
			},
		]);
	});

	test('the sample is the newest resource of the chosen kinds, as the first chosen event of its kind', () => {
		const filter = { id: 'f1', name: 'f', description: '', created_at: '2026-12-07T09:30:00Z' };
		const listings = [
			{ kind: SESSIONS, resources: [session('s1'), session('s2', { created_at: '2026-12-07T09:10:00Z' })] },
			{ kind: FILTERS, resources: [filter] },
		];
		expect(sampleItem(listings, new Set(['sessionDeleted', 'filterChanged', 'filterDeleted']), SEEN_AT)?.json).toEqual({
			event: 'filterChanged',
			resource: 'trafficMirrorFilter',
			id: 'f1',
			changes: {},
			traffic_mirror_filter: filter,
			seenAt: SEEN_AT,
		});
		expect(sampleItem(listings.slice(0, 1), new Set(['sessionDeleted']), SEEN_AT)?.json).toMatchObject({ event: 'sessionDeleted', id: 's2' });
		expect(sampleItem([{ kind: SESSIONS, resources: [] }], new Set(['sessionCreated']), SEEN_AT)).toBeUndefined();
	});
});

describe('the kinds', () => {
	test('only the kinds of the chosen events are listed', () => {
		expect(kindsOf(new Set(['filterRuleDeleted', 'sessionCreated'])).map(({ resource }) => resource)).toEqual([
			'trafficMirrorSession',
			'trafficMirrorFilterRule',
		]);
	});
});

describe('the state', () => {
	const SCOPE = 'https://vpc.cn-north-4.myhuaweicloud.com project-1';
	const digests = { trafficMirrorSession: baseline([session('s1')]) };

	test('what is written is read back for the same endpoint and project, through JSON as n8n stores it', () => {
		const staticData = {};
		writeState(staticData, SCOPE, digests);
		expect(readState(JSON.parse(JSON.stringify(staticData)), SCOPE)).toEqual(digests);
	});

	test('another endpoint or project, another version, or something unreadable, has nothing to compare with', () => {
		const staticData = {};
		writeState(staticData, SCOPE, digests);
		expect(readState(staticData, 'https://vpc.cn-north-4.myhuaweicloud.com project-2')).toEqual({});
		const state = staticData as Record<string, Record<string, unknown>>;
		expect(readState({ [STATE_KEY]: { ...state[STATE_KEY], version: 2 } }, SCOPE)).toEqual({});
		expect(readState({ [STATE_KEY]: 'broken' }, SCOPE)).toEqual({});
		expect(readState({ [STATE_KEY]: { ...state[STATE_KEY], kinds: { trafficMirrorSession: { s1: 'broken' } } } }, SCOPE)).toEqual({});
	});
});
