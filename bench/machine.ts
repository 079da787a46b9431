import { cpus, loadavg, totalmem } from 'node:os';

/** What the numbers were measured on, and how busy it was at the start and the end of the run. */
export interface Machine {
	cpu: string;
	cores: number;
	memory: string;
	node: string;
	platform: string;
	loadAtStart: string;
}

const load = () => loadavg().map((value) => value.toFixed(2)).join(' / ');

export function describeMachine(): Machine {
	const processors = cpus();
	return {
		cpu: processors[0]?.model.trim() ?? 'unknown',
		cores: processors.length,
		memory: `${Math.round(totalmem() / 1024 ** 3)} GiB`,
		node: process.version,
		platform: `${process.platform} ${process.arch}`,
		loadAtStart: load(),
	};
}

export function machineTable(machine: Machine): string {
	return [
		'| machine | |',
		'|---|---|',
		`| CPU | ${machine.cpu}, ${machine.cores} cores |`,
		`| memory | ${machine.memory} |`,
		`| Node | ${machine.node} (${machine.platform}) |`,
		`| load average (1/5/15 min) at start | ${machine.loadAtStart} |`,
		`| load average at end | ${load()} |`,
	].join('\n');
}
