/**
 * Only .github/workflows/release.yml publishes: n8n verifies a community package only when npm holds a provenance
 * statement for it, which npm makes in GitHub Actions alone. A publish from a developer's machine is refused before
 * anything reaches the registry, here a local stand-in that records what it is asked.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { REPO_ROOT } from '../../scripts/n8n/install';
import { run } from '../../scripts/n8n/process';

let registry: Server;
let registryUrl: string;
const received: string[] = [];

beforeAll(async () => {
	// Knows no package: each version check finds none, as for a first release.
	registry = createServer((request, response) => {
		received.push(`${request.method} ${request.url}`);
		request.resume();
		response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
	});
	await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
	registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise((resolve) => registry.close(resolve)));
beforeEach(() => (received.length = 0));

/** `npm publish` in the repository with a token for the stand-in registry, in a shell with nothing of CI in it. */
const publish = (args: string[], env: Record<string, string> = {}) =>
	run(
		'npm',
		[
			'publish',
			`--registry=${registryUrl}`,
			`--${registryUrl.replace(/^http:/, '')}:_authToken=a-token`,
			'--no-update-notifier',
			...args,
		],
		{ cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } },
	);

test('a plain npm publish outside GitHub Actions is refused for want of provenance, and uploads nothing', async () => {
	const result = await publish([]);
	expect(received.filter((request) => request.startsWith('PUT'))).toEqual([]);
	expect(result.code).not.toBe(0);
	expect(result.stderr).toMatch(/provenance generation not supported/i);
});

test('with lifecycle scripts turned on, prepublishOnly refuses outside GitHub Actions before packing', async () => {
	const result = await publish(['--dry-run', '--ignore-scripts=false']);
	expect(result.code).not.toBe(0);
	expect(result.stderr).toContain('published only by the release workflow');
	expect(received).toEqual([]);
});

test('prepublishOnly lets the release workflow through: GitHub Actions, with --provenance', async () => {
	const result = await publish(['--dry-run', '--ignore-scripts=false', '--provenance'], { GITHUB_ACTIONS: 'true' });
	expect(result.stderr).not.toContain('published only by the release workflow');
	expect(result.code).toBe(0);
});
