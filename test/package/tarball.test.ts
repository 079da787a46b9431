/**
 * What users receive: the tarball `npm pack` makes of the built package, as n8n downloads it from the registry.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';

import { buildAndPack, type PackedPackage } from '../../scripts/n8n/install';

const NODE_FOLDER = 'dist/nodes/HuaweiCloudVpc';
// What an earlier build left in dist/ for a source file since moved or removed.
const LEFT_BEHIND = `${NODE_FOLDER}/transport/signer.js`;
const MAX_PACKED_BYTES = 100_000;

let folder: string;
let packed: PackedPackage;
let manifest: Record<string, unknown>;

const fileInTarball = (path: string) => execFileSync('tar', ['-xzOf', packed.tarball, `package/${path}`], { encoding: 'utf8' });

beforeAll(async () => {
	folder = mkdtempSync(join(tmpdir(), 'hwc-vpc-tarball-'));
	const leftBehind = resolve(__dirname, '../..', LEFT_BEHIND);
	mkdirSync(dirname(leftBehind), { recursive: true });
	writeFileSync(leftBehind, 'module.exports = {};\n');
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

test('names no main file, which it would not hold: n8n loads the files its n8n section lists', () => {
	expect(manifest).not.toHaveProperty('main');
});

test('holds the signing, endpoints and regions that the credential and the node share, under credentials/common/', () => {
	for (const module of ['signer', 'authentication', 'endpoint']) {
		expect(packed.files).toContain(`dist/credentials/common/huaweiCloud/${module}.js`);
	}
});

// Run by `node -e <script> <unpacked package> <file>`.
const LOAD = `
const [root, file] = process.argv.slice(1);
const types = Object.values(require(root + '/' + file)).map((Type) => new Type());
const loaded = Object.keys(require.cache).filter((path) => path.startsWith(root + '/'));
console.log(JSON.stringify({
	names: types.map((type) => type.description?.name ?? type.name),
	loaded: loaded.map((path) => path.slice(root.length + 1)),
}));
`;

test('the node and the credential load from the unpacked tarball, the credential with nothing of a node folder', () => {
	const unpacked = join(folder, 'unpacked');
	mkdirSync(join(unpacked, 'node_modules'), { recursive: true });
	execFileSync('tar', ['-xzf', packed.tarball, '-C', unpacked, '--strip-components=1']);
	// The peer dependency, as n8n provides it.
	symlinkSync(resolve(__dirname, '../../node_modules/n8n-workflow'), join(unpacked, 'node_modules', 'n8n-workflow'), 'dir');
	// Each file in a fresh Node process, as n8n requires it: what it exports, and which of the package's files it loaded.
	const load = (file: string) =>
		JSON.parse(execFileSync(process.execPath, ['-e', LOAD, unpacked, file], { encoding: 'utf8' })) as {
			names: string[];
			loaded: string[];
		};
	const n8n = manifest.n8n as { nodes: string[]; credentials: string[] };
	expect(n8n.nodes.map((file) => load(file).names)).toEqual([['huaweiCloudVpc'], ['huaweiCloudVpcTrigger']]);
	const [credential] = n8n.credentials.map(load);
	expect(credential.names).toEqual(['huaweiCloudApi']);
	expect(credential.loaded).toContain('dist/credentials/common/huaweiCloud/authentication.js');
	expect(credential.loaded.filter((path) => !path.startsWith('dist/credentials/'))).toEqual([]);
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
	// n8n never reads source maps, and they were a third of the tarball.
	expect(packed.files.filter((path) => path.endsWith('.map'))).toEqual([]);
	expect(packed.files).not.toContain(LEFT_BEHIND);
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
