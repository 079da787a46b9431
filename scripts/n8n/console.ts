/** Output for people: steps with elapsed time (installing n8n takes minutes), failures that say what to do, tables. */

const HEARTBEAT_MS = 15_000;

/**
 * A step of a long preparation that failed: which step, the reason in one line, what the user can do about it, and
 * the whole output of whatever failed for those who want to look.
 */
export class StepFailure extends Error {
	constructor(
		readonly step: string,
		readonly reason: string,
		readonly advice: string,
		readonly details = '',
	) {
		super(`${step} failed: ${reason}`);
	}

	/** One line: what failed and what to do. */
	get summary(): string {
		return `${this.step} failed: ${this.reason.replace(/[.\s]+$/, '')}. ${this.advice}`;
	}
}

/** Runs `task`; any error it throws becomes a StepFailure of `step` with `advice` (a StepFailure passes through). */
export async function step<T>(label: string, advice: string, task: () => Promise<T>): Promise<T> {
	try {
		return await task();
	} catch (error) {
		if (error instanceof StepFailure) throw error;
		const text = error instanceof Error ? error.message : String(error);
		const lines = text.split('\n').filter((line) => line.trim() !== '');
		throw new StepFailure(label, lines[0] ?? 'no reason given', advice, lines.length > 1 ? text : '');
	}
}

/**
 * Runs a step, saying when it starts and how long it took. Steps that print no progress of their own get a line
 * every 15 seconds saying they are still working.
 */
export async function withProgress<T>(label: string, task: () => Promise<T>, options: { heartbeat?: boolean } = {}): Promise<T> {
	const started = Date.now();
	const seconds = () => `${Math.round((Date.now() - started) / 1000)} s`;
	console.log(`${label}...`);
	const heartbeat =
		options.heartbeat === false
			? undefined
			: setInterval(() => console.log(`  ... ${label.toLowerCase()}: still working (${seconds()})`), HEARTBEAT_MS);
	try {
		const result = await task();
		console.log(`${label}: done in ${seconds()}`);
		return result;
	} finally {
		clearInterval(heartbeat);
	}
}

export function printTable(headers: string[], rows: string[][]): void {
	const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)));
	const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
	console.log(line(headers));
	console.log(line(widths.map((width) => '-'.repeat(width))));
	for (const row of rows) console.log(line(row));
}
