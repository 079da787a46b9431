/**
 * `npm run demo` as a user runs it, through npm: when it fails or is interrupted it stops everything it started and
 * ends with one line saying what failed and what to do.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { REPO_ROOT } from '../../scripts/n8n/install';
import { PREPARE_TIMEOUT_MS } from '../e2e/setup';

interface Demo {
	child: ChildProcess;
	output: () => string;
	exited: Promise<number | null>;
}

/** `npm run demo` in a process group of its own, as a terminal starts it (so Ctrl-C can reach the whole group). */
function startDemo(env: NodeJS.ProcessEnv = {}): Demo {
	const child = spawn('npm', ['run', 'demo'], { cwd: REPO_ROOT, env: { ...process.env, ...env }, detached: true });
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<number | null>((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : null))));
	return { child, output: () => output, exited };
}

/** The processes descending from `pid` (by parent links in /proc), with their command lines. */
function descendants(pid: number): Array<{ pid: number; command: string }> {
	const parents = new Map<number, number>();
	const commands = new Map<number, string>();
	for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			// The command name in parentheses may hold spaces: the parent pid is the second field after it.
			parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
			commands.set(Number(entry), readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim());
		} catch {
			// Gone meanwhile.
		}
	}
	const found: Array<{ pid: number; command: string }> = [];
	const visit = (parent: number) => {
		for (const [child, itsParent] of parents) {
			if (itsParent !== parent) continue;
			found.push({ pid: child, command: commands.get(child) ?? '' });
			visit(child);
		}
	};
	visit(pid);
	return found;
}

const isAlive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

const lastLine = (text: string) => text.trim().split('\n').pop();

test('a demo that cannot install n8n fails in one line that says what failed and what to do', async () => {
	const cache = mkdtempSync(join(tmpdir(), 'hwc-vpc-demo-cache-'));
	try {
		const demo = startDemo({ N8N_CACHE_DIR: cache, N8N_VERSION: '0.0.0-no-such-version' });

		expect(await demo.exited).toBe(1);
		expect(lastLine(demo.output())).toMatch(
			/^The demo failed\. Installing n8n failed: Could not finish downloading n8n \(exit \d+\): .*0\.0\.0-no-such-version.*\. Check the connection to the npm registry, then run the same command again/,
		);
	} finally {
		rmSync(cache, { recursive: true, force: true });
	}
}, 120_000);

test('an interrupted demo stops n8n and everything else it started', async () => {
	const demo = startDemo();
	let started: Array<{ pid: number; command: string }> = [];
	// Wait until n8n is running the workflow, then interrupt as Ctrl-C does: SIGINT to the whole process group.
	for (;;) {
		const exitedEarly = await Promise.race([demo.exited, new Promise<'running'>((wake) => setTimeout(() => wake('running'), 100))]);
		if (exitedEarly !== 'running') throw new Error(`The demo ended before n8n ran:\n${demo.output()}`);
		started = descendants(demo.child.pid as number);
		if (demo.output().includes('Running it headlessly') && started.some(({ command }) => / execute --id=/.test(command))) break;
	}
	process.kill(-(demo.child.pid as number), 'SIGINT');
	// npm itself dies of the SIGINT; its output closes once the demo below it has finished stopping everything.
	await demo.exited;

	expect(demo.output()).toContain('The demo was interrupted (SIGINT); stopping n8n and the emulator.');
	const survivors = started.filter(({ pid }) => isAlive(pid));
	expect(survivors).toEqual([]);
}, PREPARE_TIMEOUT_MS);
