import type { IExecuteFunctions, NodeExecutionHint } from 'n8n-workflow';

const given = new WeakMap<IExecuteFunctions, Set<string>>();

/**
 * Shows a hint above the node's output in the editor, once per execution however many items give it. n8n versions
 * whose execution context has no hints get none.
 */
export function hintOnce(context: IExecuteFunctions, hint: NodeExecutionHint): void {
	if (typeof context.addExecutionHints !== 'function') return;
	const messages = given.get(context) ?? new Set<string>();
	given.set(context, messages);
	if (messages.has(hint.message)) return;
	messages.add(hint.message);
	context.addExecutionHints({ type: 'info', location: 'outputPane', ...hint });
}
