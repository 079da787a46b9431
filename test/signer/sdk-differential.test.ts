/**
 * Differential test: our signer against the official one, `AKSKSigner.sign` of @huaweicloud/huaweicloud-sdk-core
 * (devDependency only). A few hundred requests are generated from a seeded PRNG, so every run signs the same ones;
 * a failure prints the request's index and seed so it can be reproduced.
 *
 * Both sides sign the same inputs: the SDK takes `{ method, endpoint, queryParams, headers, data }`, parses
 * `endpoint` with the legacy `url.parse` and hashes `JSON.stringify(data)`; our signer takes the full URL (parsed
 * with WHATWG `URL`), the query object and the exact body string, which here is that same `JSON.stringify(data)`.
 *
 * `AKSKSigner.sign` is pure (crypto, moment, url, lodash): no client is built and nothing is sent. As a guard, any
 * socket connection attempted during this file fails the test.
 */
import { createRequire } from 'node:module';
import { Socket } from 'node:net';
import { dirname } from 'node:path';
import { parse as legacyParse } from 'node:url';

import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import type { ICredential } from '@huaweicloud/huaweicloud-sdk-core/auth/ICredential';

import {
	formatSdkDate,
	signRequest,
	type QueryParameters,
} from '../../credentials/common/huaweiCloud/signer';
import { parseAuthorization } from '../../emulator/signature';
import { AK, ENDPOINT, PROJECT_ID, SK, VECTORS } from './vectors';

// The moment instance the SDK core resolves (not necessarily the same copy as a top-level `moment`): its clock is
// frozen for the requests whose date the SDK has to produce itself.
const coreDir = dirname(require.resolve('@huaweicloud/huaweicloud-sdk-core/package.json'));
const coreMoment = createRequire(`${coreDir}/`)('moment') as { now: () => number };

const credential = { getAk: () => AK, getSk: () => SK } as unknown as ICredential;
const keys = { accessKeyId: AK, secretAccessKey: SK };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type QueryScalar = string | number | boolean;

interface GeneratedRequest {
	index: number;
	method: string;
	/** Scheme, host and path, no query: the SDK's `endpoint` and our `url`. */
	url: string;
	query: Record<string, QueryScalar | QueryScalar[]>;
	headers: Record<string, string>;
	data?: Json;
	date: Date;
	/** true: the date goes to both signers as an `X-Sdk-Date` header; false: SDK clock frozen, our `signingDate`. */
	dateAsHeader: boolean;
}

const SEED = 0x5eed_2024;
const COUNT = 400;

/** mulberry32: small, fast, deterministic. */
function prng(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (n: number) => Math.floor(next() * n);
	const pick = <T>(items: readonly T[]): T => items[int(items.length)];
	const chance = (p: number) => next() < p;
	return { next, int, pick, chance };
}

type Random = ReturnType<typeof prng>;

const hex = (r: Random, n: number) => Array.from({ length: n }, () => '0123456789abcdef'[r.int(16)]).join('');
const uuid = (r: Random) => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-${r.pick(['8', '9', 'a', 'b'])}${hex(r, 3)}-${hex(r, 12)}`;

const ENDPOINTS = [
	ENDPOINT,
	'https://vpc.eu-west-101.myhuaweicloud.eu',
	'https://vpc.ap-southeast-1.myhuaweicloud.com',
	// A non-default port, which both signers keep in `host`. An explicit default port (`:443`) is left out on
	// purpose: `url.parse` keeps it in `host`, WHATWG `URL` drops it, so the two would sign different hosts.
	'http://127.0.0.1:8443',
];

const RESOURCES = ['traffic-mirror-sessions', 'traffic-mirror-filters', 'traffic-mirror-filter-rules', 'vpcs', 'ports'];
const ACTIONS = ['add-sources', 'remove-sources', 'tags', 'action'];
/**
 * Path segments that `url.parse` and WHATWG `URL` leave byte-identical: RFC 3986 unreserved characters, the
 * sub-delimiters other than `'`, `:`/`@`, and already percent-encoded octets (spaces, Chinese, `%2F`). Left out
 * because the parsers disagree: `'`, `^`, `|` (url.parse escapes them, URL does not), raw non-ASCII (URL encodes
 * it, url.parse does not) and `.`/`..` segments (URL resolves them). The test asserts the agreement per request.
 */
const SAFE_SEGMENTS = [
	'abc',
	'Name-With_Mixed.Case~1',
	'a!b$c&d(e)f*g+h,i;j=k',
	'user:pass@host',
	'with%20space',
	'%E9%95%9C%E5%83%8F',
	'slash%2Fencoded',
	'~tilde',
	'v1.2.3',
];

const QUERY_KEYS = [
	'name',
	'description',
	'limit',
	'marker',
	'id',
	'priority',
	'traffic_mirror_filter_id',
	'enterprise_project_id',
	'a key',
	'键',
	'k!*()',
	'k~._-',
	'Upper',
	'constructor',
	'toString',
];

const QUERY_VALUES = [
	'',
	'test session',
	'  leading and trailing  ',
	'镜像会话',
	'描述 with spaces',
	"reserved !'()*",
	'a&b=c?d#e/f',
	'plus+sign',
	'100%',
	'~tilde._-',
	'emoji 😀',
	'é',
	'line\nbreak',
	'tab\there',
];

function queryScalar(r: Random): QueryScalar {
	switch (r.int(5)) {
		case 0:
			return uuid(r);
		case 1:
			return r.int(2001);
		case 2:
			return r.chance(0.5);
		default:
			return r.pick(QUERY_VALUES);
	}
}

function jsonValue(r: Random, depth: number): Json {
	const kind = depth > 2 ? r.int(4) : r.int(6);
	switch (kind) {
		case 0:
			return r.pick(QUERY_VALUES);
		case 1:
			return r.int(100000) - 50000;
		case 2:
			return r.pick([true, false, null]);
		case 3:
			return uuid(r);
		case 4:
			return Array.from({ length: r.int(4) }, () => jsonValue(r, depth + 1));
		default: {
			const object: Record<string, Json> = {};
			for (let i = r.int(5); i > 0; i--) object[r.pick([...QUERY_KEYS, '名称', 'quote"key'])] = jsonValue(r, depth + 1);
			return object;
		}
	}
}

function generate(index: number, r: Random): GeneratedRequest {
	const method = r.pick(['GET', 'POST', 'PUT', 'DELETE']);
	const segments = ['v3', r.chance(0.8) ? PROJECT_ID : hex(r, 32), 'vpc', r.pick(RESOURCES)];
	if (r.chance(0.6)) segments.push(r.chance(0.7) ? uuid(r) : r.pick(SAFE_SEGMENTS));
	if (r.chance(0.3)) segments.push(r.chance(0.5) ? r.pick(ACTIONS) : r.pick(SAFE_SEGMENTS));
	const url = `${r.pick(ENDPOINTS)}/${segments.join('/')}${r.chance(0.1) ? '/' : ''}`;

	const query: GeneratedRequest['query'] = {};
	for (let i = r.chance(0.4) ? 0 : 1 + r.int(5); i > 0; i--) {
		query[r.pick(QUERY_KEYS)] = r.chance(0.25)
			? Array.from({ length: 1 + r.int(4) }, () => (r.chance(0.3) ? r.pick(['', 'b', 'a', 'B']) : queryScalar(r)))
			: queryScalar(r);
	}

	const headers: Record<string, string> = {};
	if (r.chance(0.9)) headers['Content-Type'] = 'application/json';
	if (r.chance(0.7)) headers['X-Project-Id'] = PROJECT_ID;
	if (r.chance(0.3)) headers['X-Security-Token'] = `STS-${hex(r, 40)}`;
	if (r.chance(0.05)) headers['X-Sdk-Content-Sha256'] = 'UNSIGNED-PAYLOAD';

	let data: Json | undefined;
	if ((method === 'POST' || method === 'PUT') && r.chance(0.85)) {
		data = { [r.pick(['traffic_mirror_session', 'traffic_mirror_filter', '镜像'])]: jsonValue(r, 0) };
	} else if (method === 'DELETE' && r.chance(0.1)) {
		data = { ids: [uuid(r), uuid(r)] };
	}

	// Whole seconds between 2020 and 2030.
	const date = new Date(Date.UTC(2020, 0, 1) + r.int(10 * 365 * 86400) * 1000);
	return { index, method, url, query, headers, data, date, dateAsHeader: r.chance(0.6) };
}

function generateAll(): GeneratedRequest[] {
	const r = prng(SEED);
	return Array.from({ length: COUNT }, (_, index) => generate(index, r));
}

/** Deep copy, so the SDK (which sorts query arrays in place) and our signer never share mutable input. */
const copy = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

function signWithSdk(request: GeneratedRequest): Record<string, string> {
	const headers = copy(request.headers);
	if (request.dateAsHeader) headers['X-Sdk-Date'] = formatSdkDate(request.date);
	const originalNow = coreMoment.now;
	coreMoment.now = () => request.date.getTime();
	try {
		return AKSKSigner.sign(
			{ method: request.method, endpoint: request.url, queryParams: copy(request.query), headers, data: copy(request.data) },
			credential,
		) as Record<string, string>;
	} finally {
		coreMoment.now = originalNow;
	}
}

function signWithOurs(request: GeneratedRequest) {
	const headers = copy(request.headers);
	if (request.dateAsHeader) headers['X-Sdk-Date'] = formatSdkDate(request.date);
	// A clock far from the request's date: when the date is a header, the header must win.
	const signingDate = request.dateAsHeader ? new Date('1999-12-31T23:59:59Z') : request.date;
	return signRequest(
		{
			method: request.method,
			url: request.url,
			query: copy(request.query) as QueryParameters,
			headers,
			body: request.data === undefined ? undefined : JSON.stringify(request.data),
		},
		keys,
		signingDate,
	);
}

const sortedJson = (headers: Record<string, string>) => JSON.stringify(Object.entries(headers).sort());

const lowerCased = (headers: Record<string, string>) =>
	Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

let connectSpy: jest.SpyInstance;
beforeAll(() => {
	connectSpy = jest.spyOn(Socket.prototype, 'connect').mockImplementation(() => {
		throw new Error('the signer tests must not open a connection');
	});
});
afterAll(() => {
	expect(connectSpy).not.toHaveBeenCalled();
	connectSpy.mockRestore();
});

describe('official SDK signer reproduces the test vectors', () => {
	it.each(VECTORS)('$name', ({ input, expected }) => {
		const headers: Record<string, string> = { ...input.headers };
		const originalNow = coreMoment.now;
		coreMoment.now = () => input.date.getTime();
		try {
			const signed = AKSKSigner.sign(
				{
					method: input.method,
					endpoint: input.url,
					queryParams: input.query,
					headers,
					data: input.body === undefined ? undefined : JSON.parse(input.body),
				},
				credential,
			) as Record<string, string>;
			expect(signed.Authorization).toBe(expected.authorization);
		} finally {
			coreMoment.now = originalNow;
		}
	});
});

describe(`differential: signRequest vs AKSKSigner.sign (${COUNT} requests, seed ${SEED})`, () => {
	const requests = generateAll();

	it('the generated requests cover the cases they should', () => {
		const has = (predicate: (request: GeneratedRequest) => boolean) => requests.filter(predicate).length;
		for (const method of ['GET', 'POST', 'PUT', 'DELETE']) expect(has((q) => q.method === method)).toBeGreaterThan(50);
		expect(has((q) => Object.values(q.query).some(Array.isArray))).toBeGreaterThan(20);
		expect(has((q) => Object.values(q.query).flat().includes(''))).toBeGreaterThan(20);
		expect(has((q) => Object.values(q.query).flat().some((v) => /[\u4e00-\u9fff]/.test(String(v))))).toBeGreaterThan(20);
		expect(has((q) => Object.values(q.query).flat().some((v) => / /.test(String(v))))).toBeGreaterThan(20);
		expect(
			has((q) => Object.entries(q.query).flat(2).some((v) => /[!'()*]/.test(String(v)))),
		).toBeGreaterThan(20);
		expect(has((q) => Object.keys(q.query).some((key) => key === 'constructor' || key === 'toString'))).toBeGreaterThan(20);
		expect(has((q) => q.data !== undefined && /[\u4e00-\u9fff]/.test(JSON.stringify(q.data)))).toBeGreaterThan(20);
		expect(has((q) => q.data === undefined)).toBeGreaterThan(50);
		expect(has((q) => 'X-Security-Token' in q.headers)).toBeGreaterThan(50);
		expect(has((q) => !('X-Security-Token' in q.headers))).toBeGreaterThan(50);
		expect(has((q) => 'X-Project-Id' in q.headers)).toBeGreaterThan(50);
		expect(has((q) => !('X-Project-Id' in q.headers))).toBeGreaterThan(50);
		expect(has((q) => q.dateAsHeader)).toBeGreaterThan(50);
		expect(has((q) => !q.dateAsHeader)).toBeGreaterThan(50);
	});

	it('every generated URL has the same host and path under url.parse and WHATWG URL', () => {
		for (const request of requests) {
			const legacy = legacyParse(request.url, true);
			const whatwg = new URL(request.url);
			expect({ index: request.index, host: legacy.host, path: legacy.pathname }).toEqual({
				index: request.index,
				host: whatwg.host,
				path: whatwg.pathname,
			});
		}
	});

	it('every request: the same headers sent, every one of them signed, the same Authorization', () => {
		const mismatches = requests.flatMap((request) => {
			const sdk = lowerCased(signWithSdk(request));
			const ours = lowerCased(signWithOurs(request).headers);
			const signed = parseAuthorization(ours.authorization)?.signedHeaders;
			const sent = Object.keys(ours).filter((name) => name !== 'authorization').sort();
			const same = sortedJson(ours) === sortedJson(sdk) && JSON.stringify(sent) === JSON.stringify(signed);
			return same ? [] : [{ index: request.index, method: request.method, url: request.url, sdk, ours }];
		});
		// A mismatch names the request's index in the seeded sequence, so it can be reproduced on its own.
		expect(mismatches).toEqual([]);
	});
});
