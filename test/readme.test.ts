import { readFileSync } from 'node:fs';

import { HuaweiCloudVpc } from '../nodes/HuaweiCloudVpc/HuaweiCloudVpc.node';
import { README_PATH, readmeWithReference } from '../scripts/readme-reference';

test('the README documents exactly the operations and fields the node has (run `npm run docs` after changing them)', () => {
	const readme = readFileSync(README_PATH, 'utf8');
	expect(readme).toBe(readmeWithReference(readme, new HuaweiCloudVpc().description));
});

test('the README starts with the demo and the test command', () => {
	const firstLines = readFileSync(README_PATH, 'utf8').split('\n').slice(0, 6).join('\n');
	expect(firstLines).toContain('npm run demo');
	expect(firstLines).toContain('npm test');
});
