/**
 * What users receive: the tarball `npm pack` makes of the built package, as n8n downloads it from the registry.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';

import { buildAndPack, type PackedPackage } from '../../scripts/n8n/install';

const NODE_FOLDER = 'dist/nodes/HuaweiCloudVpc';
const MAX_PACKED_BYTES = 100_000;

let folder: string;
let packed: PackedPackage;
let manifest: Record<string, unknown>;

const fileInTarball = (path: string) => execFileSync('tar', ['-xzOf', packed.tarball, `package/${path}`], { encoding: 'utf8' });

beforeAll(async () => {
	folder = mkdtempSync(join(tmpdir(), 'hwc-vpc-tarball-'));
	packed = await buildAndPack(folder);
	manifest = JSON.parse(fileInTarball('package.json'));
}, 180_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

test('holds the compiled node, credential, codex file and both icons of each', () => {
	expect(packed.files).toEqual(
		expect.arrayContaining([
			'package.json',
			`${NODE_FOLDER}/HuaweiCloudVpc.node.js`,
			`${NODE_FOLDER}/HuaweiCloudVpc.node.json`,
			`${NODE_FOLDER}/huaweiCloudVpc.svg`,
			`${NODE_FOLDER}/huaweiCloudVpc.dark.svg`,
			'dist/credentials/HuaweiCloudApi.credentials.js',
			'dist/credentials/huaweiCloudApi.svg',
			'dist/credentials/huaweiCloudApi.dark.svg',
		]),
	);
});

test('every file n8n loads from the n8n section is in the tarball', () => {
	const n8n = manifest.n8n as { nodes: string[]; credentials: string[] };
	expect(n8n.nodes.length).toBeGreaterThan(0);
	expect(n8n.credentials.length).toBeGreaterThan(0);
	for (const path of [...n8n.nodes, ...n8n.credentials]) expect(packed.files).toContain(path);
});

test('every icon the compiled node and credential refer to sits beside them', () => {
	const compiled = [`${NODE_FOLDER}/HuaweiCloudVpc.node.js`, 'dist/credentials/HuaweiCloudApi.credentials.js'];
	for (const file of compiled) {
		const icons = [...fileInTarball(file).matchAll(/['"]file:([^'"]+)['"]/g)].map((match) => match[1]);
		expect(icons.length).toBeGreaterThanOrEqual(2);
		for (const icon of icons) expect(packed.files).toContain(posix.join(posix.dirname(file), icon));
	}
});

test('the codex file is valid JSON naming the node', () => {
	const codex = JSON.parse(fileInTarball(`${NODE_FOLDER}/HuaweiCloudVpc.node.json`));
	expect(codex.node).toBe('n8n-nodes-huaweicloud-vpc.huaweiCloudVpc');
});

test('holds nothing but the compiled package: no sources, tests, emulator, examples, scripts or benchmarks', () => {
	const unexpected = packed.files.filter(
		(path) => !(path === 'package.json' || /^(README|LICENSE)(\.md)?$/i.test(path) || path.startsWith('dist/')),
	);
	expect(unexpected).toEqual([]);
	const forbidden = /^dist\/(test|emulator|examples|scripts|bench)\//;
	expect(packed.files.filter((path) => forbidden.test(path))).toEqual([]);
	expect(packed.files.filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts'))).toEqual([]);
});

test('has no runtime dependencies, n8n-workflow as its only peer, and no install-time scripts', () => {
	expect(manifest.dependencies ?? {}).toEqual({});
	expect(Object.keys((manifest.peerDependencies as object) ?? {})).toEqual(['n8n-workflow']);
	const scripts = Object.keys((manifest.scripts as object) ?? {});
	for (const lifecycle of ['preinstall', 'install', 'postinstall', 'prepare']) expect(scripts).not.toContain(lifecycle);
	expect(manifest).not.toHaveProperty('overrides');
});

test(`stays small (under ${MAX_PACKED_BYTES / 1000} kB packed)`, () => {
	expect(packed.size).toBeGreaterThan(0);
	expect(packed.size).toBeLessThan(MAX_PACKED_BYTES);
});
