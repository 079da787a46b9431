/**
 * Throttling and injected failures. A scripted fault list makes tests deterministic; random faults draw from a
 * seeded generator so that a failing run can be replayed with the same seed.
 */
import { DEFAULT_FAULTS, FaultSettings, FaultWhen, ScriptedFault, SecretSpelling, WrongShape } from './options';
import { isObject } from './validation';

/** An answer in place of the real one: a gateway error (`json`) or a proxy's HTML page (`html`). */
export interface PlannedFailure {
	kind: 'json' | 'html';
	code: number;
	when: FaultWhen;
}

/** A redirect in place of the real answer, before the operation runs. */
export interface PlannedRedirect {
	code: number;
	/** The origin the request is sent away to. */
	origin: string;
}

/** What happens to one request. */
export interface FaultPlan {
	throttle: boolean;
	latencyMs: number;
	drop?: FaultWhen;
	failure?: PlannedFailure;
	/** The real answer cut in the middle of its JSON: there is an answer to cut only after the operation ran. */
	truncate: boolean;
	/** How long the answer is held back after the operation ran. */
	lateAnswerMs: number;
	redirect?: PlannedRedirect;
	/** The real answer's head and half its body, then the connection destroyed. */
	cut: boolean;
	wrongShape?: WrongShape;
	/** A 401 echoing the security token, before the operation runs. */
	echoSecret?: SecretSpelling;
	/** An empty page with a fresh next_marker instead of the real page. */
	endlessPages: boolean;
}

/** Whether a scripted fault waits for this request: one of its operation, and a list one for endless pages. */
function strikes(fault: ScriptedFault, operation: string): boolean {
	if (fault.operation !== undefined && fault.operation !== operation) return false;
	return !fault.endlessPages || operation.startsWith('List');
}

/** mulberry32: tiny, fast and good enough to spread faults; seeded for replay. */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export class FaultEngine {
	private settings: FaultSettings;
	private random: () => number;
	private windowSecond = -1;
	private windowCount = 0;

	constructor(private readonly initial: Partial<FaultSettings>) {
		this.settings = { ...DEFAULT_FAULTS, ...initial, script: [...(initial.script ?? [])] };
		this.random = seededRandom(this.settings.seed);
	}

	current(): FaultSettings {
		return { ...this.settings, errorStatuses: [...this.settings.errorStatuses], script: [...this.settings.script] };
	}

	/** Changes only the given settings; a new `seed` restarts the generator. */
	update(partial: Partial<FaultSettings>): void {
		this.settings = { ...this.settings, ...partial };
		if (partial.script) this.settings.script = [...partial.script];
		if (partial.seed !== undefined) this.random = seededRandom(partial.seed);
	}

	/** Every setting back to its default, then the given ones. */
	replace(settings: Partial<FaultSettings>): void {
		this.settings = { ...DEFAULT_FAULTS, script: [] };
		this.random = seededRandom(DEFAULT_FAULTS.seed);
		this.update(settings);
	}

	/** Back to the settings the emulator was started with. */
	reset(): void {
		this.replace(this.initial);
		this.windowSecond = -1;
		this.windowCount = 0;
	}

	/** Counts the request in the current one-second window; false when the rate limit is exceeded. */
	admit(now: number): boolean {
		if (this.settings.rateLimit <= 0) return true;
		const second = Math.floor(now / 1000);
		if (second !== this.windowSecond) {
			this.windowSecond = second;
			this.windowCount = 0;
		}
		if (this.windowCount >= this.settings.rateLimit) return false;
		this.windowCount++;
		return true;
	}

	/** The first scripted fault that applies to this operation, or else the random ones. */
	plan(operation: string): FaultPlan {
		const script = this.settings.script;
		const index = script.findIndex((fault) => strikes(fault, operation));
		if (index < 0) return this.draw();
		// Endless pages stay, to strike every page the client asks for next.
		return this.fromScript(script[index].endlessPages ? script[index] : script.splice(index, 1)[0]);
	}

	private fromScript(fault: ScriptedFault): FaultPlan {
		const when = fault.when ?? 'before';
		let failure: PlannedFailure | undefined;
		// The HTML page takes the scripted status when there is one; a status alone is the gateway's JSON error.
		if (fault.malformed === 'html') failure = { kind: 'html', code: fault.status ?? 502, when };
		else if (fault.status !== undefined) failure = { kind: 'json', code: fault.status, when };
		return {
			throttle: fault.throttle === true,
			latencyMs: this.settings.latencyMs + (fault.latencyMs ?? 0),
			drop: fault.drop,
			failure: fault.redirect === undefined ? failure : undefined,
			truncate: fault.malformed === 'truncated',
			lateAnswerMs: fault.lateAnswerMs ?? 0,
			redirect: fault.redirect === undefined ? undefined : { code: fault.status ?? 302, origin: fault.redirect },
			cut: fault.cut === true,
			wrongShape: fault.wrongShape,
			echoSecret: fault.echoSecret,
			endlessPages: fault.endlessPages === true,
		};
	}

	private draw(): FaultPlan {
		const settings = this.settings;
		const plan: FaultPlan = {
			throttle: false,
			latencyMs: settings.latencyMs,
			truncate: false,
			lateAnswerMs: 0,
			cut: false,
			endlessPages: false,
		};
		const when = (setting: FaultWhen | 'random'): FaultWhen =>
			setting === 'random' ? (this.random() < 0.5 ? 'before' : 'after') : setting;
		if (settings.dropRate > 0 && this.random() < settings.dropRate) {
			plan.drop = when(settings.dropWhen);
		} else if (settings.errorRate > 0 && this.random() < settings.errorRate && settings.errorStatuses.length > 0) {
			const code = settings.errorStatuses[Math.floor(this.random() * settings.errorStatuses.length)];
			plan.failure = { kind: 'json', code, when: when(settings.errorWhen) };
		} else if (settings.malformedRate > 0 && this.random() < settings.malformedRate) {
			if (settings.malformedKind === 'truncated') plan.truncate = true;
			else plan.failure = { kind: 'html', code: 502, when: 'before' };
		}
		return plan;
	}
}

const WHEN_VALUES = ['before', 'after'] as const;
const MALFORMED_KINDS = ['truncated', 'html'] as const;
const NUMBER_SETTINGS = ['rateLimit', 'retryAfterSeconds', 'latencyMs', 'seed'] as const;
const RATE_SETTINGS = ['errorRate', 'dropRate', 'malformedRate'] as const;
const WRONG_SHAPES = ['withoutResource', 'empty', 'string'] as const;
const SECRET_SPELLINGS = ['raw', 'json', 'url'] as const;
const SCRIPT_KEYS = [
	'status',
	'when',
	'drop',
	'malformed',
	'throttle',
	'latencyMs',
	'lateAnswerMs',
	'redirect',
	'operation',
	'cut',
	'wrongShape',
	'echoSecret',
	'endlessPages',
];
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

function httpStatus(value: unknown, where: string): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 400 || value > 599) {
		throw new Error(`${where} must be an HTTP error status (400-599).`);
	}
	return value;
}

function milliseconds(value: unknown, where: string): number {
	if (typeof value !== 'number' || !(value >= 0)) throw new Error(`${where} must be >= 0.`);
	return value;
}

function origin(value: unknown, where: string): string {
	const url = typeof value === 'string' && URL.canParse(value) ? new URL(value) : undefined;
	if (!url || !['http:', 'https:'].includes(url.protocol) || url.origin !== String(value).replace(/\/$/, '')) {
		throw new Error(`${where} must be an http(s) origin such as http://127.0.0.1:8080.`);
	}
	return url.origin;
}

function choice<T extends string>(value: unknown, where: string, allowed: readonly T[]): T {
	if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
		throw new Error(`${where} must be one of: ${allowed.join(', ')}.`);
	}
	return value as T;
}

function flag(value: unknown, where: string): boolean {
	if (typeof value !== 'boolean') throw new Error(`${where} must be true or false.`);
	return value;
}

function scriptedFault(value: unknown, where: string): ScriptedFault {
	if (!isObject(value)) throw new Error(`${where} must be an object.`);
	const unknown = Object.keys(value).find((key) => !SCRIPT_KEYS.includes(key));
	if (unknown) throw new Error(`${where}: unknown key ${unknown} (allowed: ${SCRIPT_KEYS.join(', ')}).`);
	const fault: ScriptedFault = {};
	if (value.redirect !== undefined) {
		fault.redirect = origin(value.redirect, `${where}.redirect`);
		if (value.status !== undefined && !REDIRECT_STATUSES.includes(value.status as number)) {
			throw new Error(`${where}.status must be one of ${REDIRECT_STATUSES.join(', ')} with a redirect.`);
		}
		if (value.status !== undefined) fault.status = value.status as number;
	} else if (value.status !== undefined) fault.status = httpStatus(value.status, `${where}.status`);
	if (value.when !== undefined) fault.when = choice(value.when, `${where}.when`, WHEN_VALUES);
	if (value.drop !== undefined) fault.drop = choice(value.drop, `${where}.drop`, WHEN_VALUES);
	if (value.malformed !== undefined) {
		fault.malformed = choice(value.malformed, `${where}.malformed`, MALFORMED_KINDS);
	}
	if (value.throttle !== undefined) fault.throttle = flag(value.throttle, `${where}.throttle`);
	if (value.cut !== undefined) fault.cut = flag(value.cut, `${where}.cut`);
	if (value.wrongShape !== undefined) fault.wrongShape = choice(value.wrongShape, `${where}.wrongShape`, WRONG_SHAPES);
	if (value.echoSecret !== undefined) fault.echoSecret = choice(value.echoSecret, `${where}.echoSecret`, SECRET_SPELLINGS);
	if (value.endlessPages !== undefined) fault.endlessPages = flag(value.endlessPages, `${where}.endlessPages`);
	if (value.latencyMs !== undefined) fault.latencyMs = milliseconds(value.latencyMs, `${where}.latencyMs`);
	if (value.lateAnswerMs !== undefined) fault.lateAnswerMs = milliseconds(value.lateAnswerMs, `${where}.lateAnswerMs`);
	if (value.operation !== undefined) {
		if (typeof value.operation !== 'string' || value.operation === '') throw new Error(`${where}.operation must be an operation name.`);
		fault.operation = value.operation;
	}
	return fault;
}

/** Checks fault settings that come from outside (control API, CLI); throws an Error naming the bad setting. */
export function parseFaultSettings(value: unknown): Partial<FaultSettings> {
	if (!isObject(value)) throw new Error('Fault settings must be a JSON object.');
	const settings: Partial<FaultSettings> = {};
	for (const [key, item] of Object.entries(value)) {
		if ((NUMBER_SETTINGS as readonly string[]).includes(key)) {
			if (typeof item !== 'number' || !Number.isFinite(item) || item < 0) throw new Error(`${key} must be a number >= 0.`);
			settings[key as (typeof NUMBER_SETTINGS)[number]] = item;
		} else if ((RATE_SETTINGS as readonly string[]).includes(key)) {
			if (typeof item !== 'number' || !(item >= 0 && item <= 1)) throw new Error(`${key} must be between 0 and 1.`);
			settings[key as (typeof RATE_SETTINGS)[number]] = item;
		} else if (key === 'errorStatuses') {
			if (!Array.isArray(item)) throw new Error('errorStatuses must be an array of HTTP statuses.');
			settings.errorStatuses = item.map((status, index) => httpStatus(status, `errorStatuses[${index}]`));
		} else if (key === 'errorWhen' || key === 'dropWhen') {
			settings[key] = choice(item, key, [...WHEN_VALUES, 'random'] as const);
		} else if (key === 'malformedKind') {
			settings.malformedKind = choice(item, key, MALFORMED_KINDS);
		} else if (key === 'script') {
			if (!Array.isArray(item)) throw new Error('script must be an array of faults.');
			settings.script = item.map((fault, index) => scriptedFault(fault, `script[${index}]`));
		} else {
			throw new Error(`Unknown fault setting ${key}.`);
		}
	}
	return settings;
}
