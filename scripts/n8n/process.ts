import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';

export interface RunResult {
	code: number;
	stdout: string;
	stderr: string;
}

export interface RunOptions extends Pick<SpawnOptions, 'cwd' | 'env' | 'uid' | 'gid'> {
	/** Called with each line the command writes to stderr, as it comes (progress of long installs). */
	onStderrLine?: (line: string) => void;
}

/*
 * Every child started here leads its own process group, so that stopping it stops what it started in turn (n8n's task
 * runner, npm's compilers). They are stopped when this process exits, however it exits, so a failing demo or test
 * leaves nothing running.
 */
const liveChildren = new Set<ChildProcess>();
let stopsAtExit = false;
const GRACE_MS = 5_000;

/** A command in its own process group, stopped with everything it started by `stopChildren` or at exit. */
export function spawnTracked(command: string, args: string[], options: SpawnOptions): ChildProcess {
	const child = spawn(command, args, { ...options, detached: true });
	if (!stopsAtExit) process.on('exit', () => signalChildren('SIGKILL'));
	stopsAtExit = true;
	liveChildren.add(child);
	child.once('exit', () => liveChildren.delete(child));
	return child;
}

/** Sends `signal` to the process group of every child still running. */
function signalChildren(signal: NodeJS.Signals, children = [...liveChildren]): void {
	for (const child of children) {
		try {
			if (child.pid !== undefined) process.kill(-child.pid, signal);
		} catch {
			// The group is already gone.
		}
	}
}

/**
 * Stops every child still running with all it started: SIGTERM to each process group, and once the child has exited
 * or a few seconds have passed, SIGKILL to whatever of its group is left.
 */
export async function stopChildren(): Promise<void> {
	await stopChild(...liveChildren);
}

/** The same for the given children only. */
export async function stopChild(...children: ChildProcess[]): Promise<void> {
	signalChildren('SIGTERM', children);
	await Promise.all(children.map(async (child) => await exited(child, GRACE_MS)));
	signalChildren('SIGKILL', children);
}

/** Kills a child and all it started at once (SIGKILL to its process group), as a crash or an OOM kill would. */
export async function killChild(child: ChildProcess): Promise<void> {
	signalChildren('SIGKILL', [child]);
	await exited(child, GRACE_MS);
}

/** Resolves once the child has exited, or after `timeoutMs` at the latest. */
function exited(child: ChildProcess, timeoutMs: number): Promise<void> {
	return new Promise<void>((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) return resolve();
		const timer = setTimeout(resolve, timeoutMs);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
	});
}

/**
 * Resolves when a line of the child's output (stdout or stderr, both piped) matches `pattern`; rejects when the child
 * exits first or after `timeoutMs`, with the output so far.
 */
export async function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number, what: string): Promise<void> {
	let output = '';
	await new Promise<void>((resolve, reject) => {
		const done = (error?: Error) => {
			clearTimeout(timer);
			child.stdout?.off('data', onData);
			child.stderr?.off('data', onData);
			child.off('exit', onExit);
			if (error) reject(error);
			else resolve();
		};
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (pattern.test(output)) done();
		};
		const onExit = (code: number | null, signal: string | null) =>
			done(new Error(`${what} exited (${signal ?? `code ${code}`}) before it was ready:\n${output}`));
		const timer = setTimeout(() => done(new Error(`${what} was not ready after ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.once('exit', onExit);
	});
}

/** Runs a command to its end and collects its output; never throws for a non-zero exit (the caller judges). */
export async function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
	const child = spawnTracked(command, args, {
		cwd: options.cwd,
		env: options.env ?? process.env,
		uid: options.uid,
		gid: options.gid,
		stdio: 'pipe',
	});
	let stdout = '';
	let stderr = '';
	let pendingLine = '';
	child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => {
		const text = chunk.toString();
		stderr += text;
		if (!options.onStderrLine) return;
		const lines = (pendingLine + text).split('\n');
		pendingLine = lines.pop() ?? '';
		for (const line of lines) if (line.trim()) options.onStderrLine(line);
	});
	const code = await new Promise<number>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (exitCode, signal) => resolve(exitCode ?? (signal ? 128 : 1)));
	});
	if (pendingLine.trim()) options.onStderrLine?.(pendingLine);
	return { code, stdout, stderr };
}

/** A TCP port nobody listens on right now (n8n's task broker and editor need their own). */
export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	await new Promise((resolve) => server.close(resolve));
	if (address === null || typeof address === 'string') throw new Error('No free port');
	return address.port;
}
