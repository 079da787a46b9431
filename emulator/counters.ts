/** What the emulator saw and did, so tests can prove e.g. that a retried create did not create twice. */
import { EmulatorState } from './model';

export type ResourceKind = 'sessions' | 'filters' | 'rules' | 'ports';

export type FaultKind = 'throttled' | 'status' | 'dropped' | 'malformed' | 'redirected' | 'cut' | 'reshaped' | 'echoed' | 'endless';

export interface CountersSnapshot {
	requests: {
		total: number;
		/** By operation name (`CreateTrafficMirrorSession`, …, `ListPorts`, `Unknown`). */
		byOperation: Record<string, number>;
		/** By answered HTTP status, or `dropped` when the connection was destroyed. */
		byStatus: Record<string, number>;
	};
	faults: Record<FaultKind, number>;
	/** Resources created since the start or the last reset (successful creates only, faults after processing included). */
	created: Record<ResourceKind, number>;
	/** Successful session creates per session name. */
	sessionCreatesByName: Record<string, number>;
	/** Resources stored right now. */
	stored: Record<ResourceKind, number>;
}

const zeroKinds = (): Record<ResourceKind, number> => ({ sessions: 0, filters: 0, rules: 0, ports: 0 });
const zeroFaults = (): Record<FaultKind, number> => ({
	throttled: 0,
	status: 0,
	dropped: 0,
	malformed: 0,
	redirected: 0,
	cut: 0,
	reshaped: 0,
	echoed: 0,
	endless: 0,
});

export class Counters {
	private total = 0;
	private byOperation: Record<string, number> = {};
	private byStatus: Record<string, number> = {};
	private faults = zeroFaults();
	private created = zeroKinds();
	private sessionCreatesByName = new Map<string, number>();

	request(operation: string, outcome: number | 'dropped'): void {
		this.total++;
		this.byOperation[operation] = (this.byOperation[operation] ?? 0) + 1;
		this.byStatus[outcome] = (this.byStatus[outcome] ?? 0) + 1;
	}

	fault(kind: FaultKind): void {
		this.faults[kind]++;
	}

	resourceCreated(kind: ResourceKind): void {
		this.created[kind]++;
	}

	sessionCreated(name: string): void {
		this.sessionCreatesByName.set(name, (this.sessionCreatesByName.get(name) ?? 0) + 1);
	}

	snapshot(state: EmulatorState): CountersSnapshot {
		return {
			requests: { total: this.total, byOperation: { ...this.byOperation }, byStatus: { ...this.byStatus } },
			faults: { ...this.faults },
			created: { ...this.created },
			sessionCreatesByName: Object.fromEntries(this.sessionCreatesByName),
			stored: {
				sessions: state.sessions.size,
				filters: state.filters.size,
				rules: state.rules.size,
				ports: state.ports.size,
			},
		};
	}

	reset(): void {
		this.total = 0;
		this.byOperation = {};
		this.byStatus = {};
		this.faults = zeroFaults();
		this.created = zeroKinds();
		this.sessionCreatesByName.clear();
	}
}
