import type { Resource } from '../resource';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

/** Traffic Mirror Filter Rules: the picker's entry, and its operations, each declared in its own file. */
export const trafficMirrorFilterRule = {
	option: {
		name: 'Traffic Mirror Filter Rule',
		value: 'trafficMirrorFilterRule',
		description: 'One rule of a traffic mirror filter: packets it matches are mirrored (accept) or left out (reject)',
	},
	operations: { create, delete: del, get, getAll, update },
	simplified: ['id', 'traffic_mirror_filter_id', 'direction', 'action', 'protocol', 'ethertype', 'priority', 'source_cidr_block', 'destination_cidr_block', 'source_port_range', 'destination_port_range'],
} satisfies Resource;
