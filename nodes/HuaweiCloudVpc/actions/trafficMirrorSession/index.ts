import type { Resource } from '../resource';
import * as addSources from './addSources.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as mirrorServer from './mirrorServer.operation';
import * as removeSources from './removeSources.operation';
import * as stopMirroringServer from './stopMirroringServer.operation';
import * as update from './update.operation';

/** Traffic Mirror Sessions: the picker's entry, and its operations, each declared in its own file. */
export const trafficMirrorSession = {
	option: {
		name: 'Traffic Mirror Session',
		value: 'trafficMirrorSession',
		description: 'Copies the traffic of network interfaces to a target for analysis',
	},
	operations: { addSources, create, delete: del, get, getAll, mirrorServer, removeSources, stopMirroringServer, update },
	simplified: ['id', 'name', 'enabled', 'traffic_mirror_sources', 'traffic_mirror_target_id', 'traffic_mirror_target_type', 'traffic_mirror_filter_id', 'priority'],
} satisfies Resource;
