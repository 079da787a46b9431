/**
 * The node as published (dist/, built by `npm run bench`) is the one benchmarked. It is also handed to the test
 * engine helper: under tsx, that helper's import of `…/HuaweiCloudVpc.node` resolves to the codex file
 * `HuaweiCloudVpc.node.json` beside the source (Node tries `.json` before `.ts`), so that path is answered from
 * the module cache with the built node. Import this before anything that imports the engine helper.
 */
import Module from 'node:module';
import { join } from 'node:path';

import type { HuaweiCloudVpc as NodeClass } from '../nodes/HuaweiCloudVpc/HuaweiCloudVpc.node';

const ROOT = join(__dirname, '..');
export const BUILT_NODE_FILE = join(ROOT, 'dist/nodes/HuaweiCloudVpc/HuaweiCloudVpc.node.js');
export const BUILT_CREDENTIAL_FILE = join(ROOT, 'dist/credentials/HuaweiCloudApi.credentials.js');

const built = Module.createRequire(__filename)(BUILT_NODE_FILE) as { HuaweiCloudVpc: typeof NodeClass };
export const { HuaweiCloudVpc } = built;

const codexPath = join(ROOT, 'nodes/HuaweiCloudVpc/HuaweiCloudVpc.node.json');
const cached = new Module(codexPath);
cached.filename = codexPath;
cached.loaded = true;
cached.exports = built;
require.cache[codexPath] = cached;
