/** Get's and Get Many's Simplify: each resource cut down to its resource's identifying fields, through n8n's engine. */
import { startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { shutDownEngine } from '../helpers/engine';
import { byId } from '../helpers/parameters';

let fixture: ApiFixture;
beforeAll(async () => {
	fixture = await startApiFixture();
});
afterAll(async () => {
	await fixture.close();
	shutDownEngine();
});

test('a session, simplified, keeps what identifies and describes it, and nothing else', async () => {
	const filter = await fixture.createFilter();
	const session = await fixture.createSession(filter.id, { name: 'simple' });
	const whole = await fixture.run({ resource: 'trafficMirrorSession', operation: 'get', trafficMirrorSessionId: byId(session.id) });
	expect(Object.keys(whole.items[0].json)).toContain('project_id');
	const simple = await fixture.run({ resource: 'trafficMirrorSession', operation: 'get', trafficMirrorSessionId: byId(session.id), simplify: true });
	expect(simple.items[0].json).toEqual({
		id: session.id,
		name: 'simple',
		enabled: session.enabled,
		traffic_mirror_sources: session.traffic_mirror_sources,
		traffic_mirror_target_id: session.traffic_mirror_target_id,
		traffic_mirror_target_type: 'eni',
		traffic_mirror_filter_id: filter.id,
		priority: session.priority,
	});
});

test('Get Many of filters and of rules, simplified', async () => {
	const filter = await fixture.createFilter({ name: 'simple-filter', description: 'kept' });
	const rule = await fixture.createRule(filter.id);
	const filters = await fixture.run({ resource: 'trafficMirrorFilter', operation: 'getAll', returnAll: true, simplify: true });
	expect(filters.items.map(({ json }) => json)).toContainEqual({ id: filter.id, name: 'simple-filter', description: 'kept' });
	const rules = await fixture.run({ resource: 'trafficMirrorFilterRule', operation: 'getAll', returnAll: true, simplify: true });
	const [simple] = rules.items.map(({ json }) => json).filter((json) => json.id === rule.id);
	expect(Object.keys(simple)).not.toContain('project_id');
	expect(simple).toMatchObject({ id: rule.id, traffic_mirror_filter_id: filter.id, direction: rule.direction, priority: rule.priority });
});
