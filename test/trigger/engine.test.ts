/**
 * The trigger in n8n's engine against the emulator, activated and polled by n8n-core's own code: the activation's
 * poll takes the baseline, and each change made between two polls fires once; a failed poll fires nothing and keeps
 * its state; "Fetch Test Event" returns a sample.
 */
import { signedRequest, SOURCE_PORT_ID, v3Path } from '../emulator/helpers';
import { startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { instantClock } from '../helpers/clock';
import { demoPortId } from '../helpers/ids';
import { shutDownEngine } from '../helpers/engine';
import { POLL_DEADLINE_MS } from '../../nodes/HuaweiCloudVpc/trigger/poll';
import { activateTrigger, fetchTestEvent, type ActiveTrigger } from './poll-engine';

const ALL_EVENTS = [
	'sessionCreated',
	'sessionChanged',
	'sessionDeleted',
	'filterCreated',
	'filterChanged',
	'filterDeleted',
	'filterRuleCreated',
	'filterRuleChanged',
	'filterRuleDeleted',
];
const SECOND_SOURCE = demoPortId('ecs-web-02-eth0');

let fixture: ApiFixture;
let active: ActiveTrigger | undefined;

beforeAll(async () => {
	fixture = await startApiFixture();
});
beforeEach(() => fixture.emulator.reset());
afterEach(async () => {
	await active?.deactivate();
	active = undefined;
});
afterAll(async () => {
	await fixture.close();
	shutDownEngine();
});

async function api(method: string, path: string, body?: object): Promise<Record<string, unknown>> {
	const answer = await signedRequest(fixture.emulator, method, v3Path(path), { body });
	if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${answer.text}`);
	return answer.text ? answer.json() : {};
}

const activate = async (events = ALL_EVENTS) => (active = await activateTrigger({ credentials: fixture.credentials(), events }));

/** The events of a poll as `event id`, in the order they came. */
const fired = async (trigger: ActiveTrigger) => {
	const { items, error } = await trigger.poll();
	if (error) throw error;
	return (items ?? []).map((item) => `${String(item.event)} ${String(item.id)}`);
};

test('activation takes the baseline; each create, change and delete between polls fires exactly once', async () => {
	const filter = await fixture.createFilter({ name: 'web' });
	const existing = await fixture.createSession(filter.id, { priority: 1 });
	const trigger = await activate();
	expect(trigger.activation).toEqual({});
	expect(trigger.savedState()).toMatchObject({ kinds: { trafficMirrorSession: { [existing.id]: expect.any(Object) } } });
	expect(await trigger.poll()).toEqual({});

	const created = await fixture.createSession(filter.id, { priority: 2 });
	const { items } = await trigger.poll();
	expect(items).toEqual([
		{
			event: 'sessionCreated',
			resource: 'trafficMirrorSession',
			id: created.id,
			changes: {},
			traffic_mirror_session: created,
			seenAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
		},
	]);
	expect(await fired(trigger)).toEqual([]);

	await api('PUT', `traffic-mirror-sessions/${existing.id}`, { traffic_mirror_session: { priority: 9, enabled: false } });
	await api('PUT', `traffic-mirror-sessions/${existing.id}/add-sources`, { traffic_mirror_session: { traffic_mirror_sources: [SECOND_SOURCE] } });
	const changed = (await trigger.poll()).items ?? [];
	expect(changed).toEqual([
		expect.objectContaining({
			event: 'sessionChanged',
			id: existing.id,
			changes: {
				traffic_mirror_sources: { before: [SOURCE_PORT_ID], after: [SOURCE_PORT_ID, SECOND_SOURCE].sort() },
				priority: { before: 1, after: 9 },
				enabled: { before: true, after: false },
			},
			traffic_mirror_session: expect.objectContaining({ id: existing.id, priority: 9, enabled: false }),
		}),
	]);
	expect(await fired(trigger)).toEqual([]);

	await api('DELETE', `traffic-mirror-sessions/${created.id}`);
	const [deleted, ...more] = (await trigger.poll()).items ?? [];
	expect(more).toEqual([]);
	// What was last seen of it: enough to tell which session went, and where it mirrored to.
	expect(deleted).toMatchObject({
		event: 'sessionDeleted',
		id: created.id,
		changes: {},
		traffic_mirror_session: { id: created.id, name: created.name, traffic_mirror_target_id: created.traffic_mirror_target_id, priority: 2 },
	});
	expect(await fired(trigger)).toEqual([]);
});

test('filters and rules: created, changed and deleted, sessions first, then filters, then rules', async () => {
	const filter = await fixture.createFilter({ name: 'web' });
	const trigger = await activate();

	const other = await fixture.createFilter({ name: 'db' });
	const rule = await fixture.createRule(other.id, { priority: 5 });
	await api('PUT', `traffic-mirror-filters/${filter.id}`, { traffic_mirror_filter: { name: 'web-renamed' } });
	const session = await fixture.createSession(other.id);
	expect(await fired(trigger)).toEqual([
		`sessionCreated ${session.id}`,
		`filterCreated ${other.id}`,
		`filterChanged ${filter.id}`,
		`filterRuleCreated ${rule.id}`,
	]);

	await api('PUT', `traffic-mirror-filter-rules/${rule.id}`, { traffic_mirror_filter_rule: { destination_port_range: '443-443' } });
	const [ruleChanged] = (await trigger.poll()).items ?? [];
	expect(ruleChanged).toMatchObject({
		event: 'filterRuleChanged',
		resource: 'trafficMirrorFilterRule',
		changes: { destination_port_range: { before: null, after: '443-443' } },
	});

	await api('DELETE', `traffic-mirror-sessions/${session.id}`);
	// Deleting a filter deletes its rules.
	await api('DELETE', `traffic-mirror-filters/${other.id}`);
	expect(await fired(trigger)).toEqual([`sessionDeleted ${session.id}`, `filterDeleted ${other.id}`, `filterRuleDeleted ${rule.id}`]);
	expect(await fired(trigger)).toEqual([]);
});

test('only the chosen events fire, and only their kinds are listed', async () => {
	const filter = await fixture.createFilter();
	const session = await fixture.createSession(filter.id);
	const trigger = await activate(['sessionCreated']);
	await api('PUT', `traffic-mirror-sessions/${session.id}`, { traffic_mirror_session: { priority: 3 } });
	await fixture.createRule(filter.id);
	const created = await fixture.createSession(filter.id);
	expect(await fired(trigger)).toEqual([`sessionCreated ${created.id}`]);
	expect(fixture.requestsOf('ListTrafficMirrorFilters') + fixture.requestsOf('ListTrafficMirrorFilterRules')).toBe(0);
});

describe('a failed poll', () => {
	test('fires nothing, keeps its state, and the next poll reports what happened in between, once', async () => {
		const filter = await fixture.createFilter();
		const trigger = await activate(['sessionCreated', 'filterRuleCreated']);
		const before = trigger.staticData();
		const session = await fixture.createSession(filter.id);
		const rule = await fixture.createRule(filter.id);
		// The sessions are listed, then the rules' list is refused: nothing of the sessions' listing is kept either.
		fixture.emulator.setFaults({ script: [{ operation: 'ListTrafficMirrorFilterRules', status: 403 }] });
		const failed = await trigger.poll();
		expect(failed.items).toBeUndefined();
		expect(failed.error?.message).toMatch(/^Huawei Cloud API error 403/);
		expect(trigger.staticData()).toEqual(before);

		expect(await fired(trigger)).toEqual([`sessionCreated ${session.id}`, `filterRuleCreated ${rule.id}`]);
		expect(await fired(trigger)).toEqual([]);
	});

	test('a list that never ends is given up, and changes nothing', async () => {
		const filter = await fixture.createFilter();
		const trigger = await activate(['sessionCreated']);
		const before = trigger.staticData();
		const session = await fixture.createSession(filter.id);
		fixture.emulator.setFaults({ script: [{ endlessPages: true }] });
		const failed = await trigger.poll();
		expect(failed.error?.message).toMatch(/list of traffic_mirror_sessions is empty, yet points to a next page/);
		expect(trigger.staticData()).toEqual(before);
		fixture.emulator.setFaults({ script: [] });
		expect(await fired(trigger)).toEqual([`sessionCreated ${session.id}`]);
	});

	test('one the service keeps throttling gives up by its deadline, not after every retry, and changes nothing', async () => {
		const filter = await fixture.createFilter();
		const clock = instantClock();
		const trigger = (active = await activateTrigger({ credentials: fixture.credentials(), events: ['sessionCreated'], clock }));
		const before = trigger.staticData();
		const session = await fixture.createSession(filter.id);
		const throttled = { operation: 'ListTrafficMirrorSessions', throttle: true };
		fixture.emulator.setFaults({ retryAfterSeconds: 15, script: [throttled, throttled, throttled, throttled, throttled] });
		const failed = await trigger.poll();
		expect(failed.error?.message).toMatch(/^Huawei Cloud API error 429/);
		// Waited 15 s twice: a third wait would have ended past the poll's 40 s (the node's own four retries, at 60 s).
		expect(clock.waits).toEqual([15_000, 15_000]);
		expect(POLL_DEADLINE_MS).toBe(40_000);
		expect(trigger.staticData()).toEqual(before);
		fixture.emulator.setFaults({ retryAfterSeconds: 0, script: [] });
		expect(await fired(trigger)).toEqual([`sessionCreated ${session.id}`]);
	});

	test('at activation, fails the activation', async () => {
		fixture.emulator.setFaults({ script: [{ operation: 'ListTrafficMirrorSessions', status: 403 }] });
		await expect(activateTrigger({ credentials: fixture.credentials(), events: ['sessionCreated'] })).rejects.toThrow(
			/There was a problem activating the workflow: "Huawei Cloud API error 403/,
		);
	});
});

test('the state is saved with the workflow: n8n started again reports what happened while it was down, once', async () => {
	const filter = await fixture.createFilter();
	const first = await activate(['sessionCreated', 'sessionDeleted']);
	const gone = await fixture.createSession(filter.id);
	expect(await fired(first)).toEqual([`sessionCreated ${gone.id}`]);
	const saved = first.saved();
	await first.deactivate();

	await api('DELETE', `traffic-mirror-sessions/${gone.id}`);
	const created = await fixture.createSession(filter.id);
	const restarted = (active = await activateTrigger({ credentials: fixture.credentials(), events: ['sessionCreated', 'sessionDeleted'], saved, mode: 'init' }));
	// n8n's activation runs the first poll itself: it is the one that fires. The next has nothing to report.
	expect(restarted.activation.items?.map((item) => `${String(item.event)} ${String(item.id)}`)).toEqual([
		`sessionCreated ${created.id}`,
		`sessionDeleted ${gone.id}`,
	]);
	expect(await fired(restarted)).toEqual([]);
	expect(fixture.emulator.counters().requests.byOperation.ListTrafficMirrorSessions).toBe(4);
	expect(Object.keys((restarted.savedState() as { kinds: Record<string, object> }).kinds.trafficMirrorSession)).toEqual([created.id]);
});

test('another project or endpoint in the credential is a new baseline, not a flood of deleted and created', async () => {
	const filter = await fixture.createFilter();
	await fixture.createSession(filter.id);
	const first = await activate(['sessionCreated', 'sessionDeleted']);
	const saved = first.saved();
	await first.deactivate();
	await fixture.createSession(filter.id);
	// The same emulator under another host name: another endpoint as far as the state knows, whose listing is a baseline.
	const elsewhere = fixture.credentials({ endpoint: fixture.emulator.url.replace('127.0.0.1', 'localhost') });
	const trigger = (active = await activateTrigger({ credentials: elsewhere, events: ['sessionCreated', 'sessionDeleted'], saved, mode: 'update' }));
	expect(trigger.activation).toEqual({});
	expect(await fired(trigger)).toEqual([]);
});

describe('Fetch Test Event', () => {
	test('returns the newest resource of the chosen kinds as a sample, and leaves the state alone', async () => {
		const filter = await fixture.createFilter();
		await fixture.createSession(filter.id);
		const newest = await fixture.createSession(filter.id);
		const { items, error, staticData } = await fetchTestEvent(fixture.credentials(), ['sessionChanged', 'sessionDeleted']);
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{ event: 'sessionChanged', resource: 'trafficMirrorSession', id: newest.id, changes: {}, traffic_mirror_session: newest, seenAt: expect.any(String) },
		]);
		expect(staticData).toEqual({});
	});

	test('with nothing to show, outputs nothing; an API failure is the run’s error', async () => {
		expect((await fetchTestEvent(fixture.credentials(), ['sessionCreated'])).items).toEqual([]);
		fixture.emulator.setFaults({ script: [{ status: 403 }] });
		expect((await fetchTestEvent(fixture.credentials(), ['sessionCreated'])).error?.message).toMatch(/^Huawei Cloud API error 403/);
	});
});
