/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.dev.json" }] },
	// The engine tests load n8n-core (about a second per file); the real-n8n tests start n8n's CLI.
	testTimeout: 30_000,
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	setupFilesAfterEnv: ['<rootDir>/test/cleanup-env.ts'],
};
