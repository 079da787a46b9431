import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { HuaweiCloudVpc } from '../nodes/HuaweiCloudVpc/HuaweiCloudVpc.node';
import { README_PATH, REFERENCE_PATH, withOperationsReference, withOperationsSummary } from '../scripts/readme-reference';

const ROOT = join(__dirname, '..');
const pages = [
	README_PATH,
	...readdirSync(join(ROOT, 'docs'))
		.filter((file) => file.endsWith('.md'))
		.map((file) => join(ROOT, 'docs', file)),
];

test('docs/reference.md documents exactly the operations and fields the node has (run `npm run docs` after changing them)', () => {
	const reference = readFileSync(REFERENCE_PATH, 'utf8');
	expect(reference).toBe(withOperationsReference(reference, new HuaweiCloudVpc().description));
});

test('the README lists exactly the operations the node has (run `npm run docs` after changing them)', () => {
	const readme = readFileSync(README_PATH, 'utf8');
	expect(readme).toBe(withOperationsSummary(readme, new HuaweiCloudVpc().description));
});

test('the README starts with the demo and the test command', () => {
	const firstLines = readFileSync(README_PATH, 'utf8').split('\n').slice(0, 6).join('\n');
	expect(firstLines).toContain('npm run demo');
	expect(firstLines).toContain('npm test');
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
	const anchors = new Set<string>();
	const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
	for (const [, heading] of withoutCode.matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
		const base = heading
			.replace(/`/g, '')
			.toLowerCase()
			.replace(/[^\p{L}\p{N} _-]/gu, '')
			.replace(/ /g, '-');
		let anchor = base;
		for (let repeat = 1; anchors.has(anchor); repeat++) anchor = `${base}-${repeat}`;
		anchors.add(anchor);
	}
	return anchors;
}

test.each(pages.map((page) => [page.slice(ROOT.length + 1), page]))('every relative link of %s leads somewhere', (_, page) => {
	const markdown = readFileSync(page, 'utf8');
	const broken = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
		.map(([, link]) => link)
		.filter((link) => !/^[a-z]+:/i.test(link))
		.filter((link) => {
			const [path, anchor] = link.split('#');
			const target = path === '' ? page : resolve(dirname(page), path);
			if (!existsSync(target)) return true;
			return anchor !== undefined && target.endsWith('.md') && !anchorsOf(readFileSync(target, 'utf8')).has(anchor);
		});
	expect(broken).toEqual([]);
});
