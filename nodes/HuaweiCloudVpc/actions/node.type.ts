import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

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

/** The operation's entry in its resource's Operation dropdown; its value is its key in the resource's `operations`. */
export interface OperationOption {
	name: string;
	description: string;
	action: string;
}

/** What every operation file exports: its dropdown entry, its parameters, and how it runs one item. */
export interface Operation {
	option: OperationOption;
	description: INodeProperties[];
	execute: OperationExecute;
	exclusiveKey?: ExclusiveKey;
}
