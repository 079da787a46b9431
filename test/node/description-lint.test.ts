/**
 * n8n's lint rules applied to the UI the node generates at run time (`scripts/lint-description.ts`): the node's
 * parameters and the credential's fields, as n8n receives them, must pass; a lower-case label or a toggle whose hint
 * does not start with "Whether" must not.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { INodeProperties } from 'n8n-workflow';

import { HuaweiCloudApi } from '../../credentials/HuaweiCloudApi.credentials';
import { HuaweiCloudVpc } from '../../nodes/HuaweiCloudVpc/HuaweiCloudVpc.node';
import { generatedUi, type GeneratedUi, type LintProblem } from '../../scripts/lint-description';

const REPO_ROOT = join(__dirname, '..', '..');

async function lint(...uis: GeneratedUi[]): Promise<LintProblem[][]> {
	const folder = mkdtempSync(join(tmpdir(), 'hwc-vpc-ui-'));
	try {
		writeFileSync(join(folder, 'uis.json'), JSON.stringify(uis));
		const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
		// Without jest's NODE_ENV=test, under which n8n's plugin takes every file for "Test.node.ts".
		const env = { ...process.env };
		delete env.NODE_ENV;
		const { stdout } = await promisify(execFile)(tsx, ['scripts/lint-description.ts', '--json', join(folder, 'uis.json')], {
			cwd: REPO_ROOT,
			env,
		});
		return JSON.parse(stdout) as LintProblem[][];
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

/** The UI with one Additional Fields option of session Create changed. */
function withSessionCreateOption(ui: GeneratedUi, name: string, change: Partial<INodeProperties>): GeneratedUi {
	const copy = JSON.parse(JSON.stringify(ui)) as GeneratedUi;
	const additional = copy.node.properties.find(
		(property) =>
			property.name === 'additionalFields' &&
			property.displayOptions?.show?.resource?.includes('trafficMirrorSession') &&
			property.displayOptions.show.operation?.includes('create'),
	);
	const option = (additional?.options as INodeProperties[]).find((candidate) => candidate.name === name);
	if (!option) throw new Error(`No option ${name} in session Create's Additional Fields`);
	Object.assign(option, change);
	return copy;
}

test('the generated node and credential UI pass n8n’s lint rules, and a miscased label or a boolean without “Whether” fails them', async () => {
	const ui = generatedUi(new HuaweiCloudVpc(), new HuaweiCloudApi());
	const miscased = withSessionCreateOption(ui, 'packetLength', { displayName: 'packet length' });
	const withoutWhether = withSessionCreateOption(ui, 'enabled', { description: 'The session mirrors traffic' });
	const [asGenerated, miscasedProblems, withoutWhetherProblems] = await lint(ui, miscased, withoutWhether);
	expect(asGenerated).toEqual([]);
	expect(miscasedProblems).toEqual([
		expect.objectContaining({ ruleId: 'n8n-nodes-base/node-param-display-name-miscased', source: "displayName: 'packet length'," }),
	]);
	expect(withoutWhetherProblems).toEqual([
		expect.objectContaining({
			ruleId: 'n8n-nodes-base/node-param-description-boolean-without-whether',
			source: "description: 'The session mirrors traffic',",
		}),
	]);
}, 60_000);
