/**
 * scripts/ensure-n8n.sh calls a cached n8n ready only when it runs. These tests break a copy of the real cached n8n
 * the way an older script or an interrupted build left it (sqlite3 never built, under the npm settings `npm run`
 * hands down), or the way a deletion cut short leaves it (a package gone), and check that the script notices, and
 * repairs or reinstalls the copy rather than reusing it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import { ensureN8n, REPO_ROOT } from '../../scripts/n8n/install';
import { PREPARE_TIMEOUT_MS } from '../e2e/setup';

const SCRIPT = join(REPO_ROOT, 'scripts', 'ensure-n8n.sh');
// What `npm run demo` or `npm test` hands the script from the project's .npmrc.
const UNDER_NPM_RUN = { npm_config_ignore_scripts: 'true' };

let realRoot: string;
let cacheDir: string;
let brokenRoot: string;

function ensure(args: string[]) {
	return spawnSync('bash', [SCRIPT, ...args], {
		encoding: 'utf8',
		env: { ...process.env, ...UNDER_NPM_RUN, N8N_CACHE_DIR: cacheDir },
	});
}

/** What the script writes in `.installed` once n8n is ready: its recipe line, and node_modules' entries counted. */
const markerFor = (root: string, recipeLine: string) =>
	`${recipeLine}\nentries=${execFileSync('find', [join(root, 'node_modules')], { encoding: 'utf8', maxBuffer: 1 << 28 }).split('\n').filter(Boolean).length}\n`;
const recipeLineOf = (root: string) => readFileSync(join(root, '.installed'), 'utf8').split('\n')[0];

const sqlite3Loads = (root: string) =>
	spawnSync(process.execPath, ['-e', 'require(require.resolve("sqlite3", { paths: [process.argv[1]] }))', join(root, 'node_modules', 'n8n')])
		.status === 0;

/** A file of the hard-linked copy made the copy's own, so that writing it cannot change the real cache. */
function unshare(path: string): void {
	const content = readFileSync(path);
	unlinkSync(path);
	writeFileSync(path, content);
}

beforeAll(async () => {
	realRoot = await ensureN8n();
	cacheDir = mkdtempSync(join(tmpdir(), 'hwc-vpc-n8n-cache-'));
	brokenRoot = join(cacheDir, basename(realRoot));
	// Hard links: a copy of 2.3 GB in seconds. What the repair writes is made the copy's own first.
	execFileSync('cp', ['-al', realRoot, brokenRoot]);
	for (const file of ['package.json', 'package-lock.json', 'node_modules/.package-lock.json', '.installed']) {
		unshare(join(brokenRoot, file));
	}
	const sqlite3 = join(brokenRoot, 'node_modules', 'sqlite3');
	rmSync(sqlite3, { recursive: true });
	// sqlite3 as `npm rebuild` under ignore-scripts left it: the package without its compiled module.
	cpSync(join(realRoot, 'node_modules', 'sqlite3'), sqlite3, {
		recursive: true,
		filter: (source) => basename(source) !== 'build',
	});
	// Marked ready as the script did after a rebuild that built nothing: its files counted without sqlite3's build.
	writeFileSync(join(brokenRoot, '.installed'), markerFor(brokenRoot, recipeLineOf(realRoot)));
}, PREPARE_TIMEOUT_MS);
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

test('a cached n8n marked ready whose sqlite3 does not load is not ready', () => {
	expect(sqlite3Loads(realRoot)).toBe(true);
	expect(sqlite3Loads(brokenRoot)).toBe(false);

	const check = ensure(['--check']);

	expect(check.status).toBe(1);
	expect(check.stderr).toContain('sqlite3 does not load');
	expect(check.stdout).toBe('');
});

test('a cached n8n left broken by an older script is repaired, not reused', () => {
	// The older script marked the folder installed with an empty file after a rebuild that built nothing.
	writeFileSync(join(brokenRoot, '.installed'), '');
	expect(ensure(['--check']).status).toBe(1);

	const repair = ensure([]);

	expect(repair.stderr).toContain('Repairing n8n');
	expect(repair.status).toBe(0);
	expect(repair.stdout.trim()).toBe(brokenRoot);
	expect(sqlite3Loads(brokenRoot)).toBe(true);
	expect(ensure(['--check']).status).toBe(0);
}, 10 * 60_000);

test('a cached n8n that lost files since it was marked ready is not ready, and is installed anew', () => {
	// The repaired copy of the test before is ready; a deletion cut short then takes one package n8n needs.
	expect(ensure(['--check']).status).toBe(0);
	rmSync(join(brokenRoot, 'node_modules', 'mime-db'), { recursive: true });

	const check = ensure(['--check']);
	expect(check.status).toBe(1);
	expect(check.stderr).toContain('has lost files since it was installed');

	const reinstall = ensure([]);

	expect(reinstall.stderr).toContain('installing it anew');
	expect(reinstall.status).toBe(0);
	expect(reinstall.stdout.trim()).toBe(brokenRoot);
	expect(ensure(['--check']).status).toBe(0);
}, 15 * 60_000);
