/**
 * Runs n8n's lint rules over the UI the node really shows. The node's parameters and the credential's region list
 * are generated at run time (from `fields/` and the region table), so `eslint .` sees only the code that makes
 * them. Here the built description is written out as the TypeScript literal a hand-written node would hold, in a
 * temporary folder laid out like this package, and linted with the repository's own ESLint config
 * (eslint.repo.config.mjs, which holds n8n's rules for the package's sources).
 *
 *   tsx scripts/lint-description.ts                 the node and the credential of this checkout (part of `npm run lint`)
 *   tsx scripts/lint-description.ts --json <file>   UIs given as a JSON array of `{ node, credential }` (for tests);
 *                                                   prints each one's problems, as a JSON array of arrays
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { ESLint } from 'eslint';
import type { ICredentialType, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';

const REPO_ROOT = join(__dirname, '..');
const NODE_FILE = 'nodes/HuaweiCloudVpc/HuaweiCloudVpc.node.ts';
const CREDENTIAL_FILE = 'credentials/HuaweiCloudApi.credentials.ts';
// The icon rules check that the files a description names exist beside it.
const ICONS = [
	'nodes/HuaweiCloudVpc/huaweiCloudVpc.svg',
	'nodes/HuaweiCloudVpc/huaweiCloudVpc.dark.svg',
	'credentials/huaweiCloudApi.svg',
	'credentials/huaweiCloudApi.dark.svg',
];

/** What is linted: the node's description and the credential's class fields. */
export interface GeneratedUi {
	node: INodeTypeDescription;
	credential: {
		name: string;
		displayName: string;
		documentationUrl?: string;
		icon: unknown;
		properties: INodeProperties[];
	};
}

export interface LintProblem {
	file: string;
	line: number;
	ruleId: string | null;
	message: string;
	/** The source line, so a problem can be traced back to its parameter. */
	source: string;
}

/** A value as a TypeScript literal with unquoted keys, which is the shape n8n's rules look for. */
function literal(value: unknown, indent: string): string {
	const inner = `${indent}\t`;
	if (Array.isArray(value)) {
		return value.length === 0 ? '[]' : `[\n${value.map((item) => inner + literal(item, inner)).join(',\n')},\n${indent}]`;
	}
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value).filter(([, item]) => item !== undefined);
		if (entries.length === 0) return '{}';
		const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);
		return `{\n${entries.map(([name, item]) => `${inner}${key(name)}: ${literal(item, inner)}`).join(',\n')},\n${indent}}`;
	}
	return typeof value === 'string' ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'` : String(value);
}

function nodeModule({ node }: GeneratedUi): string {
	return [
		"import type { INodeType, INodeTypeDescription } from 'n8n-workflow';",
		"import { NodeConnectionTypes } from 'n8n-workflow';",
		'',
		'export class HuaweiCloudVpc implements INodeType {',
		// inputs and outputs are written as n8n's constants, as the real node file does.
		`\tdescription: INodeTypeDescription = ${literal(node, '\t')
			.replace(/inputs: \[\n\t+'main',\n\t+\]/, 'inputs: [NodeConnectionTypes.Main]')
			.replace(/outputs: \[\n\t+'main',\n\t+\]/, 'outputs: [NodeConnectionTypes.Main]')};`,
		'}',
		'',
	].join('\n');
}

function credentialModule({ credential }: GeneratedUi): string {
	const field = (name: keyof GeneratedUi['credential']) => `\t${name} = ${literal(credential[name], '\t')};`;
	return [
		"import type { ICredentialType, INodeProperties } from 'n8n-workflow';",
		'',
		'export class HuaweiCloudApi implements ICredentialType {',
		field('name'),
		'',
		field('displayName'),
		'',
		`\ticon = ${literal(credential.icon, '\t')} as const;`,
		'',
		field('documentationUrl'),
		'',
		`\tproperties: INodeProperties[] = ${literal(credential.properties, '\t')};`,
		'',
		'}',
		'',
	].join('\n');
}

/** Writes the generated UI as a package-shaped folder and lints it with the project's config; the folder is removed. */
export async function lintGeneratedUi(ui: GeneratedUi): Promise<LintProblem[]> {
	const folder = mkdtempSync(join(tmpdir(), 'hwc-vpc-ui-lint-'));
	try {
		const files: Record<string, string> = { [NODE_FILE]: nodeModule(ui), [CREDENTIAL_FILE]: credentialModule(ui) };
		for (const [file, text] of Object.entries(files)) {
			mkdirSync(dirname(join(folder, file)), { recursive: true });
			writeFileSync(join(folder, file), text);
		}
		for (const icon of ICONS) copyFileSync(join(REPO_ROOT, icon), join(folder, icon));
		// The package's own manifest (the credential-reuse rule reads its n8n section) and its node_modules (the
		// import rules resolve n8n-workflow).
		copyFileSync(join(REPO_ROOT, 'package.json'), join(folder, 'package.json'));
		symlinkSync(join(REPO_ROOT, 'node_modules'), join(folder, 'node_modules'), 'dir');
		const eslint = new ESLint({ cwd: folder, overrideConfigFile: join(REPO_ROOT, 'eslint.repo.config.mjs') });
		const results = await eslint.lintFiles(Object.keys(files));
		return results.flatMap((result) => {
			const lines = readFileSync(result.filePath, 'utf8').split('\n');
			return result.messages.map((message) => ({
				file: result.filePath.slice(folder.length + 1),
				line: message.line,
				ruleId: message.ruleId,
				message: message.message,
				source: (lines[message.line - 1] ?? '').trim(),
			}));
		});
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

/** The node's and the credential's UI as their classes generate it. */
export function generatedUi(node: INodeType, credential: ICredentialType): GeneratedUi {
	return {
		node: node.description,
		credential: {
			name: credential.name,
			displayName: credential.displayName,
			documentationUrl: credential.documentationUrl,
			icon: credential.icon,
			properties: credential.properties,
		},
	};
}

async function sourceUi(): Promise<GeneratedUi> {
	// With its extension: tsx would resolve `HuaweiCloudVpc.node` to the codex file `HuaweiCloudVpc.node.json`.
	const nodeSource = '../nodes/HuaweiCloudVpc/HuaweiCloudVpc.node.ts';
	const { HuaweiCloudVpc } = await import(nodeSource);
	const { HuaweiCloudApi } = await import('../credentials/HuaweiCloudApi.credentials');
	return generatedUi(new HuaweiCloudVpc(), new HuaweiCloudApi());
}

async function main(): Promise<void> {
	const jsonAt = process.argv.indexOf('--json');
	if (jsonAt > 0) {
		const uis = JSON.parse(readFileSync(process.argv[jsonAt + 1], 'utf8')) as GeneratedUi[];
		const results: LintProblem[][] = [];
		for (const ui of uis) results.push(await lintGeneratedUi(ui));
		process.stdout.write(JSON.stringify(results));
		return;
	}
	const problems = await lintGeneratedUi(await sourceUi());
	for (const problem of problems) {
		process.stdout.write(`generated ${problem.file}:${problem.line}  ${problem.ruleId}  ${problem.message}\n    ${problem.source}\n`);
	}
	process.stdout.write(`Generated node and credential UI: ${problems.length} problem(s) under n8n's lint rules\n`);
	if (problems.length > 0) process.exitCode = 1;
}

if (require.main === module) void main();
