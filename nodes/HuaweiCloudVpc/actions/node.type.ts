import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** Every operation file exports one of these: it handles one input item and returns what the API gave back. */
export type OperationExecute = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

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
