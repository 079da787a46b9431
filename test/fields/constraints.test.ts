import { DESCRIPTION_RULE, NAME_RULE } from '../../nodes/HuaweiCloudVpc/fields/common.fields';
import {
	canonicalIpAddress,
	checkConstraint,
	describeConstraint,
	type Constraint,
} from '../../nodes/HuaweiCloudVpc/fields/constraints';
import { sourceSelectionFields } from '../../nodes/HuaweiCloudVpc/fields/networkInterface.fields';
import { sessionFields } from '../../nodes/HuaweiCloudVpc/fields/session.fields';

const ID_A = '6134900d-31a6-4b71-8453-dbca7f26982a';
const ID_B = '2f2b6f5e-1f0f-4d6c-9a7e-0c4e2f3b1a01';
const ids = (count: number) =>
	Array.from({ length: count }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);

const accepts = (constraint: Constraint, value: unknown) => checkConstraint(constraint, value);
const rejects = (constraint: Constraint, value: unknown) => expect(checkConstraint(constraint, value)).toBeUndefined();

describe('text: the name rule', () => {
	it.each(['a', 'x'.repeat(64), 'test-session', 'web_01.mirror', '流量镜像会话', 'Mirror-镜像-01'])('accepts %j', (value) => {
		expect(accepts(NAME_RULE, value)).toBe(value);
	});

	it.each([['', 'empty'], ['x'.repeat(65), '65 characters'], ['a b', 'space'], ['a/b', 'slash'], ['a<b', '<'], ['a\nb', 'LF'], ['a😀', 'emoji'], ['Ünïcode', 'letters outside A–Z'], ['٣', 'digits outside 0–9']])(
		'rejects %j (%s)',
		(value) => rejects(NAME_RULE, value),
	);

	it('counts characters, not UTF-16 units: 64 Chinese characters pass, 65 do not', () => {
		expect(accepts(NAME_RULE, '镜'.repeat(64))).toBe('镜'.repeat(64));
		rejects(NAME_RULE, '镜'.repeat(65));
	});

	it('rejects non-strings', () => {
		rejects(NAME_RULE, 42);
		rejects(NAME_RULE, undefined);
	});

	it('describes length and characters', () => {
		expect(describeConstraint(NAME_RULE)).toBe('1–64 characters, letters A–Z, digits, Chinese characters, underscores, hyphens and dots');
	});
});

describe('text: the description rule', () => {
	it('accepts empty and 255 characters, rejects 256 and "<" or ">"', () => {
		expect(accepts(DESCRIPTION_RULE, '')).toBe('');
		expect(accepts(DESCRIPTION_RULE, 'd'.repeat(255))).toBe('d'.repeat(255));
		rejects(DESCRIPTION_RULE, 'd'.repeat(256));
		rejects(DESCRIPTION_RULE, 'a <b> tag');
		rejects(DESCRIPTION_RULE, 'x > y');
	});

	it('describes the limit and the forbidden characters', () => {
		expect(describeConstraint(DESCRIPTION_RULE)).toBe('at most 255 characters, without "<" or ">"');
	});
});

describe('integer', () => {
	const vni = sessionFields.virtualNetworkId.constraint;

	it('accepts the bounds, and numeric strings as numbers', () => {
		expect(accepts(vni, 0)).toBe(0);
		expect(accepts(vni, 16777215)).toBe(16777215);
		expect(accepts(vni, '42')).toBe(42);
	});

	it.each([-1, 16777216, 1.5, '1.5', '', ' ', 'abc', NaN, Infinity, true, null, undefined])('rejects %p', (value) =>
		rejects(vni, value),
	);

	// JavaScript's Number() reads all of these as whole numbers; none is one written in decimal.
	it.each(['0x10', '0X1F', '1e2', '1E3', '0b11', '0o17', '12.0', '1_000', '+5', '-0', '007', '1 2', '12abc', '１２', '٤٢', 'Infinity'])(
		'rejects %j, which is not a whole number written in decimal digits',
		(value) => rejects(vni, value),
	);

	it('takes surrounding whitespace (a pasted value, an expression with a line break) as the number inside it', () => {
		expect(accepts(vni, ' 12 ')).toBe(12);
		expect(accepts(vni, '\t7\n')).toBe(7);
		expect(accepts(vni, '0')).toBe(0);
	});

	it('describes the range', () => {
		expect(describeConstraint(vni)).toBe('an integer from 0 to 16777215');
	});
});

describe('boolean', () => {
	const enabled = sessionFields.enabled.constraint;

	it('accepts booleans and their strings, returning booleans', () => {
		expect(accepts(enabled, true)).toBe(true);
		expect(accepts(enabled, false)).toBe(false);
		expect(accepts(enabled, 'true')).toBe(true);
		expect(accepts(enabled, 'false')).toBe(false);
	});

	it.each(['yes', 1, 0, '', null])('rejects %p', (value) => rejects(enabled, value));
});

describe('choice', () => {
	const targetType = sessionFields.trafficMirrorTargetType.constraint;

	it('accepts the listed values only, case-sensitively unless told otherwise', () => {
		expect(accepts(targetType, 'eni')).toBe('eni');
		expect(accepts(targetType, 'elb')).toBe('elb');
		rejects(targetType, 'ELB');
		rejects(targetType, 'eip');
		rejects(targetType, '');
		expect(accepts({ kind: 'choice', values: ['ingress'], caseInsensitive: true }, 'INGRESS')).toBe('ingress');
	});

	it('lists the values', () => {
		expect(describeConstraint(targetType)).toBe('one of "eni", "elb"');
	});
});

describe('id', () => {
	const id: Constraint = { kind: 'id' };

	it('accepts a UUID, trimmed', () => {
		expect(accepts(id, ` ${ID_A} `)).toBe(ID_A);
	});

	it.each(['../x', 'a?b', 'a#b', `${ID_A}\r\nX-Injected: 1`, `${ID_A.slice(0, 8)}\n${ID_A.slice(9)}`, `${ID_A}/..`, '', 'not-a-uuid', 123])(
		'rejects %j',
		(value) => rejects(id, value),
	);

	it('returns surrounding CR/LF trimmed away, so they never reach a URL', () => {
		expect(accepts(id, `${ID_A}\r\n`)).toBe(ID_A);
	});
});

describe('idList', () => {
	const sources = sessionFields.trafficMirrorSources.constraint;

	it('accepts a comma-separated string with spaces and a trailing comma', () => {
		expect(accepts(sources, ` ${ID_A} , ${ID_B},`)).toEqual([ID_A, ID_B]);
	});

	it('accepts an array', () => {
		expect(accepts(sources, [ID_A, ` ${ID_B}`])).toEqual([ID_A, ID_B]);
	});

	it('accepts 1 and 10 IDs, rejects 0 and 11', () => {
		expect(accepts(sources, ids(1))).toEqual(ids(1));
		expect(accepts(sources, ids(10).join(','))).toEqual(ids(10));
		rejects(sources, '');
		rejects(sources, []);
		rejects(sources, ids(11));
	});

	it('rejects an empty ID between two others, duplicates (any case), non-UUIDs and non-strings', () => {
		rejects(sources, `${ID_A},,${ID_B}`);
		rejects(sources, `${ID_A}, ${ID_A.toUpperCase()}`);
		rejects(sources, `${ID_A},../x`);
		rejects(sources, [ID_A, 7]);
		rejects(sources, { 0: ID_A });
	});

	it('describes the count and the forms', () => {
		expect(describeConstraint(sources)).toBe('1 to 10 distinct resource IDs (UUIDs), comma-separated or an array');
	});
});

describe('server and serverList (servers named by ECS instance ID or address)', () => {
	const servers = sourceSelectionFields.sourceServers.constraint;

	it.each([
		['192.168.0.11', '192.168.0.11'],
		['192.168.000.011', '192.168.0.11'],
		['2407:C080:11F0:A:0:0:0:11', '2407:c080:11f0:a::11'],
		['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
		['fe80::1:2:3:4:5:6', 'fe80:0:1:2:3:4:5:6'],
		['::', '::'],
		['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
	])('spells %s canonically as %s (RFC 5952 for IPv6)', (address, canonical) => {
		expect(canonicalIpAddress(address)).toBe(canonical);
	});

	it.each(['192.168.0.300', '192.168.0', '10.0.0.1/32', '2001:db8::1::2', 'web-01', ''])('rejects %j', (value) => {
		expect(canonicalIpAddress(value)).toBeUndefined();
		rejects({ kind: 'server' }, value);
	});

	it('takes instance IDs and addresses mixed, 1 to 10, each once in any spelling', () => {
		expect(accepts(servers, ` ${ID_A}, FD00::1 ,`)).toEqual([ID_A, 'fd00::1']);
		expect(accepts(servers, ['10.0.0.1'])).toEqual(['10.0.0.1']);
		rejects(servers, 'fd00::1, FD00:0::1');
		rejects(servers, `${ID_A}, ${ID_A.toUpperCase()}`);
		rejects(servers, Array.from({ length: 11 }, (_, index) => `10.0.0.${index}`));
		rejects(servers, '10.0.0.1,,10.0.0.2');
		rejects(servers, []);
	});

	it('describes the count and the forms', () => {
		expect(describeConstraint(servers)).toBe(
			'1 to 10 distinct ECS instance IDs (UUIDs) or private IPv4 or IPv6 addresses, comma-separated or an array',
		);
	});
});

describe('cidr and portRange (filter rules)', () => {
	it('accepts IPv4 and IPv6 blocks, rejects malformed ones', () => {
		expect(accepts({ kind: 'cidr' }, '192.168.0.0/24')).toBe('192.168.0.0/24');
		expect(accepts({ kind: 'cidr' }, '2001:db8::/32')).toBe('2001:db8::/32');
		expect(accepts({ kind: 'cidr' }, '::ffff:10.0.0.1/128')).toBe('::ffff:10.0.0.1/128');
		for (const bad of ['192.168.0.0', '192.168.0.256/24', '10.0.0.0/33', '2001:db8::/129', '1::2::3/64', 'x/1']) {
			rejects({ kind: 'cidr' }, bad);
		}
	});

	// Lookalikes that some parsers read differently (a leading 0 is octal to inet_aton: 010 is 8) or not at all.
	it.each([
		'010.0.0.0/8',
		'10.01.0.0/16',
		'10.0.0.00/24',
		'10.0.0.0/08',
		'10.0.0.0/+8',
		'::ffff:010.0.0.1/128',
		'10.0.0.0/８',
		'１0.0.0.0/8',
		'fe80::1%eth0/64',
		'0x0a.0.0.0/8',
		'10.0.0/8',
		'10.0.0.0.0/8',
		'10.0.0.0/8/8',
		'2001:db8::/032',
		'2001:db8:::/32',
		':2001:db8::/32',
		'2001:db8:0:0:0:0:0:0:1/64',
	])('rejects the lookalike %j', (value) => rejects({ kind: 'cidr' }, value));

	it('accepts 0 as an octet and as a prefix, and trims surrounding whitespace', () => {
		expect(accepts({ kind: 'cidr' }, '0.0.0.0/0')).toBe('0.0.0.0/0');
		expect(accepts({ kind: 'cidr' }, '::/0')).toBe('::/0');
		expect(accepts({ kind: 'cidr' }, ' 192.168.0.0/24 ')).toBe('192.168.0.0/24');
		expect(accepts({ kind: 'cidr' }, '10.0.0.0/8')).toBe('10.0.0.0/8');
	});

	it('accepts low-high within 1–65535, rejects reversed or out-of-range ranges', () => {
		expect(accepts({ kind: 'portRange' }, '80-200')).toBe('80-200');
		expect(accepts({ kind: 'portRange' }, '1-65535')).toBe('1-65535');
		for (const bad of ['0-10', '10-65536', '200-80', '80', '80-', '080-200', '80-0200', '+80-200', '80 - 200', '８0-200']) {
			rejects({ kind: 'portRange' }, bad);
		}
	});
});
