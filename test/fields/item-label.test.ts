/** fields/read.ts: items named as n8n's output panel counts them, with the Item Index beside. */
import { itemLabel, itemsLabel } from '../../nodes/HuaweiCloudVpc/fields/read';

test('one item: counted from 1, with its Item Index', () => {
	expect(itemLabel(2)).toBe('item 3 (Item Index 2)');
	expect(itemsLabel([2])).toBe('item 3 (Item Index 2)');
});

test('several items: runs of neighbours shortened, both counts', () => {
	expect(itemsLabel([1, 3, 4, 5, 9])).toBe('items 2, 4 to 6, 10 (Item Index 1, 3 to 5, 9)');
	expect(itemsLabel([0, 1])).toBe('items 1 to 2 (Item Index 0 to 1)');
});
