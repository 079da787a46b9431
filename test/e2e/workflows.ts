/** Building the workflows the end-to-end tests import into n8n: a Manual Trigger, then a chain of nodes. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DEMO_PORTS } from '../../emulator/server';
import { EMULATOR_CREDENTIAL, NODE_TYPE, REPO_ROOT, type WorkflowFile } from '../../scripts/n8n';

export const [WEB_01, WEB_02, DB_01, ANALYSER] = DEMO_PORTS.map((port) => port.id);

type WorkflowNode = Record<string, unknown> & { name: string };

export const TRIGGER = 'Start';

/** The Huawei Cloud VPC node with the emulator credential; `settings` are node settings such as `onError`. */
export function huaweiNode(name: string, parameters: Record<string, unknown>, settings: Record<string, unknown> = {}): WorkflowNode {
	return {
		id: randomUUID(),
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { huaweiCloudApi: { ...EMULATOR_CREDENTIAL } },
		...settings,
	};
}

/** A Code node that outputs one item per object; `$(...)` expressions in string values are not evaluated here. */
export function codeNode(name: string, jsCode: string): WorkflowNode {
	return { id: randomUUID(), name, type: 'n8n-nodes-base.code', typeVersion: 2, position: [0, 0], parameters: { jsCode } };
}

/** A resource locator given by ID, as the node's By ID mode stores it. */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** A shipped workflow of `examples/`, by file name. */
export const exampleWorkflow = (file: string) =>
	JSON.parse(readFileSync(join(REPO_ROOT, 'examples', file), 'utf8')) as WorkflowFile;

export const createFilterNode = (name: string) =>
	huaweiNode('Create Filter', { resource: 'trafficMirrorFilter', operation: 'create', name });

/** The ID of the filter that `createFilterNode` made earlier in the same run. */
export const FILTER_ID_OF_RUN = "={{ $('Create Filter').first().json.id }}";

/** Creates one session per input item, named and prioritised by the item's `name` and `priority`. */
export const createSessionsNode = (settings: Record<string, unknown> = {}, parameters: Record<string, unknown> = {}) =>
	huaweiNode(
		'Create Sessions',
		{
			resource: 'trafficMirrorSession',
			operation: 'create',
			name: '={{ $json.name }}',
			trafficMirrorFilterId: byId(FILTER_ID_OF_RUN),
			trafficMirrorSources: WEB_01,
			trafficMirrorTargetType: 'eni',
			trafficMirrorTargetId: byId(ANALYSER),
			priority: '={{ $json.priority }}',
			...parameters,
		},
		settings,
	);

/** Manual Trigger → nodes, one after the other. The id must hold a digit (execute-batch skips the others). */
export function chainWorkflow(id: string, nodes: WorkflowNode[]): WorkflowFile {
	const all: WorkflowNode[] = [
		{ id: randomUUID(), name: TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		...nodes,
	].map((node, index) => ({ ...node, position: [index * 220, 0] }));
	const connections: Record<string, unknown> = {};
	for (let index = 0; index < all.length - 1; index++) {
		connections[all[index].name] = { main: [[{ node: all[index + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name: `e2e ${id}`, nodes: all, connections, settings: { executionOrder: 'v1' } };
}
