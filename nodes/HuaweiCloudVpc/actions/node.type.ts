import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { TransportContext } from '../transport/context';
import type { ApiItem } from '../transport/request';
import type { CreateLedger } from './create';

/** One resource an operation returns, and what the node looked up for it: the network interfaces servers stood for. */
export interface OperationItem extends ApiItem {
	resolvedPorts?: IDataObject;
}

/**
 * Every operation file exports one of these: it handles one input item, sending its requests through the
 * execution's transport, and returns what the API gave back, each resource apart from the ID of the request that
 * returned it and from what was looked up (the router decides how those are output). Creates also get the
 * execution's ledger of creates.
 */
export type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
	transport: TransportContext,
	creates: CreateLedger,
) => Promise<OperationItem | OperationItem[]>;

/**
 * An operation file may also export one of these: items with the same key never run at the same time (the router
 * runs them one after the other, in item order); undefined lets the item run alongside any other.
 */
export type ExclusiveKey = (this: IExecuteFunctions, itemIndex: number) => string | undefined;

export interface Operation {
	execute: OperationExecute;
	exclusiveKey?: ExclusiveKey;
}

export type HuaweiCloudVpcOperation =
	| 'trafficMirrorSession:create'
	| 'trafficMirrorSession:get'
	| 'trafficMirrorSession:getAll'
	| 'trafficMirrorSession:update'
	| 'trafficMirrorSession:delete'
	| 'trafficMirrorSession:addSources'
	| 'trafficMirrorSession:removeSources'
	| 'trafficMirrorFilter:create'
	| 'trafficMirrorFilter:get'
	| 'trafficMirrorFilter:getAll'
	| 'trafficMirrorFilter:update'
	| 'trafficMirrorFilter:delete'
	| 'trafficMirrorFilterRule:create'
	| 'trafficMirrorFilterRule:get'
	| 'trafficMirrorFilterRule:getAll'
	| 'trafficMirrorFilterRule:update'
	| 'trafficMirrorFilterRule:delete';
