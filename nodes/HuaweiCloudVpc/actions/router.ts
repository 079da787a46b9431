import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { n8nClock, type Clock } from '../transport/clock';
import { itemsLabel } from '../fields/read';
import { createTransportContext } from '../transport/context';
import { runItems } from './itemRunner';
import { CreateLedger } from './create';
import type { Operation, OperationItem } from './node.type';
import { readRequestOptions, REQUEST_ID_KEY } from './options';
import { RESOLVED_PORTS_KEY } from './port/resolve';
import { operationOf, simplifiedFieldsOf } from './resources';
import { hasSimplify, readSimplify, simplified } from './simplify';

function pickOperation(this: IExecuteFunctions, resource: string, operation: string): Operation {
	const picked = operationOf(resource, operation);
	if (picked) return picked;
	throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
}

/**
 * Runs the chosen operation once per input item, up to Max Concurrent Requests items at once (items an operation
 * declares exclusive of each other one after the other); owns pairedItem and Continue On Fail. The Request Options
 * become the policy of this execution's transport, which every item shares, as they share its ledger of creates.
 * Once the execution is cancelled, no further item starts and no error becomes an output item.
 */
export async function router(this: IExecuteFunctions, clock: Clock = n8nClock): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = pickOperation.call(this, resource, this.getNodeParameter('operation', 0) as string);
	const { maxConcurrentRequests, includeRequestId, ...policy } = readRequestOptions(this);
	const transport = createTransportContext(this, policy, clock);
	const creates = new CreateLedger();
	// Read per item only where the operation has it: a parameter looked up on every item of a create costs time.
	const simplifiable = hasSimplify(operation);
	const cancelled = () => transport.cancelSignal?.aborted === true;
	const perItem = await runItems(
		items.length,
		maxConcurrentRequests,
		async (itemIndex) => {
			try {
				const result = await operation.execute.call(this, itemIndex, transport, creates);
				const keep = simplifiable && readSimplify(this, itemIndex) ? simplifiedFieldsOf(resource) : undefined;
				return toItems(result, itemIndex, includeRequestId, keep);
			} catch (error) {
				const nodeError = withItemIndex(this, error, itemIndex);
				if (this.continueOnFail() && !cancelled()) return [errorItem(this, nodeError, itemIndex)];
				throw nodeError;
			}
		},
		{ exclusiveKey: (itemIndex) => exclusiveKey(this, operation, itemIndex), cancelled },
		(unrun) =>
			new NodeOperationError(this.getNode(), 'The execution was cancelled', {
				itemIndex: unrun[0],
				description: `Not run, so nothing was sent for ${itemsLabel(unrun)}.`,
			}),
	);
	return [perItem.flat()];
}

/** The item's exclusive key; an item whose parameters cannot be read has none, and fails on its own when it runs. */
function exclusiveKey(context: IExecuteFunctions, operation: Operation, itemIndex: number): string | undefined {
	try {
		return operation.exclusiveKey?.call(context, itemIndex);
	} catch {
		return undefined;
	}
}

/**
 * One output item per resource: the resource's fields (only those its resource keeps with Simplify on), then, each
 * under a key of its own, what the node looked up for it and, when asked for, its request ID.
 */
function toItems(
	result: OperationItem | OperationItem[],
	itemIndex: number,
	includeRequestId: boolean,
	keep: readonly string[] | undefined,
): INodeExecutionData[] {
	return (Array.isArray(result) ? result : [result]).map(({ data, requestId, resolvedPorts }) => ({
		json: {
			...(keep ? simplified(data, keep) : data),
			...(resolvedPorts && { [RESOLVED_PORTS_KEY]: resolvedPorts }),
			...(includeRequestId && requestId !== undefined && { [REQUEST_ID_KEY]: requestId }),
		},
		pairedItem: { item: itemIndex },
	}));
}

/**
 * A failed item under Continue On Fail. On the regular output its json holds the message, the description and the
 * HTTP status. "Continue (using error output)" sends an item to the error output only when the item carries the error
 * itself, and n8n then keeps just the message in the json (the details stay on the item's `error`).
 */
function errorItem(
	context: IExecuteFunctions,
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
): INodeExecutionData {
	const pairedItem = { item: itemIndex };
	if (context.getNode().onError === 'continueErrorOutput') return { json: { error: error.message }, error, pairedItem };
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	return { json, pairedItem };
}

function withItemIndex(
	context: IExecuteFunctions,
	error: Error,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), error, { itemIndex });
}
