import { rmSync } from 'node:fs';

// The temporary home test/setup-env.ts made for this test file.
afterAll(() => rmSync(process.env.HWC_VPC_TEST_HOME as string, { recursive: true, force: true }));
