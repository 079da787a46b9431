/** Output for people: steps with elapsed time (installing n8n takes minutes), and plain-text tables. */

const HEARTBEAT_MS = 15_000;

/** Runs a step, saying when it starts, that it is still going every few seconds, and how long it took. */
export async function withProgress<T>(label: string, task: () => Promise<T>): Promise<T> {
	const started = Date.now();
	const seconds = () => `${Math.round((Date.now() - started) / 1000)}s`;
	console.log(`${label}...`);
	const heartbeat = setInterval(() => console.log(`  ... ${label.toLowerCase()}: still working (${seconds()})`), HEARTBEAT_MS);
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
