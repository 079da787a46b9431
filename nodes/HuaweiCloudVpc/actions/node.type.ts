import type { IExecuteFunctions } from 'n8n-workflow';

import type { TransportContext } from '../transport/context';
import type { ApiItem } from '../transport/request';

/**
 * Every operation file exports one of these: it handles one input item, sending its requests through the
 * execution's transport, and returns what the API gave back, each resource apart from the ID of the request that
 * returned it (the router decides whether that ID is output).
 */
export type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
	transport: TransportContext,
) => Promise<ApiItem | ApiItem[]>;

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
