import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { Clock } from '../transport/clock';
import { createTransportContext } from '../transport/context';
import { runItems } from './itemRunner';
import type { HuaweiCloudVpcOperation, OperationExecute, OperationItem } from './node.type';
import { readRequestOptions, REQUEST_ID_KEY } from './options';
import { RESOLVED_PORTS_KEY } from './port/resolve';
import * as trafficMirrorFilter from './trafficMirrorFilter';
import * as trafficMirrorFilterRule from './trafficMirrorFilterRule';
import * as trafficMirrorSession from './trafficMirrorSession';

function pickOperation(this: IExecuteFunctions, resource: string, operation: string): OperationExecute {
	// Typed, so that a case naming an operation the node does not declare is a compile error.
	switch (`${resource}:${operation}` as HuaweiCloudVpcOperation) {
		case 'trafficMirrorSession:create':
			return trafficMirrorSession.create.execute;
		case 'trafficMirrorSession:get':
			return trafficMirrorSession.get.execute;
		case 'trafficMirrorSession:getAll':
			return trafficMirrorSession.getAll.execute;
		case 'trafficMirrorSession:update':
			return trafficMirrorSession.update.execute;
		case 'trafficMirrorSession:delete':
			return trafficMirrorSession.delete.execute;
		case 'trafficMirrorSession:addSources':
			return trafficMirrorSession.addSources.execute;
		case 'trafficMirrorSession:removeSources':
			return trafficMirrorSession.removeSources.execute;
		case 'trafficMirrorFilter:create':
			return trafficMirrorFilter.create.execute;
		case 'trafficMirrorFilter:get':
			return trafficMirrorFilter.get.execute;
		case 'trafficMirrorFilter:getAll':
			return trafficMirrorFilter.getAll.execute;
		case 'trafficMirrorFilter:update':
			return trafficMirrorFilter.update.execute;
		case 'trafficMirrorFilter:delete':
			return trafficMirrorFilter.delete.execute;
		case 'trafficMirrorFilterRule:create':
			return trafficMirrorFilterRule.create.execute;
		case 'trafficMirrorFilterRule:get':
			return trafficMirrorFilterRule.get.execute;
		case 'trafficMirrorFilterRule:getAll':
			return trafficMirrorFilterRule.getAll.execute;
		case 'trafficMirrorFilterRule:update':
			return trafficMirrorFilterRule.update.execute;
		case 'trafficMirrorFilterRule:delete':
			return trafficMirrorFilterRule.delete.execute;
		default:
			throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
}

/**
 * Runs the chosen operation once per input item, up to Max Concurrent Requests items at once; owns pairedItem and
 * Continue On Fail. The Request Options become the policy of this execution's transport, which every item shares.
 */
export async function router(this: IExecuteFunctions, clock: Clock): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = pickOperation.call(this, resource, operation);
	const { maxConcurrentRequests, includeRequestId, ...policy } = readRequestOptions(this);
	const transport = createTransportContext(this, policy, clock);
	const perItem = await runItems(items.length, maxConcurrentRequests, async (itemIndex) => {
		try {
			return toItems(await execute.call(this, itemIndex, transport), itemIndex, includeRequestId);
		} catch (error) {
			if (this.continueOnFail()) return [{ json: errorJson(error), pairedItem: { item: itemIndex } }];
			throw withItemIndex(this, error, itemIndex);
		}
	});
	return [perItem.flat()];
}

/**
 * One output item per resource: the resource's fields, then, each under a key of its own, what the node looked up
 * for it and, when asked for, its request ID.
 */
function toItems(result: OperationItem | OperationItem[], itemIndex: number, includeRequestId: boolean): INodeExecutionData[] {
	return (Array.isArray(result) ? result : [result]).map(({ data, requestId, resolvedPorts }) => ({
		json: {
			...data,
			...(resolvedPorts && { [RESOLVED_PORTS_KEY]: resolvedPorts }),
			...(includeRequestId && requestId !== undefined && { [REQUEST_ID_KEY]: requestId }),
		},
		pairedItem: { item: itemIndex },
	}));
}

function errorJson(error: Error): IDataObject {
	const json: IDataObject = { error: error.message };
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.description) json.description = error.description;
		if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	}
	return json;
}

function withItemIndex(context: IExecuteFunctions, error: Error, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), error, { itemIndex });
}
