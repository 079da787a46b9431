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
} satisfies Resource;
