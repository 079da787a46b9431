/**
 * n8n's real editor, driven in headless Chromium as a person would use it, with the packed package installed in a
 * real n8n and the emulator as Huawei Cloud: the credential test's messages, the pickers in each mode and for each
 * target type, a target picked for the wrong type, Execute step, and a bad value. A screenshot of each step is saved
 * in a temporary folder, printed at the start, for a reviewer to look at.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

import { DEMO_LOAD_BALANCERS, DEMO_PORTS } from '../../emulator/server';
import { EMULATOR_CREDENTIAL, prepareN8n, REPO_ROOT, type PreparedN8n } from '../../scripts/n8n';
import { signedRequest, v3Path } from '../emulator/helpers';
import { startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { PREPARE_TIMEOUT_MS, startN8nEditor, type N8nServer } from './setup';
import { chainWorkflow, huaweiNode } from './workflows';

const STEP_TIMEOUT_MS = 120_000;
const OWNER = { email: 'owner@example.com', firstName: 'Editor', lastName: 'Test', password: 'EditorTest123' };
// What Chromium needs on a machine whose network reaches nothing but its registries (machines/node.md).
const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

const NODE_NAME = 'Mirror Session';
const workflow = chainWorkflow('editorTest1', [
	huaweiNode(NODE_NAME, { resource: 'trafficMirrorSession', operation: 'create', name: 'browser-session', priority: 5 }),
]);
const [ANALYSER_LB] = DEMO_LOAD_BALANCERS;
const WEB_01 = DEMO_PORTS.find((port) => port.name === 'ecs-web-01-eth0');

let api: ApiFixture;
let prepared: PreparedN8n;
let editor: N8nServer;
let browser: Browser;
let page: Page;
let shots: string;
let shotCount = 0;
let filterName: string;

beforeAll(async () => {
	shots = mkdtempSync(join(tmpdir(), 'hwc-vpc-editor-shots-'));
	console.log(`Screenshots of the editor test: ${shots}`);
	const { stdout } = await promisify(execFile)(join(REPO_ROOT, 'scripts', 'ensure-chromium.sh'));
	api = await startApiFixture();
	filterName = (await api.createFilter({ name: 'web-http-filter' })).name;
	prepared = await prepareN8n({ emulatorUrl: api.emulator.url });
	await prepared.n8n.importWorkflows([workflow]);
	editor = await startN8nEditor(prepared.n8n);
	const setup = await fetch(`${editor.url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	if (!setup.ok) throw new Error(`n8n's owner setup answered ${setup.status}: ${await setup.text()}`);
	browser = await chromium.launch({ executablePath: stdout.trim(), args: CHROMIUM_FLAGS });
	page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	page.setDefaultTimeout(60_000);
	await page.goto(`${editor.url}/signin`);
	await page.locator('input[type=email]').fill(OWNER.email);
	await page.locator('input[type=password]').fill(OWNER.password);
	await page.keyboard.press('Enter');
	await page.waitForURL(/\/home\//);
}, PREPARE_TIMEOUT_MS);

afterAll(async () => {
	await browser?.close();
	await editor?.stop();
	prepared?.dispose();
	await api?.close();
});

async function shoot(step: string): Promise<void> {
	shotCount += 1;
	await page.screenshot({ path: join(shots, `${String(shotCount).padStart(2, '0')}-${step}.png`), animations: 'disabled' });
}

/** Waits until `locator`'s text matches, and returns it; on a timeout, says what the text was instead. */
async function waitForText(locator: Locator, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	let text = '';
	while (Date.now() < deadline) {
		text = await locator.innerText().catch(() => '');
		if (pattern.test(text)) return text;
		await page.waitForTimeout(250);
	}
	throw new Error(`Waited for ${pattern}; the text was:\n${text}`);
}

describe('the credential test, in the credential dialog', () => {
	const dialog = () => page.locator('[data-test-id="editCredential-modal"]');

	/** Labelled "Save" while the dialog has unsaved changes; "Saved", "Saving" or "Testing" otherwise. */
	const saveButton = () => dialog().locator('[data-test-id="credential-save-button"]');

	/**
	 * Changes fields of the emulator credential and saves it, which runs the Test; returns the dialog's text. n8n
	 * takes a typed value in a moment after it is typed: a save clicked before then saves and tests the old value,
	 * so the button is clicked whenever it says there are changes to save, until the expected text shows.
	 */
	async function saveAndTest(fields: Record<string, string>, expected: RegExp): Promise<string> {
		for (const [name, value] of Object.entries(fields)) {
			await dialog().locator(`[data-test-id="parameter-input-${name}"] input`).fill(value);
		}
		await waitForText(saveButton(), /^\s*Save\s*$/);
		const deadline = Date.now() + 60_000;
		while (Date.now() < deadline) {
			if (/^\s*Save\s*$/.test(await saveButton().innerText().catch(() => ''))) await saveButton().click();
			// A failed test shows its message once "More details" is opened.
			const more = dialog().getByText('More details');
			if (await more.isVisible().catch(() => false)) await more.click();
			const text = await dialog().innerText();
			if (expected.test(text)) return text;
			await page.waitForTimeout(250);
		}
		return await waitForText(dialog(), expected, 1);
	}

	test('a working credential is tested when opened; each wrong field is named with Huawei’s code and what to do', async () => {
		const emulatorUrl = api.emulator.url;
		await page.goto(`${editor.url}/home/credentials`);
		await page.getByText(EMULATOR_CREDENTIAL.name).click();
		await waitForText(dialog(), /Connection tested successfully/);
		await shoot('credential-tested-ok');

		const wrongKey = await saveAndTest({ secretAccessKey: 'not-the-secret-key' }, /The signature does not match/);
		expect(wrongKey).toMatch(
			/The signature does not match \(APIGW\.0301: Incorrect IAM authentication information: verify aksk signature fail\): the Secret Access Key is not the one of this Access Key ID\. Paste it again/,
		);
		await shoot('credential-wrong-secret-key');

		const { secretAccessKey, accessKeyId, projectId } = api.emulator.options;
		const unknownKey = await saveAndTest({ secretAccessKey, accessKeyId: 'UNKNOWNAK0000000' }, /does not know this Access Key ID/);
		expect(unknownKey).toMatch(/Huawei Cloud does not know this Access Key ID \(APIGW\.0301: .*ak UNKNOWNAK0000000 not exist\)/);
		await shoot('credential-unknown-access-key');

		const foreignProject = await saveAndTest(
			{ accessKeyId, projectId: '0123456789abcdef0123456789abcdef' },
			/The Project ID is not a project/,
		);
		expect(foreignProject).toMatch(/\(VPC\.0007: urlTenantId is not equal to tokenTenantId\)\. Copy the ID/);
		await shoot('credential-foreign-project');

		// n8n's own editor as the endpoint: an answer, but not Huawei's API.
		const notHuawei = await saveAndTest({ projectId, endpoint: editor.url }, /but not as Huawei Cloud's VPC API does/);
		expect(notHuawei).toContain(`${editor.url} answered HTTP 404, but not as Huawei Cloud's VPC API does`);
		await shoot('credential-endpoint-not-huawei');

		await saveAndTest({ endpoint: emulatorUrl }, /Connection tested successfully/);
		await shoot('credential-restored');
		await dialog().getByRole('button', { name: 'Close this dialog' }).click();
	}, STEP_TIMEOUT_MS * 3);
});

describe('the node in the workflow editor', () => {
	const ndv = () => page.locator('[data-test-id="ndv"]');
	const locator = (parameter: string) => ndv().locator(`[data-test-id="resource-locator-${parameter}"]`);
	const visibleOptions = () => page.locator('.el-select-dropdown__item:visible');

	/**
	 * Opens a resource locator's list and returns its entries' labels, once it has loaded some or failed. n8n shows the
	 * current choice as an entry at once, before the list has loaded: `loaded` names what only a loaded entry shows.
	 */
	async function openList(parameter: string, loaded?: string): Promise<string[]> {
		await locator(parameter).locator('[data-test-id="rlc-input"]').click();
		const entries = page.locator('[data-test-id="rlc-item"]:visible');
		const entry = loaded === undefined ? entries : entries.filter({ hasText: loaded });
		await entry.or(page.locator('[data-test-id="rlc-error-container"]:visible')).first().waitFor();
		return await entries.allInnerTexts();
	}

	async function choose(parameter: string, option: string): Promise<void> {
		await ndv().locator(`[data-test-id="parameter-input-${parameter}"]`).click();
		await visibleOptions().filter({ hasText: option }).first().click();
	}

	async function executeStep(): Promise<void> {
		await ndv().locator('[data-test-id="node-execute-button"]').click();
	}

	test('the pickers list filters and network interfaces, and the target list follows the target type', async () => {
		await page.goto(`${editor.url}/workflow/${workflow.id}`);
		await page.locator('[data-test-id="canvas-node"]').filter({ hasText: NODE_NAME }).dblclick();
		await ndv().waitFor();
		await shoot('node-opened');

		expect(await openList('trafficMirrorFilterId')).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${filterName} \\(`))]));
		await shoot('filter-list');
		await page.locator('[data-test-id="rlc-item"]:visible').filter({ hasText: filterName }).click();

		await ndv().locator('[data-test-id="parameter-input-trafficMirrorSources"]').click();
		await visibleOptions().filter({ hasText: WEB_01?.name }).first().click();
		await shoot('sources-list');
		await page.keyboard.press('Escape');

		const interfaces = await openList('trafficMirrorTargetId');
		expect(interfaces.length).toBeGreaterThan(0);
		expect(interfaces.every((label) => label.startsWith('Network interface: '))).toBe(true);
		await shoot('target-list-network-interfaces');
		await page.locator('[data-test-id="rlc-item"]:visible').filter({ hasText: 'analyser-eth0' }).click();

		await choose('trafficMirrorTargetType', 'Private Load Balancer');
		const loadBalancers = await openList('trafficMirrorTargetId', 'Load balancer: ');
		// n8n shows the current choice first; the list itself holds the load balancers.
		expect(loadBalancers.filter((label) => label.startsWith('Load balancer: '))).toEqual([
			`Load balancer: ${ANALYSER_LB.name} (${ANALYSER_LB.vip_address})`,
			`Load balancer: ${DEMO_LOAD_BALANCERS[1].name} (${DEMO_LOAD_BALANCERS[1].vip_address})`,
			`Load balancer: ${DEMO_LOAD_BALANCERS[2].name} (${DEMO_LOAD_BALANCERS[2].vip_address}, public ${DEMO_LOAD_BALANCERS[2].public_ip})`,
		]);
		await shoot('target-list-load-balancers');
		await page.keyboard.press('Escape');
	}, STEP_TIMEOUT_MS);

	test('a network interface still chosen after the type became load balancer is flagged and never sent', async () => {
		expect(await locator('trafficMirrorTargetId').innerText()).toContain('Network interface: analyser-eth0');
		const creates = api.requestsOf('CreateTrafficMirrorSession');
		await executeStep();
		const message = await waitForText(ndv().locator('[data-test-id="node-error-message"]'), /Invalid Traffic Mirror Target/);
		expect(message).toMatch(
			/it was picked from the list as a network interface, but Traffic Mirror Target Type is Private Load Balancer \(elb\)/,
		);
		expect(await ndv().locator('[data-test-id="node-error-description"]').innerText()).toContain(
			'pick the target again. Nothing was sent for item 1 (Item Index 0).',
		);
		await shoot('stale-target-refused');
		expect(api.requestsOf('CreateTrafficMirrorSession')).toBe(creates);
	}, STEP_TIMEOUT_MS);

	test('Execute step creates the session with the load balancer picked from the list', async () => {
		await openList('trafficMirrorTargetId');
		await page.locator('[data-test-id="rlc-item"]:visible').filter({ hasText: `Load balancer: ${ANALYSER_LB.name}` }).click();
		await executeStep();
		const output = await waitForText(ndv().locator('[data-test-id="output-panel"]'), new RegExp(ANALYSER_LB.id));
		expect(output).toContain('browser-session');
		await shoot('session-created');
		const listed = await signedRequest(api.emulator, 'GET', v3Path('traffic-mirror-sessions'));
		expect(listed.json().traffic_mirror_sessions).toEqual([
			expect.objectContaining({
				name: 'browser-session',
				traffic_mirror_target_type: 'elb',
				traffic_mirror_target_id: ANALYSER_LB.id,
				traffic_mirror_sources: [WEB_01?.id],
			}),
		]);
	}, STEP_TIMEOUT_MS);

	test('the target’s modes: From List, By ID (checked as an ID) and By Server', async () => {
		await locator('trafficMirrorTargetId').locator('[data-test-id="rlc-mode-selector"]').click();
		await visibleOptions().first().waitFor();
		expect(await visibleOptions().allInnerTexts()).toEqual(['From list', 'By ID', 'By Server (ECS Instance ID or IP)']);
		await shoot('target-modes');
		await visibleOptions().filter({ hasText: 'By ID' }).click();
		await locator('trafficMirrorTargetId').locator('[data-test-id="rlc-input"]').fill('not-an-id');
		await page.keyboard.press('Tab');
		await ndv().locator('[data-test-id="parameter-issues"]').first().waitFor();
		await shoot('target-by-id-invalid');
		await locator('trafficMirrorTargetId').locator('[data-test-id="rlc-input"]').fill(ANALYSER_LB.id);
	}, STEP_TIMEOUT_MS);

	test('a bad value fails the item with the field, the rule and the value, and nothing is sent', async () => {
		const nameInput = ndv().locator('[data-test-id="parameter-input-name"]').locator('input, textarea').first();
		await nameInput.fill('bad name!');
		const creates = api.requestsOf('CreateTrafficMirrorSession');
		await executeStep();
		const message = await waitForText(ndv().locator('[data-test-id="node-error-message"]'), /Invalid Name/);
		expect(message).toContain('Invalid Name (name): must be 1–64 characters, letters A–Z, digits, Chinese characters, underscores, hyphens and dots; got "bad name!"');
		expect(await ndv().locator('[data-test-id="node-error-description"]').innerText()).toContain('item 1 (Item Index 0)');
		await shoot('bad-name-refused');
		expect(api.requestsOf('CreateTrafficMirrorSession')).toBe(creates);
	}, STEP_TIMEOUT_MS);

	test('where the credential gives no ELB endpoint, the target list says so and points to By ID', async () => {
		await ndv().locator('[data-test-id="credential-edit-button"]').click();
		const dialog = page.locator('[data-test-id="editCredential-modal"]');
		await dialog.locator('[data-test-id="parameter-input-elbEndpoint"] input').fill('');
		await dialog.locator('[data-test-id="credential-save-button"]').click();
		await waitForText(dialog, /Connection tested successfully/);
		await dialog.getByRole('button', { name: 'Close this dialog' }).click();
		await locator('trafficMirrorTargetId').locator('[data-test-id="rlc-mode-selector"]').click();
		await visibleOptions().filter({ hasText: 'From list' }).click();
		await openList('trafficMirrorTargetId');
		const failure = await waitForText(page.locator('[data-test-id="rlc-error-container"]:visible'), /Load balancers cannot be listed/);
		expect(failure).toContain('set ELB Endpoint in the credential');
		expect(failure).toContain("switch Traffic Mirror Target to By ID and give the load balancer's ID");
		await shoot('load-balancers-unknown-endpoint');
	}, STEP_TIMEOUT_MS);
});
