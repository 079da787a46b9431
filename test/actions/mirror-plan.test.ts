/** The decisions of Mirror Server and Stop Mirroring Server, made before anything is sent. */
import type { IDataObject } from 'n8n-workflow';

import { planMirror, planRelease, PlanRefusal, type MirrorWish } from '../../nodes/HuaweiCloudVpc/actions/trafficMirrorSession/mirrorPlan';
import type { MirrorQuotas } from '../../nodes/HuaweiCloudVpc/actions/trafficMirrorSession/quotas';

const TARGET = 'c9f8acef-d550-4fbe-be7c-e8bfd3501dc1';
const OTHER_TARGET = '8d5f0c7b-2e4a-4f61-9b3c-7a1e5d2c9f02';
const FILTER = 'b765ba87-c0b4-4f1a-9ec3-d5b1d1ddb137';
const eni = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const quotas = (overrides: Partial<MirrorQuotas> = {}): MirrorQuotas => ({ sourcesPerSession: 10, sessionsPerTarget: {}, ...overrides });
const wish = (interfaces: string[], overrides: Partial<MirrorWish> = {}): MirrorWish => ({
	interfaces,
	targetId: TARGET,
	targetType: 'eni',
	filterId: FILTER,
	enabled: true,
	...overrides,
});
let age = 0;
const session = (id: string, sources: string[], overrides: IDataObject = {}): IDataObject => ({
	id,
	name: id,
	traffic_mirror_sources: sources,
	traffic_mirror_target_id: TARGET,
	traffic_mirror_target_type: 'eni',
	traffic_mirror_filter_id: FILTER,
	enabled: true,
	created_at: `2026-12-06T00:00:${String((age += 1)).padStart(2, '0')}Z`,
	...overrides,
});
const refusal = (run: () => unknown) => {
	try {
		run();
	} catch (error) {
		if (error instanceof PlanRefusal) return error;
		throw error;
	}
	throw new Error('not refused');
};

describe('planMirror', () => {
	it('leaves what is mirrored as asked, fills the oldest session with room, and creates for the rest', () => {
		const full = session('full', Array.from({ length: 10 }, (_, n) => eni(100 + n)));
		const roomy = session('roomy', [eni(1), eni(200)]);
		const interfaces = [eni(1), ...Array.from({ length: 12 }, (_, n) => eni(10 + n))];
		const plan = planMirror(wish(interfaces), [full, roomy], quotas());
		expect(plan.unchanged).toEqual([{ session: roomy, sources: [eni(1)] }]);
		expect(plan.additions).toEqual([{ session: roomy, sources: interfaces.slice(1, 9) }]);
		expect(plan.creations).toEqual([interfaces.slice(9)]);
	});

	it('counts only sessions to the target, with the filter, enabled as asked; IDs in any case', () => {
		const elsewhere = session('elsewhere', [eni(1)], { traffic_mirror_target_id: OTHER_TARGET });
		const otherFilter = session('other-filter', [eni(1)], { traffic_mirror_filter_id: eni(999) });
		const disabled = session('disabled', [eni(1)], { enabled: false });
		const plan = planMirror(wish([eni(1).toUpperCase()], { targetId: TARGET.toUpperCase() }), [elsewhere, otherFilter, disabled], quotas());
		expect(plan.unchanged).toEqual([]);
		expect(plan.creations).toEqual([[eni(1)]]);
		expect(planMirror(wish([eni(1)], { enabled: false }), [disabled], quotas()).unchanged).toEqual([{ session: disabled, sources: [eni(1)] }]);
	});

	it('splits new sessions by the quota of sources per session', () => {
		const plan = planMirror(wish([1, 2, 3, 4, 5].map(eni)), [], quotas({ sourcesPerSession: 2 }));
		expect(plan.creations).toEqual([[eni(1), eni(2)], [eni(3), eni(4)], [eni(5)]]);
	});

	it('refuses the target itself, and a source already in as many sessions as its quota allows', () => {
		expect(refusal(() => planMirror(wish([TARGET]), [], quotas())).message).toMatch(/is the mirror target itself/);
		// A load balancer target is not an interface: nothing to compare.
		expect(planMirror(wish([eni(1)], { targetType: 'elb', targetId: eni(1) }), [], quotas()).creations).toEqual([[eni(1)]]);
		const elsewhere = session('elsewhere', [eni(1)], { traffic_mirror_target_id: OTHER_TARGET });
		expect(refusal(() => planMirror(wish([eni(1)]), [elsewhere], quotas({ sessionsPerSource: 1 }))).message).toMatch(
			/already a source of 1 traffic mirror session.*traffic_mirror_source_referred_by_session 1.*elsewhere/,
		);
		expect(planMirror(wish([eni(1)]), [elsewhere], quotas({ sessionsPerSource: 2 })).creations).toEqual([[eni(1)]]);
	});

	it('refuses more sessions than the project, the target or the filter may have, but not when none is created', () => {
		const existing = session('existing', [eni(1)]);
		expect(refusal(() => planMirror(wish([eni(2), eni(3)]), [existing], quotas({ sourcesPerSession: 1, sessions: 2 }))).message).toMatch(
			/needs 2 new traffic mirror sessions, but there are already 1 traffic mirror sessions in the project \(traffic_mirror_session quota 2\)/,
		);
		expect(refusal(() => planMirror(wish([eni(2)]), [existing], quotas({ sourcesPerSession: 1, sessionsPerTarget: { eni: 1 } }))).message).toMatch(
			/traffic_mirror_target_eni_referred_by_session quota 1/,
		);
		expect(refusal(() => planMirror(wish([eni(2)]), [existing], quotas({ sourcesPerSession: 1, sessionsPerFilter: 1 }))).message).toMatch(
			/traffic_mirror_filter_referred_by_session quota 1/,
		);
		expect(planMirror(wish([eni(2)]), [existing], quotas({ sessions: 1 })).additions).toEqual([{ session: existing, sources: [eni(2)] }]);
	});
});

describe('planRelease', () => {
	it('removes the interfaces from every session holding them, deleting those left empty unless told not to', () => {
		const shared = session('shared', [eni(1), eni(2)]);
		const alone = session('alone', [eni(1)], { traffic_mirror_target_id: OTHER_TARGET });
		const unrelated = session('unrelated', [eni(3)]);
		expect(planRelease([eni(1).toUpperCase()], [shared, alone, unrelated], undefined, true)).toEqual({
			removals: [{ session: shared, sources: [eni(1)] }],
			deletions: [{ session: alone, sources: [eni(1)] }],
		});
		expect(planRelease([eni(1)], [alone], undefined, false)).toEqual({ removals: [{ session: alone, sources: [eni(1)] }], deletions: [] });
		expect(planRelease([eni(1)], [shared, alone], OTHER_TARGET, true)).toEqual({ removals: [], deletions: [{ session: alone, sources: [eni(1)] }] });
		expect(planRelease([eni(9)], [shared, alone], undefined, true)).toEqual({ removals: [], deletions: [] });
	});
});
