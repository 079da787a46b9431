/**
 * Getting a real n8n and putting this package into it the way a user's n8n installs a community package.
 * Used by the demo, the dev editor and the end-to-end tests.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { run } from './process';

export const REPO_ROOT = resolve(__dirname, '../..');

export type Progress = (line: string) => void;

/**
 * The folder of the tested n8n, installed, repaired and checked by `scripts/ensure-n8n.sh` (the single way to get
 * it). Its progress lines go to `onProgress`; a failure's message starts with the script's last line (what failed),
 * followed by the script's whole output unless `onProgress` has already shown it.
 */
export async function ensureN8n(onProgress?: Progress): Promise<string> {
	const result = await run('bash', [join(REPO_ROOT, 'scripts', 'ensure-n8n.sh')], { onStderrLine: onProgress });
	const folder = result.stdout.trim().split('\n').pop();
	if (result.code !== 0 || !folder) {
		const lastLine = result.stderr.trim().split('\n').pop() || `scripts/ensure-n8n.sh failed (exit ${result.code})`;
		throw new Error(onProgress ? lastLine : `${lastLine}\n${result.stderr}`);
	}
	return folder;
}

export interface PackedPackage {
	name: string;
	version: string;
	tarball: string;
	/** Bytes of the .tgz. */
	size: number;
	unpackedSize: number;
	files: string[];
}

/** Builds the package and packs it with `npm pack`, exactly what `npm publish` would upload. */
export async function buildAndPack(destination: string, root = REPO_ROOT): Promise<PackedPackage> {
	mkdirSync(destination, { recursive: true });
	return await withBuildLock(root, async () => {
		const build = await run('npm', ['run', 'build'], { cwd: root });
		if (build.code !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
		const pack = await run('npm', ['pack', '--json', '--pack-destination', destination], { cwd: root });
		if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
		const [packed] = JSON.parse(pack.stdout) as Array<{
			name: string;
			version: string;
			filename: string;
			size: number;
			unpackedSize: number;
			files: Array<{ path: string }>;
		}>;
		return {
			name: packed.name,
			version: packed.version,
			tarball: join(destination, packed.filename),
			size: packed.size,
			unpackedSize: packed.unpackedSize,
			files: packed.files.map((file) => file.path),
		};
	});
}

/**
 * Two test files may build at once (jest workers): `dist/` is rewritten by each build, so one build-and-pack at a time,
 * or a pack could read a half-written file. mkdir is atomic; a lock left by a killed run is taken over after a while.
 */
async function withBuildLock<T>(root: string, task: () => Promise<T>): Promise<T> {
	const lock = join(root, 'node_modules', '.cache', 'build-and-pack.lock');
	mkdirSync(join(lock, '..'), { recursive: true });
	const staleAfterMs = 5 * 60_000;
	const startedWaiting = Date.now();
	for (;;) {
		try {
			mkdirSync(lock);
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			if (Date.now() - startedWaiting > staleAfterMs) rmSync(lock, { recursive: true, force: true });
			await new Promise((wake) => setTimeout(wake, 200));
		}
	}
	try {
		return await task();
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

/**
 * Installs the tarball as n8n does for a community package: extracted into `.n8n/nodes/node_modules/<name>`, its
 * dev, peer and optional dependencies removed, `npm install` for the rest. n8n-workflow then resolves to n8n's own copy.
 */
export async function installCommunityPackage(userFolder: string, packed: PackedPackage): Promise<string> {
	const packageFolder = join(userFolder, '.n8n', 'nodes', 'node_modules', packed.name);
	rmSync(packageFolder, { recursive: true, force: true });
	mkdirSync(packageFolder, { recursive: true });
	const extract = await run('tar', ['-xzf', packed.tarball, '-C', packageFolder, '--strip-components=1']);
	if (extract.code !== 0) throw new Error(`Extracting ${packed.tarball} failed:\n${extract.stderr}`);

	const manifestPath = join(packageFolder, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
	delete manifest.devDependencies;
	delete manifest.peerDependencies;
	delete manifest.optionalDependencies;
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));

	const install = await run(
		'npm',
		['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'],
		{ cwd: packageFolder },
	);
	if (install.code !== 0) throw new Error(`npm install in ${packageFolder} failed:\n${install.stderr}`);
	return packageFolder;
}
