/**
 * The shipped example workflows run on a real account once their user has chosen what only they can know: no ID or
 * address of the emulator is baked in, and filling in the choices changes nothing else.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DEMO_PORTS, DEMO_SERVERS } from '../emulator/server';
import { picksOf, REPO_ROOT, withPicks, type WorkflowFile } from '../scripts/n8n';

const folder = join(REPO_ROOT, 'examples');
const examples = readdirSync(folder)
	.filter((file) => file.endsWith('.json'))
	.map((file) => [file, readFileSync(join(folder, file), 'utf8')] as const);

const emulatorValues = new Set(
	[
		...DEMO_PORTS.flatMap((port) => [port.id, port.device_id, ...port.fixed_ips.map((fixedIp) => fixedIp.ip_address)]),
		...Object.values(DEMO_SERVERS),
	].filter((value) => value !== ''),
);
/** Every UUID, IPv4 address and IPv6-looking token in a text. */
const idsAndAddresses = (text: string) =>
	text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7}/gi) ?? [];

test.each(examples)('%s names no network interface, server or address of the emulator', (_, text) => {
	expect(idsAndAddresses(text).filter((token) => emulatorValues.has(token))).toEqual([]);
});

test('filling in the choices changes those parameters only, and every choice must be made', () => {
	const shipped = JSON.parse(readFileSync(join(folder, 'filter-rules-session-lifecycle.json'), 'utf8')) as WorkflowFile;
	const choices = {
		'Create Session.trafficMirrorSources': { value: ['6134900d-31a6-4b71-8453-dbca7f26982a'] },
		'Create Session.trafficMirrorTargetId': { value: 'c9f8acef-d550-4fbe-be7c-e8bfd3501dc1', label: 'analyser-eth0' },
		'Add Sources.trafficMirrorSources': { value: ['8d5f0c7b-2e4a-4f61-9b3c-7a1e5d2c9f02'] },
	};
	expect(picksOf(shipped)).toEqual(Object.keys(choices));
	const filled = withPicks(shipped, choices);
	const changed = filled.nodes.flatMap((node, index) =>
		Object.keys(node.parameters as object)
			.filter((key) => JSON.stringify((node.parameters as Record<string, unknown>)[key]) !== JSON.stringify((shipped.nodes[index].parameters as Record<string, unknown>)[key]))
			.map((key) => `${String(node.name)}.${key}`),
	);
	expect(changed).toEqual(Object.keys(choices));
	expect(filled.nodes.find((node) => node.name === 'Create Session')?.parameters).toMatchObject({
		trafficMirrorTargetId: { __rl: true, mode: 'list', value: 'c9f8acef-d550-4fbe-be7c-e8bfd3501dc1', cachedResultName: 'analyser-eth0' },
	});
	expect(picksOf(filled)).toEqual([]);
	const missingOne = Object.fromEntries(Object.entries(choices).filter(([pick]) => pick !== 'Add Sources.trafficMirrorSources'));
	expect(() => withPicks(shipped, missingOne)).toThrow(/missing \["Add Sources.trafficMirrorSources"\]/);
	expect(() => withPicks(shipped, { ...choices, 'Create Session.name': { value: 'x' } })).toThrow(/not picks \["Create Session.name"\]/);
});
