/**
 * The servers n8n's queue mode runs on: Redis (the job queue) and PostgreSQL (the database main and workers share;
 * n8n does not support queue mode on SQLite). Each runs on a free loopback port with its data in a temporary folder,
 * and is stopped, its folder removed, by `stop()` (or killed when this process exits). Installed, when missing, by
 * `scripts/ensure-queue-services.sh`.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { REPO_ROOT } from './install';
import { freePort, run, spawnTracked, stopChild, waitForOutput } from './process';

const START_TIMEOUT_MS = 60_000;

export interface RunningService {
	port: number;
	stop(): Promise<void>;
}

export interface RunningPostgres extends RunningService {
	database: string;
	user: string;
}

/** Installs Redis and PostgreSQL when missing (apt-get) and returns PostgreSQL's program folder. */
export async function ensureQueueServices(): Promise<string> {
	const result = await run('bash', [join(REPO_ROOT, 'scripts', 'ensure-queue-services.sh')]);
	const folder = result.stdout.trim().split('\n').pop();
	if (result.code !== 0 || !folder) {
		throw new Error(`scripts/ensure-queue-services.sh failed (exit ${result.code}):\n${result.stderr}`);
	}
	return folder;
}

/** Redis on 127.0.0.1, nothing persisted. */
export async function startRedis(): Promise<RunningService> {
	const folder = mkdtempSync(join(tmpdir(), 'hwc-vpc-redis-'));
	const port = await freePort();
	const child = spawnTracked(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', folder],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	const stop = async () => {
		await stopChild(child);
		rmSync(folder, { recursive: true, force: true });
	};
	try {
		await waitForOutput(child, /Ready to accept connections/, START_TIMEOUT_MS, 'redis-server');
	} catch (error) {
		await stop();
		throw error;
	}
	return { port, stop };
}

/**
 * A PostgreSQL cluster of its own on 127.0.0.1 (trust authentication, durability off: it lives for one test run),
 * with an empty database for n8n. PostgreSQL refuses to run as root; as root, it runs as Debian's `postgres` user.
 */
export async function startPostgres(binFolder: string): Promise<RunningPostgres> {
	const folder = mkdtempSync(join(tmpdir(), 'hwc-vpc-postgres-'));
	const data = join(folder, 'data');
	const owner = process.getuid?.() === 0 ? postgresUser() : {};
	if (owner.uid !== undefined && owner.gid !== undefined) chownSync(folder, owner.uid, owner.gid);
	const user = 'n8n';
	const database = 'n8n';
	const program = (name: string) => join(binFolder, name);

	const init = await run(program('initdb'), ['-D', data, '-U', user, '--auth=trust', '-E', 'UTF8', '--no-sync'], owner);
	if (init.code !== 0) {
		rmSync(folder, { recursive: true, force: true });
		throw new Error(`initdb failed (exit ${init.code}):\n${init.stdout}\n${init.stderr}`);
	}
	const port = await freePort();
	const child = spawnTracked(
		program('postgres'),
		[
			'-D', data,
			'-h', '127.0.0.1',
			'-p', String(port),
			'-k', folder,
			'-c', 'fsync=off',
			'-c', 'synchronous_commit=off',
			'-c', 'full_page_writes=off',
			'-c', 'max_connections=200',
		],
		{ ...owner, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	const stop = async () => {
		await stopChild(child);
		rmSync(folder, { recursive: true, force: true });
	};
	try {
		await waitForOutput(child, /database system is ready to accept connections/, START_TIMEOUT_MS, 'postgres');
		const create = await run(program('createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', user, database], owner);
		if (create.code !== 0) throw new Error(`createdb failed (exit ${create.code}):\n${create.stderr}`);
	} catch (error) {
		await stop();
		throw error;
	}
	return { port, database, user, stop };
}

function postgresUser(): { uid?: number; gid?: number } {
	const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
	try {
		return { uid: id('-u'), gid: id('-g') };
	} catch {
		throw new Error('PostgreSQL does not run as root, and there is no "postgres" user to run it as (Debian\'s postgresql package creates it).');
	}
}
