/** actions/create.ts's CreateLedger on its own: the note of what exists that an execution's creates share. */
import { CreateLedger, NOTE_SERVES_MS, type CollectionIds } from '../../nodes/HuaweiCloudVpc/actions/create';
import { stoppedClock } from '../helpers/clock';

const SESSIONS = '/vpc/traffic-mirror-sessions';

/** A clock the test moves by hand, and a list of a collection that counts its calls and answers what it holds. */
function setUp() {
	const clock = stoppedClock();
	const collection = { ids: ['a'], calls: 0 };
	const list = async (): Promise<CollectionIds> => {
		collection.calls++;
		return new Set(collection.ids);
	};
	return { ledger: new CreateLedger(), clock, collection, list };
}

describe('the note of what exists', () => {
	test('serves the creates that start within NOTE_SERVES_MS of when it was asked for; a later one takes a new note', async () => {
		const { ledger, clock, collection, list } = setUp();
		expect(await ledger.noteOf(SESSIONS, clock, list)).toEqual(new Set(['a']));
		collection.ids = ['a', 'b'];
		clock.move(NOTE_SERVES_MS);
		expect(await ledger.noteOf(SESSIONS, clock, list)).toEqual(new Set(['a']));
		expect(collection.calls).toBe(1);
		clock.move(1);
		expect(await ledger.noteOf(SESSIONS, clock, list)).toEqual(new Set(['a', 'b']));
		expect(collection.calls).toBe(2);
	});

	test('creates that start while it is being listed wait for that one list', async () => {
		const { ledger, clock, collection, list } = setUp();
		const notes = await Promise.all([1, 2, 3, 4].map(async () => await ledger.noteOf(SESSIONS, clock, list)));
		expect(notes.every((note) => note?.has('a'))).toBe(true);
		expect(collection.calls).toBe(1);
	});

	test('is kept per collection', async () => {
		const { ledger, clock, collection, list } = setUp();
		await ledger.noteOf(SESSIONS, clock, list);
		await ledger.noteOf('/vpc/traffic-mirror-filters', clock, list);
		expect(collection.calls).toBe(2);
	});

	test('a shared list that failed is not reused: each create waiting for it lists for itself and gets its own answer', async () => {
		const { ledger, clock } = setUp();
		const asked: string[] = [];
		const failingFirst = (item: string) => async (): Promise<CollectionIds> => {
			asked.push(item);
			if (asked.length === 1) throw new Error(`refused for ${item}`);
			return new Set([`seen by ${item}`]);
		};
		const [first, second, third] = await Promise.allSettled(
			['item 0', 'item 1', 'item 2'].map(async (item) => await ledger.noteOf(SESSIONS, clock, failingFirst(item))),
		);
		expect(first).toMatchObject({ status: 'rejected', reason: new Error('refused for item 0') });
		expect(second).toEqual({ status: 'fulfilled', value: new Set(['seen by item 1']) });
		expect(third).toEqual({ status: 'fulfilled', value: new Set(['seen by item 2']) });
		expect(asked).toEqual(['item 0', 'item 1', 'item 2']);
	});

	test('a collection beyond one page is not noted again in that execution: each create then notes its identity', async () => {
		const { ledger, clock } = setUp();
		let calls = 0;
		const beyondOnePage = async (): Promise<CollectionIds> => {
			calls++;
			return undefined;
		};
		expect(await ledger.noteOf(SESSIONS, clock, beyondOnePage)).toBeUndefined();
		clock.move(NOTE_SERVES_MS + 1);
		expect(await ledger.noteOf(SESSIONS, clock, beyondOnePage)).toBeUndefined();
		expect(calls).toBe(1);
		expect(await new CreateLedger().noteOf(SESSIONS, clock, beyondOnePage)).toBeUndefined();
		expect(calls).toBe(2);
	});
});
