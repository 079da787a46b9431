/** The service's own input rules: unit checks of the validators, and what a raw request gets over HTTP. */
import { ApiError } from '../../emulator/errors';
import { startEmulator, RunningEmulator } from '../../emulator/server';
import { cidr, description, integer, portRange, resourceName, sourceList, boolean } from '../../emulator/validation';
import { RuleAnswer, SOURCE_PORT_ID, TARGET_PORT_ID, signedRequest, v3Path } from './helpers';

function refusal(check: () => unknown): ApiError {
	try {
		check();
	} catch (error) {
		if (error instanceof ApiError) return error;
		throw error;
	}
	throw new Error('The value was accepted.');
}

describe('validators', () => {
	it('names: 1-64 letters, digits, Chinese characters, _ - .', () => {
		expect(resourceName('web_01-a.b', 'name')).toBe('web_01-a.b');
		expect(resourceName('流量镜像', 'name')).toBe('流量镜像');
		expect(resourceName('a'.repeat(64), 'name')).toHaveLength(64);
		for (const bad of ['', 'a'.repeat(65), 'with space', 'semi;colon', 'ünïcode', 42]) {
			expect(refusal(() => resourceName(bad, 'name'))).toMatchObject({ status: 400, code: 'VPC.0002' });
		}
	});

	it('descriptions: at most 255 characters, no < or >', () => {
		expect(description('', 'd')).toBe('');
		expect(description('镜'.repeat(255), 'd')).toHaveLength(255);
		expect(refusal(() => description('x'.repeat(256), 'd')).status).toBe(400);
		expect(refusal(() => description('<script>', 'd')).status).toBe(400);
	});

	it("integers in range, strings only where create's string encodings allow them", () => {
		expect(integer(0, 'vni', 0, 16_777_215)).toBe(0);
		expect(integer('16777215', 'vni', 0, 16_777_215, true)).toBe(16_777_215);
		expect(refusal(() => integer('1', 'priority', 1, 32_766)).status).toBe(400);
		expect(refusal(() => integer(16_777_216, 'vni', 0, 16_777_215)).status).toBe(400);
		expect(refusal(() => integer(1.5, 'x', 0, 10)).status).toBe(400);
		expect(refusal(() => integer('0x10', 'x', 0, 100, true)).status).toBe(400);
		expect(boolean('true', 'enabled', true)).toBe(true);
		expect(refusal(() => boolean('yes', 'enabled', true)).status).toBe(400);
	});

	it('sources: distinct non-empty ids (how many a session holds is a quota)', () => {
		expect(sourceList(['a'], 's')).toEqual(['a']);
		expect(refusal(() => sourceList([], 's')).status).toBe(400);
		expect(refusal(() => sourceList(['a', 'a'], 's')).status).toBe(400);
		expect(refusal(() => sourceList([''], 's')).status).toBe(400);
	});

	it('CIDRs (trimmed) and port ranges', () => {
		expect(cidr(' 10.0.0.0/8 ', 'c')).toEqual({ cidr: '10.0.0.0/8', version: 4 });
		expect(cidr('2001:db8::/32', 'c')).toEqual({ cidr: '2001:db8::/32', version: 6 });
		for (const bad of ['10.0.0.0', '10.0.0.0/33', '300.0.0.0/8', '2001:db8::/129', 'abc/8']) {
			expect(refusal(() => cidr(bad, 'c')).status).toBe(400);
		}
		expect(portRange('1-65535', 'p')).toBe('1-65535');
		for (const bad of ['80', '0-10', '10-1', '1-65536', 'a-b']) expect(refusal(() => portRange(bad, 'p')).status).toBe(400);
	});
});

describe('validation over HTTP', () => {
	let emulator: RunningEmulator;
	let filterId: string;

	beforeAll(async () => {
		emulator = await startEmulator({ port: 0 });
		const created = await signedRequest(emulator, 'POST', v3Path('traffic-mirror-filters'), {
			body: { traffic_mirror_filter: { name: 'validation' } },
		});
		filterId = (created.json().traffic_mirror_filter as { id: string }).id;
	});

	afterAll(() => emulator.close());

	const session = (fields: Record<string, unknown>) => ({
		traffic_mirror_session: {
			name: 'v',
			traffic_mirror_filter_id: filterId,
			traffic_mirror_sources: [SOURCE_PORT_ID],
			traffic_mirror_target_id: TARGET_PORT_ID,
			traffic_mirror_target_type: 'eni',
			priority: 1,
			...fields,
		},
	});
	const createSession = (body: unknown) =>
		signedRequest(emulator, 'POST', v3Path('traffic-mirror-sessions'), { body: body as object });

	it('accepts VNI, packet length and enabled as integers/booleans (Terraform) as well as strings (SDK)', async () => {
		const typed = await createSession(session({ virtual_network_id: 7, packet_length: 200, enabled: true }));
		expect(typed.status).toBe(201);
		expect(typed.json().traffic_mirror_session).toMatchObject({ virtual_network_id: 7, packet_length: 200, enabled: true });
		const strings = await createSession(session({ virtual_network_id: '7', packet_length: '200', enabled: 'false' }));
		expect(strings.json().traffic_mirror_session).toMatchObject({ virtual_network_id: 7, packet_length: 200, enabled: false });
	});

	it.each([
		['malformed JSON', '{"traffic_mirror_session": {'],
		['an empty body', ''],
		['a wrong envelope', { traffic_mirror_sessions: {} }],
		['an extra top-level key', { ...session({}), extra: 1 }],
		['an unknown field', session({ colour: 'red' })],
		['a missing required field', session({ priority: undefined })],
		['null for a field', session({ description: null })],
		['a bad target type', session({ traffic_mirror_target_type: 'vm' })],
		['a VNI out of range', session({ virtual_network_id: 16_777_216 })],
		['a packet length of 0', session({ packet_length: 0 })],
		['a priority of 32767', session({ priority: 32_767 })],
		['a string priority', session({ priority: '5' })],
		['an enabled of "yes"', session({ enabled: 'yes' })],
		['a type other than eni', session({ type: 'eip' })],
		['eleven sources', session({ traffic_mirror_sources: Array.from({ length: 11 }, (_, i) => `port-${i}`) })],
		['a description with <', session({ description: '<b>' })],
	])('refuses %s with 400 VPC.0002', async (_case, body) => {
		const answer = await createSession(body);
		expect(answer.status).toBe(400);
		expect(answer.json()).toMatchObject({ error_code: 'VPC.0002' });
		expect(answer.json().request_id).toBeDefined();
	});

	it('normalises rule protocol and ethertype, and refuses bad rules', async () => {
		const rule = (fields: Record<string, unknown>) =>
			signedRequest(emulator, 'POST', v3Path('traffic-mirror-filter-rules'), {
				body: {
					traffic_mirror_filter_rule: {
						traffic_mirror_filter_id: filterId,
						direction: 'egress',
						protocol: 'icmpv6',
						ethertype: 'IPV6',
						action: 'accept',
						priority: 65_535,
						...fields,
					},
				},
			});
		const created = await rule({ destination_cidr_block: '2001:db8::/64' });
		expect(created.status).toBe(201);
		expect((created.json() as unknown as RuleAnswer).traffic_mirror_filter_rule).toMatchObject({
			protocol: 'ICMPV6',
			ethertype: 'IPv6',
			direction: 'egress',
		});
		for (const bad of [
			{ priority: 65_536 },
			{ direction: 'both' },
			{ action: 'drop' },
			{ protocol: 'GRE' },
			{ ethertype: 'IPv5' },
			{ source_cidr_block: '10.0.0.0/8' },
			{ source_port_range: '443-80' },
			{ traffic_mirror_filter_id: '00000000-0000-4000-8000-000000000000' },
		]) {
			expect((await rule(bad)).status).toBe(400);
		}
	});

	/** An IPv4 TCP ingress rule of the test's filter, with `fields` added. */
	const createIngressRule = (fields: Record<string, unknown>) =>
		signedRequest(emulator, 'POST', v3Path('traffic-mirror-filter-rules'), {
			body: {
				traffic_mirror_filter_rule: {
					traffic_mirror_filter_id: filterId,
					direction: 'ingress',
					protocol: 'TCP',
					ethertype: 'IPv4',
					action: 'accept',
					...fields,
				},
			},
		});

	it('refuses rule updates of immutable fields and leaves a refused update without effect', async () => {
		const created = await createIngressRule({ priority: 5 });
		const id = (created.json() as unknown as RuleAnswer).traffic_mirror_filter_rule.id;
		const path = v3Path(`traffic-mirror-filter-rules/${id}`);
		expect((await signedRequest(emulator, 'PUT', path, { body: { traffic_mirror_filter_rule: { direction: 'egress' } } })).status).toBe(400);
		const refused = await signedRequest(emulator, 'PUT', path, {
			body: { traffic_mirror_filter_rule: { priority: 9, source_cidr_block: 'nonsense' } },
		});
		expect(refused.status).toBe(400);
		const shown = await signedRequest(emulator, 'GET', path);
		expect((shown.json() as unknown as RuleAnswer).traffic_mirror_filter_rule.priority).toBe(5);
	});

	it('clears a CIDR or port range updated to "" and keeps the fields the update leaves out', async () => {
		const created = await createIngressRule({
			priority: 6,
			source_cidr_block: '10.0.0.0/8',
			destination_port_range: '80-443',
		});
		const id = (created.json() as unknown as RuleAnswer).traffic_mirror_filter_rule.id;
		const path = v3Path(`traffic-mirror-filter-rules/${id}`);
		const updated = await signedRequest(emulator, 'PUT', path, {
			body: { traffic_mirror_filter_rule: { source_cidr_block: '', destination_cidr_block: '192.168.0.0/16' } },
		});
		expect(updated.status).toBe(200);
		const shown = (await signedRequest(emulator, 'GET', path)).json() as unknown as RuleAnswer;
		expect(shown.traffic_mirror_filter_rule).not.toHaveProperty('source_cidr_block');
		expect(shown.traffic_mirror_filter_rule).toMatchObject({
			destination_cidr_block: '192.168.0.0/16',
			destination_port_range: '80-443',
			priority: 6,
		});
	});

	it('answers limit=0 with an empty last page, as the documented range 0–2000 per page says', async () => {
		await createSession(session({ name: 'listed' }));
		const answer = await signedRequest(emulator, 'GET', v3Path('traffic-mirror-sessions'), { query: { limit: '0' } });
		expect(answer.status).toBe(200);
		expect(answer.json()).toMatchObject({ traffic_mirror_sessions: [], page_info: { current_count: 0 } });
		expect(answer.json().page_info).not.toHaveProperty('next_marker');
	});

	it('refuses unknown or repeated single-valued query parameters, and takes repeated filters as alternatives', async () => {
		const list = (query: Record<string, string | string[]>) =>
			signedRequest(emulator, 'GET', v3Path('traffic-mirror-sessions'), { query });
		expect((await list({ colour: 'red' })).status).toBe(400);
		expect((await list({ limit: ['1', '2'] })).status).toBe(400);
		expect((await list({ enabled: ['true', 'false'] })).status).toBe(400);
		expect((await list({ limit: '-1' })).status).toBe(400);
		expect((await list({ priority: 'high' })).status).toBe(400);
		expect((await list({ marker: 'no-such-id' })).status).toBe(400);

		await createSession(session({ name: 'alt-a' }));
		await createSession(session({ name: 'alt-b' }));
		const both = await list({ name: ['alt-a', 'alt-b', 'alt-none'] });
		expect((both.json().traffic_mirror_sessions as Array<{ name: string }>).map((s) => s.name)).toEqual(['alt-a', 'alt-b']);
	});
});
