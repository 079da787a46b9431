/** Looking for secrets in everything a run produced, the way n8n stores and shows it. */
import type { RunResult } from './engine';

/**
 * JSON of anything with every own property followed, enumerable or not (an error's message, stack and cause
 * included), and what its toJSON gives, cycles cut: a secret anywhere in an error's cause, context or description
 * is found.
 */
export function deepText(value: unknown): string {
	const seen = new WeakSet<object>();
	const walk = (node: unknown): unknown => {
		if (typeof node !== 'object' || node === null) return node;
		if (seen.has(node)) return '[seen]';
		seen.add(node);
		const copy: Record<string, unknown> = {};
		for (const key of Object.getOwnPropertyNames(node)) copy[key] = walk((node as Record<string, unknown>)[key]);
		// What JSON.stringify would write for it, which can differ (an HTTP client error's toJSON adds its request).
		const { toJSON } = node as { toJSON?: () => unknown };
		if (typeof toJSON === 'function') copy['toJSON()'] = walk(toJSON.call(node));
		return copy;
	};
	return JSON.stringify(walk(value)) ?? '';
}

/** Neither the output items nor the error contain any of the secrets. */
export function expectNoSecrets(result: RunResult, secrets: string[]): void {
	const everything = deepText(result.items) + deepText(result.error);
	for (const secret of secrets) expect(everything).not.toContain(secret);
}
