/** The credentials and project the emulator accepts unless told otherwise; the demo and the tests use them too. */
export const EMULATOR_DEFAULTS = {
	host: '127.0.0.1',
	port: 9780,
	accessKeyId: 'EMULATORAK0000000001',
	secretAccessKey: 'emulator-secret-key-do-not-use-in-production',
	projectId: '0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f',
} as const;
