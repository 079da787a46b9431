/**
 * `npm test` runs every suite against the n8n scripts/ensure-n8n.sh installs by default (2.8.4). Two slow suites are
 * added by environment variables, which `.ci/run` sets (docs/development.md):
 * - HWC_VPC_QUEUE_MODE=1: test/queue, n8n's queue mode with Redis, PostgreSQL, a main instance and workers: the
 *   action node under webhook load, and the trigger polled by the main while a worker runs what it fires.
 * - N8N_E2E_VERSIONS="1.123.81 2.41.1": the end-to-end suite (test/e2e) once more against each of these n8n versions,
 *   one jest project each ("n8n 1.123.81"), each version installed once beside the default one. Not the editor test:
 *   it drives n8n 2.8.4's editor page in a browser, and other versions' pages are built differently.
 */
const queueMode = process.env.HWC_VPC_QUEUE_MODE === '1';
const otherVersions = (process.env.N8N_E2E_VERSIONS ?? '').split(/[\s,]+/).filter(Boolean);

/** @type {import('jest').Config} */
const project = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: queueMode ? ['/node_modules/'] : ['/node_modules/', '<rootDir>/test/queue/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	setupFilesAfterEnv: ['<rootDir>/test/cleanup-env.ts'],
};

/** @type {import('jest').Config} */
module.exports = {
	// The engine tests load n8n-core (about a second per file); the real-n8n tests start n8n's CLI.
	testTimeout: 30_000,
	reporters: ['default', '<rootDir>/test/part-times-reporter.js'],
	...(otherVersions.length === 0
		? project
		: {
				projects: [
					{ ...project, displayName: 'default n8n' },
					...otherVersions.map((version) => ({
						...project,
						displayName: `n8n ${version}`,
						testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
						testPathIgnorePatterns: [...project.testPathIgnorePatterns, '<rootDir>/test/e2e/editor.test.ts'],
						// test/setup-env.ts hands it to scripts/ensure-n8n.sh as N8N_VERSION.
						globals: { E2E_N8N_VERSION: version },
					})),
				],
			}),
};
