/** What n8n reads of the trigger besides its code: its Events, its codex file and its icons. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { HuaweiCloudVpcTrigger } from '../../nodes/HuaweiCloudVpc/HuaweiCloudVpcTrigger.node';
import { EVENT_NAMES } from '../../nodes/HuaweiCloudVpc/trigger/kinds';

const NODE_FOLDER = join(__dirname, '..', '..', 'nodes', 'HuaweiCloudVpc');
const { description } = new HuaweiCloudVpcTrigger();

test('the node offers exactly the events the trigger fires', () => {
	const events = description.properties.find(({ name }) => name === 'events');
	expect((events?.options as Array<{ value: string }>).map(({ value }) => value).sort()).toEqual([...EVENT_NAMES].sort());
});

test('a polling trigger without inputs, on the package’s credential', () => {
	expect(description).toMatchObject({ name: 'huaweiCloudVpcTrigger', polling: true, inputs: [], group: ['trigger'] });
	expect(description.credentials).toEqual([expect.objectContaining({ name: 'huaweiCloudApi', required: true })]);
});

test('its codex file names it, and the icons it refers to sit beside it (gulp copies both into dist/)', () => {
	const codex = JSON.parse(readFileSync(join(NODE_FOLDER, 'HuaweiCloudVpcTrigger.node.json'), 'utf8')) as { node: string };
	expect(codex.node).toBe('n8n-nodes-huaweicloud-vpc.huaweiCloudVpcTrigger');
	const icons = Object.values(description.icon as Record<string, string>).map((icon) => icon.replace(/^file:/, ''));
	expect(icons).toHaveLength(2);
	for (const icon of icons) expect(existsSync(join(NODE_FOLDER, icon))).toBe(true);
});
