/**
 * `npm run emulator` (= `tsx emulator/cli.ts`): runs the emulator until SIGINT/SIGTERM.
 * Every flag has an environment variable; a flag wins over its variable. `--help` lists them.
 */
import { parseArgs } from 'node:util';

import { EMULATOR_DEFAULTS } from './defaults';
import { parseFaultSettings } from './faults';
import { EmulatorOptions, FaultSettings } from './options';
import { startEmulator } from './server';

type Kind = 'string' | 'integer' | 'number' | 'boolean' | 'list' | 'json';

/** What a flag fills: a start option, or one of the fault settings (checked by parseFaultSettings). */
type Target = { option: Exclude<keyof EmulatorOptions, 'faults' | 'clock'> } | { fault: keyof FaultSettings };

/** flag → [environment variable, kind, help, what it fills]. */
const FLAGS: Record<string, [string, Kind, string, Target]> = {
	host: ['HWC_EMULATOR_HOST', 'string', `interface to listen on (default ${EMULATOR_DEFAULTS.host})`, { option: 'host' }],
	port: ['HWC_EMULATOR_PORT', 'integer', `port, 0 = any free port (default ${EMULATOR_DEFAULTS.port})`, { option: 'port' }],
	ak: ['HWC_EMULATOR_AK', 'string', 'access key id accepted', { option: 'accessKeyId' }],
	sk: ['HWC_EMULATOR_SK', 'string', 'secret access key accepted', { option: 'secretAccessKey' }],
	token: ['HWC_EMULATOR_SECURITY_TOKEN', 'string', 'require this X-Security-Token (temporary credentials)', { option: 'securityToken' }],
	project: ['HWC_EMULATOR_PROJECT_ID', 'string', 'project id accepted in paths', { option: 'projectId' }],
	'ak-lockout': ['HWC_EMULATOR_AK_LOCKOUT', 'boolean', 'lock an AK for 5 min after 5 consecutive auth failures (default true; HWC_EMULATOR_AK_LOCKOUT=false turns it off)', { option: 'akLockout' }],
	'enabled-default': ['HWC_EMULATOR_ENABLED_DEFAULT', 'boolean', '`enabled` of sessions created without it (default false)', { option: 'sessionEnabledDefault' }],
	'rate-limit': ['HWC_EMULATOR_RATE_LIMIT', 'integer', 'requests per second before 429 APIGW.0308 (0 = off)', { fault: 'rateLimit' }],
	'retry-after': ['HWC_EMULATOR_RETRY_AFTER', 'integer', 'seconds sent as Retry-After on 429 (0 = no header)', { fault: 'retryAfterSeconds' }],
	'error-rate': ['HWC_EMULATOR_ERROR_RATE', 'number', 'share 0-1 of requests answered with an error status', { fault: 'errorRate' }],
	'error-statuses': ['HWC_EMULATOR_ERROR_STATUSES', 'list', 'comma-separated statuses (default 500,502,503,504)', { fault: 'errorStatuses' }],
	'error-when': ['HWC_EMULATOR_ERROR_WHEN', 'string', 'before | after | random: before or after the operation ran', { fault: 'errorWhen' }],
	latency: ['HWC_EMULATOR_LATENCY_MS', 'integer', 'milliseconds added to every request', { fault: 'latencyMs' }],
	'drop-rate': ['HWC_EMULATOR_DROP_RATE', 'number', 'share 0-1 of connections destroyed without answer', { fault: 'dropRate' }],
	'drop-when': ['HWC_EMULATOR_DROP_WHEN', 'string', 'before | after | random', { fault: 'dropWhen' }],
	'malformed-rate': ['HWC_EMULATOR_MALFORMED_RATE', 'number', 'share 0-1 of answers with a malformed body', { fault: 'malformedRate' }],
	'malformed-kind': ['HWC_EMULATOR_MALFORMED_KIND', 'string', 'truncated (cut JSON) | html (502 HTML page)', { fault: 'malformedKind' }],
	seed: ['HWC_EMULATOR_SEED', 'integer', 'seed of the random faults', { fault: 'seed' }],
	script: ['HWC_EMULATOR_SCRIPT', 'json', 'JSON list of faults for the next requests, e.g. \'[{"status":503,"when":"after"}]\'', { fault: 'script' }],
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
	const settings: Record<string, unknown> = {};
	const faults: Record<string, unknown> = {};
	for (const [flag, [variable, kind, , target]] of Object.entries(FLAGS)) {
		const given = (values as Record<string, string | boolean | undefined>)[flag] ?? process.env[variable];
		if (given === undefined || given === '') continue;
		const value = typeof given === 'boolean' ? given : convert(flag, kind, given);
		if ('fault' in target) faults[target.fault] = value;
		else settings[target.option] = value;
	}
	// Each value was converted to its flag's kind, which is the type of the option it fills.
	return { ...(settings as Partial<EmulatorOptions>), faults: parseFaultSettings(faults) };
}

async function main(): Promise<void> {
	const emulator = await startEmulator(readSettings(process.argv.slice(2)));
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
