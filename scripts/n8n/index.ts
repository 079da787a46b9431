/**
 * A real n8n with this package installed as a community package and a credential for the local emulator:
 * what the demo, the dev editor and the end-to-end tests all start from.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { EMULATOR_DEFAULTS } from '../../emulator/defaults';
import { buildAndPack, ensureN8n, installCommunityPackage, REPO_ROOT, type PackedPackage, type Progress } from './install';
import { step } from './console';
import { N8nInstance, type CredentialFile } from './instance';

export { N8nInstance } from './instance';
export type { BatchResult, CredentialFile, WorkflowFile } from './instance';
export { buildAndPack, ensureN8n, installCommunityPackage, REPO_ROOT } from './install';
export type { PackedPackage, Progress } from './install';
export { nodeItems, nodeJson, parseRunOutput, runSucceeded } from './run';
export { DEMO_ANALYSER, DEMO_CREATE_SESSIONS_PICKS, picksOf, withPicks } from './picks';
export type { N8nItem, N8nRun } from './run';
export { freePort, stopChildren } from './process';
export { StepFailure } from './console';

/** The node's type once installed as a community package: `<package name>.<node name>`. */
export const NODE_TYPE = 'n8n-nodes-huaweicloud-vpc.huaweiCloudVpc';

/** The credential every example workflow refers to. */
export const EMULATOR_CREDENTIAL = { id: 'hwcEmulatorCredential', name: 'Huawei Cloud (local emulator)' } as const;

export function emulatorCredential(emulatorUrl: string): CredentialFile {
	return {
		...EMULATOR_CREDENTIAL,
		type: 'huaweiCloudApi',
		data: {
			accessKeyId: EMULATOR_DEFAULTS.accessKeyId,
			secretAccessKey: EMULATOR_DEFAULTS.secretAccessKey,
			projectId: EMULATOR_DEFAULTS.projectId,
			region: 'custom',
			endpoint: emulatorUrl,
			// The emulator serves the ELB API too.
			elbEndpoint: emulatorUrl,
		},
	};
}

export interface PreparedN8n {
	n8n: N8nInstance;
	packed: PackedPackage;
	/** Removes the packed tarball, and the user folder unless the caller chose it. */
	dispose(): void;
}

/**
 * Ensures n8n, builds and packs this package, installs it into a fresh user folder, imports the emulator credential.
 * A failure is a StepFailure: which step, why, and what to do.
 */
export async function prepareN8n(options: {
	emulatorUrl: string;
	onProgress?: Progress;
	root?: string;
	/** A user folder to keep (the dev editor's workflows survive restarts); by default a fresh temporary one. */
	userFolder?: (n8nRoot: string) => string;
}): Promise<PreparedN8n> {
	const progress = options.onProgress ?? (() => {});
	const n8nRoot = await step(
		'Installing n8n',
		'Check the connection to the npm registry, then run the same command again: it resumes the install and repairs what it finds broken.',
		() => ensureN8n(options.onProgress),
	);
	progress('Building and packing the package (npm pack)...');
	const packFolder = mkdtempSync(join(tmpdir(), 'hwc-vpc-pack-'));
	const keptUserFolder = options.userFolder?.(n8nRoot);
	const n8n = new N8nInstance(n8nRoot, keptUserFolder);
	const dispose = () => {
		if (!keptUserFolder) n8n.dispose();
		rmSync(packFolder, { recursive: true, force: true });
	};
	try {
		const packed = await step('Building and packing the package', 'Run `npm run build` to see the compiler\'s errors.', () =>
			buildAndPack(packFolder, options.root ?? REPO_ROOT),
		);
		progress(`Installing ${packed.name}@${packed.version} into n8n as a community package...`);
		await step('Installing the package into n8n', 'npm\'s error is above; run the same command again.', () =>
			installCommunityPackage(n8n.userFolder, packed),
		);
		progress('Importing the emulator credential...');
		await step(
			'Importing the emulator credential into n8n',
			'n8n\'s output is above; `bash scripts/ensure-n8n.sh --check` says whether the cached n8n is ready.',
			() => n8n.importCredentials([emulatorCredential(options.emulatorUrl)]),
		);
		return { n8n, packed, dispose };
	} catch (error) {
		dispose();
		throw error;
	}
}
