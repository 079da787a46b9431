/**
 * Runs `n8n-node lint` (@n8n/node-cli, the tool n8n asks community nodes to use) over the package's sources, in strict
 * mode as package.json asks: the CLI first checks that eslint.config.mjs is its own default config, unchanged, then
 * lints with it. That config lints every `.ts` file under the folder it runs in and can leave out nothing but `dist/`,
 * so at the repository's root it would lint the harness too (test/, bench/, emulator/, scripts/), which never ships
 * and needs what n8n's rules forbid in a node: process, timers, node:http, child processes. Here it runs in a
 * temporary folder holding what the package is built from, copied as it is: package.json, eslint.config.mjs,
 * tsconfig.json and the folders tsconfig.json compiles (nodes/, credentials/). See docs/development.md, "n8n's lint".
 *
 *   tsx scripts/lint-n8n.ts          this checkout (part of `npm run lint`)
 *   tsx scripts/lint-n8n.ts <dir>    a package laid out like this one (for tests); the tools come from this checkout
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO_ROOT = join(__dirname, '..');
const FILES = ['package.json', 'eslint.config.mjs', 'tsconfig.json'];

/** The top folders of tsconfig.json's `include`: what the build compiles into the package. */
function sourceFolders(root: string): string[] {
	const { include } = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')) as { include: string[] };
	return [...new Set(include.map((pattern) => pattern.split('/')[0]))];
}

function main(): void {
	const root = resolve(process.argv[2] ?? REPO_ROOT);
	const folders = sourceFolders(root);
	const copy = mkdtempSync(join(tmpdir(), 'hwc-vpc-n8n-lint-'));
	try {
		for (const file of FILES) cpSync(join(root, file), join(copy, file));
		for (const folder of folders) cpSync(join(root, folder), join(copy, folder), { recursive: true });
		// The CLI, ESLint and n8n's rules, and n8n-workflow for the import rules.
		symlinkSync(join(REPO_ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
		const sources = [...FILES, ...folders.map((folder) => `${folder}/`)].join(', ');
		process.stdout.write(`n8n-node lint, strict, over ${sources} (copied to ${copy}: a path there is the same path here)\n`);
		// Under jest's NODE_ENV=test, eslint-plugin-n8n-nodes-base takes every file for one of its own test files.
		const env = { ...process.env };
		delete env.NODE_ENV;
		const lint = spawnSync(join(REPO_ROOT, 'node_modules', '.bin', 'n8n-node'), ['lint'], { cwd: copy, env, stdio: 'inherit' });
		if (lint.status === 0) process.stdout.write('n8n-node lint: no problem\n');
		process.exitCode = lint.status ?? 1;
	} finally {
		rmSync(copy, { recursive: true, force: true });
	}
}

main();
