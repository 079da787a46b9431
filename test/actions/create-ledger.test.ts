/** actions/create.ts on its own: the ledger the creates of an execution share, and how a found resource is compared. */
import { canonicalId, CreateLedger, sameFields } from '../../nodes/HuaweiCloudVpc/actions/create';

const IDENTITY = '/vpc/traffic-mirror-sessions {"name":"web"}';

describe('the ledger', () => {
	test('looks of one identity take turns, so two items never claim one resource', async () => {
		const ledger = new CreateLedger();
		const events: string[] = [];
		let release: () => void = () => {};
		const firstMayEnd = new Promise<void>((resolve) => (release = resolve));
		await ledger.beginSend(IDENTITY);
		await ledger.beginSend(IDENTITY);
		const first = ledger.whileLooking(IDENTITY, async () => {
			events.push('first starts');
			await firstMayEnd;
			events.push('first ends');
		});
		const second = ledger.whileLooking(IDENTITY, async () => {
			events.push('second starts');
		});
		await new Promise((resolve) => setImmediate(resolve));
		expect(events).toEqual(['first starts']);
		release();
		await Promise.all([first, second]);
		expect(events).toEqual(['first starts', 'first ends', 'second starts']);
	});

	test('a look waits for the creates of its identity still on their way, and a create waits for the look', async () => {
		const ledger = new CreateLedger();
		const events: string[] = [];
		await ledger.beginSend(IDENTITY);
		await ledger.beginSend(IDENTITY);
		const look = ledger.whileLooking(IDENTITY, async () => void events.push('look'));
		await new Promise((resolve) => setImmediate(resolve));
		expect(events).toEqual([]);
		const laterCreate = ledger.beginSend(IDENTITY).then(() => void events.push('later create sends'));
		ledger.endSend(IDENTITY);
		await Promise.all([look, laterCreate]);
		expect(events).toEqual(['look', 'later create sends']);
	});

	test('what the other items of an identity asked for, until each is forgotten', () => {
		const ledger = new CreateLedger();
		ledger.ask(IDENTITY, 0, { packet_length: 96 });
		ledger.ask(IDENTITY, 1, { packet_length: 128 });
		ledger.ask('another identity', 2, { packet_length: 64 });
		expect(ledger.askedByOthers(IDENTITY, 0)).toEqual([{ packet_length: 128 }]);
		ledger.forget(IDENTITY, 1);
		expect(ledger.askedByOthers(IDENTITY, 0)).toEqual([]);
	});

	test('a claim holds whatever the case of the ID', () => {
		const ledger = new CreateLedger();
		ledger.claim('16538EDA-7E94-4B90-B5F3-A653F62DC817');
		expect(ledger.isClaimed('16538eda-7e94-4b90-b5f3-a653f62dc817')).toBe(true);
		expect(canonicalId(' 16538EDA-7E94-4B90-B5F3-A653F62DC817 ')).toBe('16538eda-7e94-4b90-b5f3-a653f62dc817');
	});
});

describe('a found resource carries what was sent', () => {
	const sent = {
		name: 'web',
		traffic_mirror_filter_id: 'B765BA87-C0B4-4F1A-9EC3-D5B1D1DDB137',
		traffic_mirror_sources: ['6134900d-31a6-4b71-8453-dbca7f26982a', 'C9F8ACEF-D550-4FBE-BE7C-E8BFD3501DC1'],
		packet_length: '96',
		enabled: 'true',
		description: '',
	};
	const stored = {
		id: '16538eda-7e94-4b90-b5f3-a653f62dc817',
		name: 'web',
		traffic_mirror_filter_id: 'b765ba87-c0b4-4f1a-9ec3-d5b1d1ddb137',
		traffic_mirror_sources: ['c9f8acef-d550-4fbe-be7c-e8bfd3501dc1', '6134900d-31a6-4b71-8453-dbca7f26982a'],
		packet_length: 96,
		enabled: true,
	};

	test('in canonical forms: IDs in any case, lists in any order, numbers and booleans as strings, absent as empty', () => {
		expect(sameFields(stored, sent)).toBe(true);
	});

	test.each([
		['a field of another value', { packet_length: 128 }],
		['a name in another case', { name: 'Web' }],
		['one source fewer', { traffic_mirror_sources: ['6134900d-31a6-4b71-8453-dbca7f26982a'] }],
		['a description where none was sent', { description: 'someone else\'s' }],
	])('not with %s', (_, change) => {
		expect(sameFields({ ...stored, ...change }, sent)).toBe(false);
	});

	test('choices the service spells in its own case compare equal (ethertype ipv4 and IPv4)', () => {
		expect(sameFields({ ethertype: 'IPv4', protocol: 'TCP' }, { ethertype: 'ipv4', protocol: 'tcp' })).toBe(true);
	});
});
