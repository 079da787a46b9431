/**
 * `npm run mutants`: breaks the node on purpose, one named mutation at a time, and runs the tests that should catch
 * it. Each mutation is applied to a scratch copy of the repository (the checkout itself is never changed), which is
 * first type-checked (a mutant that does not compile proves nothing) and then tested; a mutant is killed when a test
 * fails, and survives when every test passes. The tests are first run once unmutated, so that a failure is the
 * mutation's doing.
 *
 *   npm run mutants                       every mutation
 *   npm run mutants -- max-retries-zero   only the ones named
 *   npm run mutants -- --list             the mutations and the tests each one runs
 *
 * Exits 1 when a mutant survives, or a mutation no longer matches the source it breaks (the code moved on: update
 * the mutation). Needs no build, no n8n and no network.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const REPO_ROOT = join(__dirname, '..');
const SKIPPED = new Set(['node_modules', '.git', 'dist', 'coverage']);

interface Mutation {
	name: string;
	/** What the node then gets wrong. */
	breaks: string;
	file: string;
	/** Text that occurs exactly once in the file, and what it becomes. */
	find: string;
	replace: string;
	/** The test files that should catch it. */
	tests: string[];
}

const SIGNER = 'credentials/common/huaweiCloud/signer.ts';
const REQUEST = 'nodes/HuaweiCloudVpc/transport/request.ts';
const PAGINATE = 'nodes/HuaweiCloudVpc/transport/paginate.ts';
const CREATE = 'nodes/HuaweiCloudVpc/actions/create.ts';
const MIRROR_PLAN = 'nodes/HuaweiCloudVpc/actions/trafficMirrorSession/mirrorPlan.ts';
const MIRROR_SERVER = 'nodes/HuaweiCloudVpc/actions/trafficMirrorSession/mirrorServer.operation.ts';

const MUTATIONS: Mutation[] = [
	{
		name: 'signer-uri-no-trailing-slash',
		breaks: 'the canonical URI loses the trailing slash that the signing algorithm of Huawei Cloud\'s API Request Signing Guide appends',
		file: SIGNER,
		find: "return encoded.endsWith('/') ? encoded : `${encoded}/`;",
		replace: 'return encoded;',
		// Receivers only, no signer test: the emulator and the signature server must refuse it on their own.
		tests: ['test/node/session-get.test.ts', 'test/credentials/credential-test.test.ts'],
	},
	{
		name: 'signer-headers-unsorted',
		breaks: 'the canonical headers keep the order they were given in instead of sorting',
		file: SIGNER,
		find: '.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));',
		replace: ';',
		tests: ['test/node/session-get.test.ts', 'test/credentials/credential-test.test.ts'],
	},
	{
		name: 'signer-query-values-unsorted',
		breaks: 'the values of a repeated query key are not sorted',
		file: SIGNER,
		find: '.map(String).sort();',
		replace: '.map(String);',
		tests: ['test/signer/vectors.test.ts', 'test/signer/sdk-differential.test.ts'],
	},
	{
		name: 'max-retries-zero',
		breaks: 'nothing is ever retried, whatever Max Retries says',
		file: REQUEST,
		find: 'retry <= policy.maxRetries',
		replace: 'retry <= 0',
		tests: ['test/reliability/faults.test.ts'],
	},
	{
		name: 'retry-time-cap-removed',
		breaks: 'retries may go on for hours instead of stopping two minutes after the first attempt',
		file: REQUEST,
		find: 'deadline = request.deadline ?? firstSentAt + Math.max(RETRY_MAX_TOTAL_MS, policy.timeoutMs);',
		replace: 'deadline = request.deadline ?? firstSentAt + Math.max(RETRY_MAX_TOTAL_MS, policy.timeoutMs) * 1000;',
		tests: ['test/transport/request.test.ts'],
	},
	{
		name: 'post-resent-blindly',
		breaks: 'a create that may have been processed is sent again without looking for what it made',
		file: REQUEST,
		find: "if (idempotent || failure.processed === 'no') {",
		replace: 'if (idempotent || failure.processed !== undefined) {',
		tests: ['test/reliability/faults.test.ts', 'test/transport/request.test.ts'],
	},
	{
		name: 'throttling-not-retried',
		breaks: 'a 429 is treated as a final refusal',
		file: 'nodes/HuaweiCloudVpc/transport/retry.ts',
		find: 'if (statusCode === 429) {',
		replace: 'if (statusCode === 4290) {',
		tests: ['test/reliability/faults.test.ts'],
	},
	{
		name: 'secrets-not-redacted',
		breaks: 'the secret key and the token a gateway echoes stay in the error',
		file: 'nodes/HuaweiCloudVpc/transport/redact.ts',
		find: 'return text.replace(secrets.pattern, REDACTED);',
		replace: 'return text;',
		tests: ['test/reliability/security.test.ts'],
	},
	{
		name: 'repeated-marker-guard-removed',
		breaks: 'a server that repeats a page marker keeps the listing going round',
		file: PAGINATE,
		find: 'if (seenMarkers.has(marker)) {',
		replace: 'if (seenMarkers.has(marker) && seenMarkers.size < 0) {',
		tests: ['test/transport/paginate.test.ts'],
	},
	{
		name: 'page-size-over-the-api-limit',
		breaks: 'Get Many asks for pages larger than the API allows (its reference gives `limit` as 0 to 2000)',
		file: PAGINATE,
		find: 'export const MAX_PAGE_SIZE = 2000;',
		replace: 'export const MAX_PAGE_SIZE = 2001;',
		tests: ['test/transport/paginate.test.ts'],
	},
	{
		name: 'ids-not-checked',
		breaks: 'a resource ID from an upstream item is put in the path without checking it is a UUID',
		file: 'nodes/HuaweiCloudVpc/fields/constraints.ts',
		find: "typeof value === 'string' && UUID.test(value.trim()) ? value.trim().toLowerCase() : fail()",
		replace: "typeof value === 'string' ? value.trim().toLowerCase() : fail()",
		tests: ['test/reliability/security.test.ts'],
	},
	{
		name: 'router-accepts-unknown-operation',
		breaks: 'an operation the node does not declare runs Get instead of failing',
		file: 'nodes/HuaweiCloudVpc/actions/router.ts',
		find: 'throw new NodeOperationError(this.getNode(), `The operation',
		replace: "return pickOperation.call(this, 'trafficMirrorSession', 'get');\n\t\t\tthrow new NodeOperationError(this.getNode(), `The operation",
		tests: ['test/actions/router.test.ts'],
	},
	{
		name: 'any-new-match-is-taken',
		breaks: 'a lost create takes a matching resource made before it was sent (the service\'s clock is not consulted)',
		file: CREATE,
		find: 'const isNew = since !== undefined && createdAt >= since;',
		replace: 'const isNew = true;',
		tests: ['test/reliability/create-recovery.test.ts'],
	},
	{
		name: 'near-miss-taken-as-nothing',
		breaks: 'a matching resource made just before the send is ignored, and the create sent again (a duplicate when clocks disagree)',
		file: CREATE,
		find: 'else if ((isNew && defaultsDiffer) || (nearMiss && mine)) doubts.push(found);',
		replace: 'else if ((isNew && defaultsDiffer) || (nearMiss && mine && false)) doubts.push(found);',
		tests: ['test/reliability/create-recovery.test.ts'],
	},
	{
		name: 'matched-on-name-only',
		breaks: 'a lost create takes a new resource of its name whatever else it carries (a twin\'s with another packet length)',
		file: CREATE,
		find: 'const mine = sameFields(data, expected);',
		replace: 'const mine = true;',
		tests: ['test/reliability/create-recovery.test.ts', 'test/actions/create-ledger.test.ts'],
	},
	{
		name: 'looks-at-once',
		breaks: 'two looks of one identity run at once, and both may claim one resource',
		file: CREATE,
		find: 'const previous = this.lookTurns.get(identity) ?? Promise.resolve();',
		replace: 'const previous = Promise.resolve();',
		tests: ['test/actions/create-ledger.test.ts'],
	},
	{
		name: 'delete-not-read-first',
		breaks: 'a delete whose first answer was lost reports deleted: true for an ID that never existed',
		file: 'nodes/HuaweiCloudVpc/actions/delete.ts',
		find: "await vpcApiRequest(transport, { method: 'GET', path: target.path, itemIndex });",
		replace: '',
		tests: ['test/node/session-delete.test.ts', 'test/faults/deletes.test.ts'],
	},
	{
		name: 'create-sent-while-looking',
		breaks: 'a create is sent while a lost create of its identity looks for what it made',
		file: CREATE,
		find: 'await this.until(identity, () => !this.looking.get(identity));',
		replace: '',
		tests: ['test/reliability/create-recovery.test.ts'],
	},
	{
		name: 'mirror-items-at-once',
		breaks: 'Mirror Server items run at once, each planning from the same list, so they make a session each',
		file: MIRROR_SERVER,
		find: 'export const exclusiveKey = oneAtATime;',
		replace: 'export const notExclusive = oneAtATime;',
		tests: ['test/node/session-mirror-server.test.ts'],
	},
	{
		name: 'mirror-room-ignored',
		breaks: 'Mirror Server never fills a session that has room: it creates a new one for every change',
		file: MIRROR_PLAN,
		find: 'if (room <= 0 || remaining.length === 0) continue;',
		replace: 'continue;',
		tests: ['test/actions/mirror-plan.test.ts', 'test/node/session-mirror-server.test.ts'],
	},
	{
		name: 'mirror-source-quota-unchecked',
		breaks: 'an interface already in as many sessions as its quota allows is sent anyway, for the service to refuse',
		file: MIRROR_PLAN,
		find: 'holding.length < quotas.sessionsPerSource) return;',
		replace: 'holding.length <= quotas.sessionsPerSource) return;',
		tests: ['test/actions/mirror-plan.test.ts', 'test/node/session-mirror-server.test.ts'],
	},
	{
		name: 'release-keeps-empty-sessions',
		breaks: 'Stop Mirroring Server leaves a session without sources instead of deleting it',
		file: MIRROR_PLAN,
		find: 'if (deleteEmpty && sources.length === held.length) plan.deletions.push({ session, sources });',
		replace: 'if (deleteEmpty && sources.length > held.length) plan.deletions.push({ session, sources });',
		tests: ['test/actions/mirror-plan.test.ts', 'test/node/session-mirror-server.test.ts'],
	},
	{
		name: 'display-name-lower-case',
		breaks: 'a parameter label in lower case, against n8n\'s Title Case rule',
		file: 'nodes/HuaweiCloudVpc/fields/session.fields.ts',
		find: "displayName: 'Packet Length',",
		replace: "displayName: 'packet length',",
		tests: ['test/node/description-lint.test.ts'],
	},
];

type Outcome = 'killed' | 'survived' | 'not applied' | 'does not compile' | 'no result';

interface Result {
	mutation: Mutation;
	outcome: Outcome;
	failed: number;
	total: number;
	failedFiles: string[];
	seconds: number;
}

function scratchCopy(): string {
	const scratch = mkdtempSync(join(tmpdir(), 'hwc-vpc-mutant-'));
	cpSync(REPO_ROOT, scratch, {
		recursive: true,
		filter: (source) => !SKIPPED.has(relative(REPO_ROOT, source).split('/')[0]),
	});
	symlinkSync(join(REPO_ROOT, 'node_modules'), join(scratch, 'node_modules'), 'dir');
	return scratch;
}

function compiles(scratch: string): boolean {
	const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
	return spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit'], { cwd: scratch }).status === 0;
}

interface JestReport {
	numFailedTests: number;
	numTotalTests: number;
	numRuntimeErrorTestSuites: number;
	testResults: Array<{ name: string; status: string }>;
}

function runTests(scratch: string, tests: string[]): JestReport | undefined {
	const report = join(scratch, 'jest-report.json');
	const jest = join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
	spawnSync(process.execPath, [jest, '--runTestsByPath', ...tests, '--json', '--outputFile', report], {
		cwd: scratch,
		stdio: 'ignore',
		timeout: 15 * 60_000,
	});
	try {
		return JSON.parse(readFileSync(report, 'utf8')) as JestReport;
	} catch {
		return undefined;
	}
}

/** Runs the tests in a scratch copy, with `mutation` applied when one is given. */
function trial(tests: string[], mutation?: Mutation): Omit<Result, 'mutation'> {
	const started = Date.now();
	const scratch = scratchCopy();
	const done = (outcome: Outcome, report?: JestReport) => ({
		outcome,
		failed: report ? report.numFailedTests + report.numRuntimeErrorTestSuites : 0,
		total: report?.numTotalTests ?? 0,
		failedFiles: (report?.testResults ?? []).filter((suite) => suite.status !== 'passed').map((suite) => relative(scratch, suite.name)),
		seconds: Math.round((Date.now() - started) / 1000),
	});
	try {
		if (mutation) {
			const path = join(scratch, mutation.file);
			const source = readFileSync(path, 'utf8');
			if (source.split(mutation.find).length !== 2) return done('not applied');
			writeFileSync(path, source.replace(mutation.find, mutation.replace));
			if (!compiles(scratch)) return done('does not compile');
		}
		const report = runTests(scratch, tests);
		if (!report) return done('no result');
		return done(report.numFailedTests + report.numRuntimeErrorTestSuites > 0 ? 'killed' : 'survived', report);
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
}

function main(args: string[]): number {
	if (args.includes('--list')) {
		for (const mutation of MUTATIONS) console.log(`${mutation.name}: ${mutation.breaks}\n  ${mutation.file}\n  tests: ${mutation.tests.join(' ')}`);
		return 0;
	}
	const unknown = args.filter((name) => !MUTATIONS.some((mutation) => mutation.name === name));
	if (unknown.length > 0) {
		console.error(`Unknown mutation(s): ${unknown.join(', ')}; npm run mutants -- --list names them.`);
		return 2;
	}
	const chosen = args.length === 0 ? MUTATIONS : MUTATIONS.filter((mutation) => args.includes(mutation.name));

	const allTests = [...new Set(chosen.flatMap((mutation) => mutation.tests))];
	console.log(`Unmutated: ${allTests.length} test files ...`);
	const control = trial(allTests);
	if (control.outcome !== 'survived') {
		console.error(`The tests fail without any mutation (${control.failedFiles.join(', ') || control.outcome}): fix them first.`);
		return 1;
	}
	console.log(`Unmutated: all ${control.total} tests pass (${control.seconds} s).\n`);

	const results: Result[] = [];
	for (const mutation of chosen) {
		const result = { mutation, ...trial(mutation.tests, mutation) };
		results.push(result);
		const caughtBy = result.failedFiles.length > 0 ? `, failing: ${result.failedFiles.join(' ')}` : '';
		console.log(`${result.outcome.padEnd(16)} ${mutation.name} (${result.failed}/${result.total} tests failed, ${result.seconds} s${caughtBy})`);
	}

	console.log('\n| mutation | what breaks | result | tests failed | caught by |\n|---|---|---|---|---|');
	for (const { mutation, outcome, failed, total, failedFiles } of results) {
		console.log(`| ${mutation.name} | ${mutation.breaks} | ${outcome} | ${failed}/${total} | ${failedFiles.join(', ')} |`);
	}
	const killed = results.filter((result) => result.outcome === 'killed').length;
	console.log(`\n${killed} killed, ${results.length - killed} not killed, of ${results.length} mutations.`);
	return killed === results.length ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
