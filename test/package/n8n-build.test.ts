/**
 * `n8n-node build` (@n8n/node-cli) and `npm run build` make the same dist/ from the package's sources: tsc emits the
 * codex files because tsconfig.json includes them, so neither build drops one (docs/development.md, "n8n's lint").
 * Both run in a temporary copy of what the package is built from, so the checkout's dist/ is left alone.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

const REPO_ROOT = join(__dirname, '..', '..');

let folder: string;

beforeAll(() => {
	folder = mkdtempSync(join(tmpdir(), 'hwc-vpc-n8n-build-'));
	for (const source of ['nodes', 'credentials']) cpSync(join(REPO_ROOT, source), join(folder, source), { recursive: true });
	for (const file of ['package.json', 'tsconfig.json', 'gulpfile.js']) copyFileSync(join(REPO_ROOT, file), join(folder, file));
	symlinkSync(join(REPO_ROOT, 'node_modules'), join(folder, 'node_modules'), 'dir');
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Every file under `dir`, by path relative to `base`, with its content. */
function filesUnder(dir: string, base = dir): Map<string, string> {
	const files = new Map<string, string>();
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) for (const [file, text] of filesUnder(path, base)) files.set(file, text);
		else files.set(relative(base, path), readFileSync(path, 'utf8'));
	}
	return files;
}

async function build(command: string, args: string[]): Promise<Map<string, string>> {
	await promisify(execFile)(command, args, { cwd: folder });
	return filesUnder(join(folder, 'dist'));
}

test('n8n-node build and npm run build make the same dist/, with every node’s codex file beside it', async () => {
	const n8nBuild = await build(join(REPO_ROOT, 'node_modules', '.bin', 'n8n-node'), ['build']);
	const ownBuild = await build('npm', ['run', 'build']);
	expect([...n8nBuild.keys()].sort()).toEqual([...ownBuild.keys()].sort());
	for (const [file, text] of ownBuild) expect(n8nBuild.get(file)).toBe(text);

	const codexFiles = [...filesUnder(join(REPO_ROOT, 'nodes')).keys()].filter((file) => file.endsWith('.node.json'));
	expect(codexFiles.length).toBeGreaterThan(0);
	for (const codex of codexFiles) {
		expect(ownBuild.has(join('nodes', codex))).toBe(true);
		expect(JSON.parse(ownBuild.get(join('nodes', codex)) ?? '')).toEqual(
			JSON.parse(readFileSync(join(REPO_ROOT, 'nodes', codex), 'utf8')),
		);
	}
}, 180_000);
