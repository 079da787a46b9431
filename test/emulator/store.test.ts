/** The creation-ordered store behind every list: marker pagination that stays linear at 20,000 resources. */
import { ApiError } from '../../emulator/errors';
import { Collection } from '../../emulator/store';

interface Item {
	id: string;
	even: boolean;
}

function filled(count: number): Collection<Item> {
	const collection = new Collection<Item>();
	for (let i = 0; i < count; i++) collection.add({ id: `id-${i}`, even: i % 2 === 0 });
	return collection;
}

/** Pages through like a client: marker = last id of the page until there are no more. */
function pageThrough(collection: Collection<Item>, limit: number, matches: (item: Item) => boolean) {
	const ids: string[] = [];
	let marker: string | undefined;
	let pages = 0;
	for (;;) {
		const page = collection.page(limit, marker, matches);
		pages++;
		ids.push(...page.items.map((item) => item.id));
		if (!page.hasMore) return { ids, pages };
		marker = page.items[page.items.length - 1].id;
	}
}

describe('Collection', () => {
	it('lists 20,000 resources 2,000 at a time in creation order, looking at each about once', () => {
		const collection = filled(20_000);
		let looked = 0;
		const { ids, pages } = pageThrough(collection, 2000, () => {
			looked++;
			return true;
		});
		expect(pages).toBe(10);
		expect(ids).toHaveLength(20_000);
		expect(ids[0]).toBe('id-0');
		expect(ids[19_999]).toBe('id-19999');
		// Starting each page at its marker (not from the beginning) keeps the work linear: at most one extra look per page.
		expect(looked).toBeLessThanOrEqual(20_000 + pages);
	});

	it('pages over a filter, skipping deleted resources, and continues after a deleted marker', () => {
		const collection = filled(10);
		collection.delete('id-4');
		const first = collection.page(2, undefined, (item) => item.even);
		expect(first.items.map((item) => item.id)).toEqual(['id-0', 'id-2']);
		expect(first.hasMore).toBe(true);
		collection.delete('id-2');
		const next = collection.page(2, 'id-2', (item) => item.even);
		expect(next.items.map((item) => item.id)).toEqual(['id-6', 'id-8']);
		expect(next.hasMore).toBe(false);
		expect(collection.size).toBe(8);
	});

	it('keeps order and markers through compaction after many deletions', () => {
		const collection = filled(5000);
		for (let i = 0; i < 4000; i++) collection.delete(`id-${i}`);
		const { ids } = pageThrough(collection, 300, () => true);
		expect(ids).toEqual(Array.from({ length: 1000 }, (_, i) => `id-${4000 + i}`));
		expect(collection.page(1, 'id-10', () => true).items[0].id).toBe('id-4000');
	});

	it('refuses a marker it never held', () => {
		expect(() => filled(3).page(1, 'nope', () => true)).toThrow(ApiError);
	});
});
