/**
 * `npm run emulator` (= `tsx emulator/cli.ts`): runs the emulator until SIGINT/SIGTERM.
 * Every flag has an environment variable; a flag wins over its variable. `--help` lists them.
 */
import { parseArgs } from 'node:util';

import { EMULATOR_DEFAULTS } from './defaults';
import { parseFaultSettings } from './faults';
import { EmulatorOptions } from './options';
import { startEmulator } from './server';

type Kind = 'string' | 'integer' | 'number' | 'boolean' | 'list' | 'json';

/** flag → [environment variable, kind, help]. */
const FLAGS: Record<string, [string, Kind, string]> = {
	host: ['HWC_EMULATOR_HOST', 'string', `interface to listen on (default ${EMULATOR_DEFAULTS.host})`],
	port: ['HWC_EMULATOR_PORT', 'integer', `port, 0 = any free port (default ${EMULATOR_DEFAULTS.port})`],
	ak: ['HWC_EMULATOR_AK', 'string', 'access key id accepted'],
	sk: ['HWC_EMULATOR_SK', 'string', 'secret access key accepted'],
	token: ['HWC_EMULATOR_SECURITY_TOKEN', 'string', 'require this X-Security-Token (temporary credentials)'],
	project: ['HWC_EMULATOR_PROJECT_ID', 'string', 'project id accepted in paths'],
	'ak-lockout': ['HWC_EMULATOR_AK_LOCKOUT', 'boolean', 'lock an AK for 5 min after 5 consecutive auth failures'],
	'enabled-default': ['HWC_EMULATOR_ENABLED_DEFAULT', 'boolean', '`enabled` of sessions created without it (default false)'],
	'rate-limit': ['HWC_EMULATOR_RATE_LIMIT', 'integer', 'requests per second before 429 APIGW.0308 (0 = off)'],
	'retry-after': ['HWC_EMULATOR_RETRY_AFTER', 'integer', 'seconds sent as Retry-After on 429 (0 = no header)'],
	'error-rate': ['HWC_EMULATOR_ERROR_RATE', 'number', 'share 0-1 of requests answered with an error status'],
	'error-statuses': ['HWC_EMULATOR_ERROR_STATUSES', 'list', 'comma-separated statuses (default 500,502,503,504)'],
	'error-when': ['HWC_EMULATOR_ERROR_WHEN', 'string', 'before | after | random: before or after the operation ran'],
	latency: ['HWC_EMULATOR_LATENCY_MS', 'integer', 'milliseconds added to every request'],
	'drop-rate': ['HWC_EMULATOR_DROP_RATE', 'number', 'share 0-1 of connections destroyed without answer'],
	'drop-when': ['HWC_EMULATOR_DROP_WHEN', 'string', 'before | after | random'],
	'malformed-rate': ['HWC_EMULATOR_MALFORMED_RATE', 'number', 'share 0-1 of answers with a malformed body'],
	'malformed-kind': ['HWC_EMULATOR_MALFORMED_KIND', 'string', 'truncated (cut JSON) | html (502 HTML page)'],
	seed: ['HWC_EMULATOR_SEED', 'integer', 'seed of the random faults'],
	script: ['HWC_EMULATOR_SCRIPT', 'json', 'JSON list of faults for the next requests, e.g. \'[{"status":503,"when":"after"}]\''],
};

/** CLI flag → the fault setting it fills. */
const FAULT_FLAGS: Record<string, string> = {
	'rate-limit': 'rateLimit',
	'retry-after': 'retryAfterSeconds',
	'error-rate': 'errorRate',
	'error-statuses': 'errorStatuses',
	'error-when': 'errorWhen',
	latency: 'latencyMs',
	'drop-rate': 'dropRate',
	'drop-when': 'dropWhen',
	'malformed-rate': 'malformedRate',
	'malformed-kind': 'malformedKind',
	seed: 'seed',
	script: 'script',
};

function convert(flag: string, kind: Kind, text: string): unknown {
	const fail = (what: string) => new Error(`--${flag} (${FLAGS[flag][0]}) must be ${what}, got "${text}".`);
	switch (kind) {
		case 'integer':
			if (!/^\d+$/.test(text)) throw fail('a whole number');
			return Number(text);
		case 'number':
			if (text.trim() === '' || Number.isNaN(Number(text))) throw fail('a number');
			return Number(text);
		case 'boolean':
			if (!['true', 'false', '1', '0'].includes(text)) throw fail('true or false');
			return text === 'true' || text === '1';
		case 'list':
			return text.split(',').map((item) => convert(flag, 'integer', item.trim()));
		case 'json':
			try {
				return JSON.parse(text);
			} catch {
				throw fail('JSON');
			}
		default:
			return text;
	}
}

function usage(): string {
	const lines = Object.entries(FLAGS).map(([flag, [variable, , help]]) => `  --${flag.padEnd(16)} ${variable.padEnd(30)} ${help}`);
	return ['Usage: npm run emulator -- [flags]', '  flag               environment variable', ...lines].join('\n');
}

function readSettings(argv: string[]): Partial<EmulatorOptions> {
	const { values } = parseArgs({
		args: argv,
		options: {
			help: { type: 'boolean' },
			...Object.fromEntries(
				Object.entries(FLAGS).map(([flag, [, kind]]) => [flag, { type: kind === 'boolean' ? ('boolean' as const) : ('string' as const) }]),
			),
		},
		strict: true,
	});
	if (values.help) {
		console.log(usage());
		process.exit(0);
	}
	const given: Record<string, unknown> = {};
	for (const [flag, [variable, kind]] of Object.entries(FLAGS)) {
		const value = (values as Record<string, string | boolean | undefined>)[flag] ?? process.env[variable];
		if (typeof value === 'boolean') given[flag] = value;
		else if (value !== undefined && value !== '') given[flag] = convert(flag, kind, value);
	}
	const faults: Record<string, unknown> = {};
	for (const [flag, setting] of Object.entries(FAULT_FLAGS)) if (flag in given) faults[setting] = given[flag];
	return {
		host: given.host as string | undefined,
		port: given.port as number | undefined,
		accessKeyId: given.ak as string | undefined,
		secretAccessKey: given.sk as string | undefined,
		securityToken: given.token as string | undefined,
		projectId: given.project as string | undefined,
		akLockout: given['ak-lockout'] as boolean | undefined,
		sessionEnabledDefault: given['enabled-default'] as boolean | undefined,
		faults: parseFaultSettings(faults),
	};
}

async function main(): Promise<void> {
	const settings = readSettings(process.argv.slice(2));
	const defined = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
	const emulator = await startEmulator(defined);
	const { accessKeyId, secretAccessKey, projectId, securityToken } = emulator.options;
	console.log(
		`Huawei Cloud VPC emulator listening on ${emulator.url} — AK ${accessKeyId}, SK ${secretAccessKey}, project ID ${projectId}` +
			(securityToken ? `, security token ${securityToken}` : ''),
	);
	const stop = (signal: string) => {
		console.log(`${signal}: stopping the emulator.`);
		emulator.close().then(
			() => process.exit(0),
			(error: unknown) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.once('SIGINT', () => stop('SIGINT'));
	process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
