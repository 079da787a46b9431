import { mkdtempSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

// The cached n8n lives under the developer's own home (as for the demo); everything else a test writes does not.
process.env.N8N_CACHE_DIR ??= join(homedir(), '.cache', 'n8n-nodes-huaweicloud-vpc');
// n8n-core writes a config with a fresh encryption key into the user folder, and the Huawei SDK writes
// ~/.huaweicloud: both go to a temporary folder, never the developer's home. test/cleanup-env.ts removes it.
const home = mkdtempSync(join(tmpdir(), 'hwc-vpc-test-'));
process.env.HWC_VPC_TEST_HOME = home;
process.env.N8N_USER_FOLDER ??= home;
process.env.HOME = home;
// Loopback requests must never go through a proxy.
process.env.NO_PROXY = '127.0.0.1,localhost';
process.env.no_proxy = '127.0.0.1,localhost';
// A jest project that runs the end-to-end suite against another n8n version (jest.config.js) names it here.
const projectVersion = (globalThis as { E2E_N8N_VERSION?: string }).E2E_N8N_VERSION;
if (projectVersion) process.env.N8N_VERSION = projectVersion;
