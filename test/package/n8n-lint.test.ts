/**
 * `scripts/lint-n8n.ts`, the `n8n-node lint` step of `npm run lint`: it fails on what n8n's lint finds in the package's
 * sources, and in strict mode, refusing an ESLint config other than @n8n/node-cli's default. (That the checkout
 * passes is `npm run lint` itself, in CI.)
 */
import { execFile } from 'node:child_process';
import { appendFileSync, copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';

const REPO_ROOT = join(__dirname, '..', '..');

let folder: string;

/** A copy of what the package is built from, as the script copies it. */
function packageCopy(name: string): string {
	const root = join(folder, name);
	for (const source of ['nodes', 'credentials']) cpSync(join(REPO_ROOT, source), join(root, source), { recursive: true });
	for (const file of ['package.json', 'eslint.config.mjs', 'tsconfig.json']) copyFileSync(join(REPO_ROOT, file), join(root, file));
	return root;
}

/** Its exit code and what it printed, without the colours n8n-node asks of ESLint. */
async function lintN8n(root: string): Promise<{ code: number; output: string }> {
	const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
	try {
		const { stdout, stderr } = await promisify(execFile)(tsx, ['scripts/lint-n8n.ts', root], { cwd: REPO_ROOT });
		return { code: 0, output: stripVTControlCharacters(stdout + stderr) };
	} catch (error) {
		const failed = error as { code: number; stdout: string; stderr: string };
		return { code: failed.code, output: stripVTControlCharacters(failed.stdout + failed.stderr) };
	}
}

beforeAll(() => {
	folder = mkdtempSync(join(tmpdir(), 'hwc-vpc-n8n-lint-test-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

test('a timer in the node’s code fails it, named by file and rule', async () => {
	const root = packageCopy('timer');
	appendFileSync(join(root, 'nodes/HuaweiCloudVpc/transport/iam.ts'), '\nsetTimeout(() => undefined, 1);\n');
	const { code, output } = await lintN8n(root);
	expect(code).toBe(1);
	expect(output).toMatch(/\/nodes\/HuaweiCloudVpc\/transport\/iam\.ts\s+\d+:1\s+error\s+Use of restricted global 'setTimeout'/);
	expect(output).toContain('@n8n/community-nodes/no-restricted-globals');
}, 120_000);

test('strict mode: the repository’s own ESLint config in place of the CLI’s default fails it', async () => {
	const root = packageCopy('own-config');
	copyFileSync(join(REPO_ROOT, 'eslint.repo.config.mjs'), join(root, 'eslint.config.mjs'));
	const { code, output } = await lintN8n(root);
	expect(code).toBe(1);
	expect(output).toContain('Strict mode violation');
}, 120_000);
