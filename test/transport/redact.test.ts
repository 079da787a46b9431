/**
 * transport/redact.ts on its own: every spelling of a secret an answer can carry, written by real encoders
 * (JSON.stringify, encodeURIComponent, URLSearchParams) or by hand as other encoders write them, is found and
 * redacted, in text and deep in parsed JSON, and nothing else changes.
 */
import { mayContain, redactDeep, redactText, secretsOf } from '../../nodes/HuaweiCloudVpc/transport/redact';

/** A security token as Huawei's STS issues them: long base64, with `/`, `+` and `=`. */
const TOKEN = 'gQpjbi1ub3J0aC00/Ty+Vh3bW1hbmQiOnsi/cmVn+aW9u==';
const SECRET_KEY = 'Qv7RkJ2mN8xT4pL6wZ1yB3cD5fG9hK0sA2eU4iO6';
const ACCESS_KEY = 'HPUAL7TXLBFDKMGNQ2WE';
const secrets = secretsOf({ accessKeyId: ACCESS_KEY, secretAccessKey: ` ${SECRET_KEY}\n`, securityToken: `${TOKEN} ` });

const hex = (char: string) => char.charCodeAt(0).toString(16).padStart(4, '0');
/** Each spelling of `secret`, named. */
const spellings = (secret: string): Array<[string, string]> => [
	['raw', secret],
	['JSON.stringify', JSON.stringify(secret).slice(1, -1)],
	['JSON with \\/', secret.replace(/\//g, '\\/')],
	['JSON with \\u00XX, lower case', secret.replace(/[^A-Za-z0-9]/g, (char) => `\\u${hex(char)}`)],
	['JSON with \\u00XX, upper case', secret.replace(/[^A-Za-z0-9]/g, (char) => `\\u${hex(char).toUpperCase()}`)],
	['JSON with only some characters escaped', secret.replace(/\//g, '\\/').replace(/\+/g, '\\u002b')],
	['JSON in a JSON string', JSON.stringify(secret.replace(/\//g, '\\/')).slice(1, -1)],
	['encodeURIComponent', encodeURIComponent(secret)],
	['URL-encoded, lower-case hex', encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())],
	['URLSearchParams (form encoding)', new URLSearchParams({ t: secret }).toString().slice(2)],
	['URL-encoded twice', encodeURIComponent(encodeURIComponent(secret))],
];

describe('the secrets of a credential', () => {
	test('the secret key and the token, trimmed; not the access key ID; none when they are empty', () => {
		expect(redactText(`${ACCESS_KEY} ${SECRET_KEY} ${TOKEN}`, secrets)).toBe(`${ACCESS_KEY} [redacted] [redacted]`);
		const none = secretsOf({ accessKeyId: ACCESS_KEY, secretAccessKey: '  ', securityToken: '' });
		expect(none.pattern).toBeUndefined();
		expect(redactText(`${ACCESS_KEY} ${TOKEN}`, none)).toBe(`${ACCESS_KEY} ${TOKEN}`);
		expect(redactText(TOKEN, secretsOf(undefined))).toBe(TOKEN);
	});

	test('a secret that begins another one does not leave the longer one\'s rest', () => {
		const nested = secretsOf({ secretAccessKey: SECRET_KEY, securityToken: `${SECRET_KEY}/${TOKEN}` });
		expect(redactText(`token: ${SECRET_KEY}/${TOKEN}.`, nested)).toBe('token: [redacted].');
	});
});

describe.each([
	['a token with "/", "+" and "="', TOKEN],
	['a secret with "<", ">", "&", "\'", quotes, spaces and more', `Ab<c>d&e'f"g h!i(j)k*l~m\\n.o-p_q:r;s@t é€😀`],
])('every spelling of %s', (_, secret) => {
	const own = secretsOf({ secretAccessKey: secret });

	test.each(spellings(secret))('%s, in text', (__, spelling) => {
		const text = `{"error_msg":"canonicalRequest: GET|/v3|x-security-token:${spelling}|, SignedHeaders: x"}`;
		expect(mayContain(text, own)).toBe(true);
		expect(redactText(text, own)).toBe('{"error_msg":"canonicalRequest: GET|/v3|x-security-token:[redacted]|, SignedHeaders: x"}');
	});

	test.each(spellings(secret))('%s, deep in parsed JSON, keys included', (__, spelling) => {
		const parsed = {
			error_msg: `token ${spelling} refused`,
			nested: [{ [`key-${spelling}`]: [spelling, 42, true, null] }],
			request_id: 'r-1',
		};
		expect(redactDeep(parsed, own)).toEqual({
			error_msg: 'token [redacted] refused',
			nested: [{ 'key-[redacted]': ['[redacted]', 42, true, null] }],
			request_id: 'r-1',
		});
		expect(parsed.nested[0][`key-${spelling}`]).toEqual([spelling, 42, true, null]);
	});
});

test('the spellings are spellings: all but the first two differ from the token as it is', () => {
	expect(new Set(spellings(TOKEN).slice(2).map(([, spelling]) => spelling)).has(TOKEN)).toBe(false);
});

describe('nothing else changes', () => {
	const clean = {
		error_code: 'APIGW.0301',
		error_msg: 'Incorrect IAM authentication information: verify aksk signature fail, a/b+c=d %2F \\/ \\u002f',
		// One character off, cut short, or in another case: not the secret.
		near: [TOKEN.replace('Ty', 'Tz'), TOKEN.slice(0, -3), TOKEN.toLowerCase(), SECRET_KEY.slice(1)],
		count: 3,
		ok: false,
		none: null,
	};

	test('text without a secret is returned as it is, and may be told apart cheaply', () => {
		const text = JSON.stringify(clean);
		expect(redactText(text, secrets)).toBe(text);
		expect(mayContain(JSON.stringify({ error_msg: 'Service unavailable' }), secrets)).toBe(false);
	});

	test('a body that spells even letters and digits as \\uXXXX may hold a secret, and does once parsed', () => {
		const body = `{"error_msg":"${Array.from(TOKEN, (char) => `\\u${hex(char)}`).join('')}"}`;
		expect(body).not.toContain('Ty');
		expect(mayContain(body, secrets)).toBe(true);
		expect(redactDeep(JSON.parse(body) as unknown, secrets)).toEqual({ error_msg: '[redacted]' });
		expect(mayContain(body, secretsOf({}))).toBe(false);
	});

	test('parsed JSON without a secret is copied as it is', () => {
		const copy = redactDeep(clean, secrets);
		expect(copy).toEqual(clean);
		expect(copy).not.toBe(clean);
		expect(redactDeep('plain', secrets)).toBe('plain');
		expect(redactDeep(7, secrets)).toBe(7);
	});

	test('a "__proto__" key stays a key', () => {
		const parsed = JSON.parse(`{"__proto__":{"polluted":"${TOKEN}"}}`) as Record<string, unknown>;
		const copy = redactDeep(parsed, secrets);
		expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
		expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toEqual({ polluted: '[redacted]' });
	});

	test('an answer nested deeper than the call stack is redacted, not a crash', () => {
		const depth = 100_000;
		const parsed = JSON.parse(`${'['.repeat(depth)}"${TOKEN}"${']'.repeat(depth)}`) as unknown;
		let inner = redactDeep(parsed, secrets);
		for (let level = 0; level < depth; level++) inner = (inner as unknown[])[0];
		expect(inner).toBe('[redacted]');
	});
});
