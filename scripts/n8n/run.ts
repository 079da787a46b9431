/** Reading what `n8n execute --rawOutput` prints: the run (n8n's IRun) as indented JSON among log lines. */
import type { RunResult } from './process';

export interface N8nItem {
	json: Record<string, unknown>;
	pairedItem?: { item: number } | Array<{ item: number }>;
}

export interface N8nTaskData {
	executionStatus?: string;
	/** How long the node's run took, in ms, as n8n measured it. */
	executionTime?: number;
	error?: { message?: string; description?: string };
	data?: { main?: Array<N8nItem[] | null> };
}

export interface N8nRun {
	status?: string;
	finished?: boolean;
	data: {
		resultData: {
			runData: Record<string, N8nTaskData[]>;
			error?: { message?: string; description?: string; node?: { name?: string } };
			lastNodeExecuted?: string;
		};
	};
	/** The exit code of the command that printed the run (not part of n8n's IRun). */
	exitCode?: number;
}

/**
 * Finds the run in the command's output. The JSON starts on a line that is just `{`, ends on a line that is just `}`,
 * and may be surrounded by log lines; it is recognised by its `data.resultData`. Without a run, the command failed
 * before or while printing it (a missing workflow, a crash): that is an error with the command's whole output.
 */
export function parseRunOutput(result: RunResult): N8nRun {
	const lines = result.stdout.split('\n');
	const starts = lines.flatMap((line, index) => (line === '{' ? [index] : []));
	const ends = lines.flatMap((line, index) => (line === '}' ? [index] : [])).reverse();
	for (const start of starts) {
		for (const end of ends) {
			if (end <= start) break;
			const run = tryParseRun(lines.slice(start, end + 1).join('\n'));
			if (run) return { ...run, exitCode: result.code };
		}
	}
	throw new Error(`n8n printed no run (exit ${result.code}):\n${result.stdout}\n${result.stderr}`.trim());
}

function tryParseRun(text: string): N8nRun | undefined {
	try {
		const value = JSON.parse(text) as N8nRun;
		return value?.data?.resultData?.runData ? value : undefined;
	} catch {
		return undefined;
	}
}

/** Whether the run succeeded by every sign: exit code, status, and no workflow error. */
export function runSucceeded(run: N8nRun): boolean {
	return (run.exitCode ?? 0) === 0 && run.status === 'success' && !run.data.resultData.error;
}

/** The items a node sent on its first output in its last run (empty when it did not run). */
export function nodeItems(run: N8nRun, nodeName: string): N8nItem[] {
	const taskRuns = run.data.resultData.runData[nodeName];
	if (!taskRuns?.length) return [];
	return taskRuns[taskRuns.length - 1].data?.main?.[0] ?? [];
}

/** The JSON of those items. */
export function nodeJson(run: N8nRun, nodeName: string): Array<Record<string, unknown>> {
	return nodeItems(run, nodeName).map((item) => item.json);
}
