import type { Resource } from '../resource';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

/** Traffic Mirror Filters: the picker's entry, and its operations, each declared in its own file. */
export const trafficMirrorFilter = {
	option: {
		name: 'Traffic Mirror Filter',
		value: 'trafficMirrorFilter',
		description: 'Selects which packets a traffic mirror session copies, through its ingress and egress rules',
	},
	operations: { create, delete: del, get, getAll, update },
	simplified: ['id', 'name', 'description'],
} satisfies Resource;
