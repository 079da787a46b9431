/**
 * The workflows of the in-n8n benchmark. Each runs both contenders over the same 200 items, one after the other, in
 * one execution of one n8n: this node with Max Concurrent Requests set to the cell's in-flight count (or, in the loop
 * cell, in a Loop Over Items of one item), and n8n's HTTP Request node (no authentication) in a Loop Over Items of
 * that many items, which sends a batch's requests at once.
 */
import { randomUUID } from 'node:crypto';

import { EMULATOR_DEFAULTS } from '../emulator/defaults';
import { EMULATOR_CREDENTIAL, NODE_TYPE, type WorkflowFile } from '../scripts/n8n';
import { SESSIONS_PATH } from '../nodes/HuaweiCloudVpc/actions/trafficMirrorSession/session.resource';
import { PAGE_SIZE } from './engine-server';

export const ITEMS = 200;
export const THIS_NODE = 'Huawei Cloud VPC';
export const HTTP_REQUEST_NODE = 'HTTP Request';

export type Operation = 'create' | 'getManyPage';
export type Order = 'nodeFirst' | 'httpFirst';

export interface Cell {
	operation: Operation;
	inFlight: number;
	/**
	 * This node in a Loop Over Items of one item, so that each of its runs (an execution of the node, as a webhook per
	 * alert would make) has one item: what the execution's items share, they share with nobody.
	 */
	oneItemPerRun?: boolean;
}

const FILTER_ID = '6b1f0a3e-6c2f-4a8e-9a51-2f3c4d5e6f70';
const SOURCE_ID = '5e3a1b2c-0d4e-4f6a-8b7c-9d0e1f2a3b4c';
const TARGET_ID = '7c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

type WorkflowNode = Record<string, unknown> & { name: string };

function node(name: string, type: string, typeVersion: number, parameters: Record<string, unknown>): WorkflowNode {
	return { id: randomUUID(), name, type, typeVersion, position: [0, 0], parameters };
}

/** The session each contender creates for an item: the body this node builds from its parameters. */
const CREATE_BODY = `={{ JSON.stringify({ traffic_mirror_session: {
	name: $json.name,
	traffic_mirror_filter_id: '${FILTER_ID}',
	traffic_mirror_sources: ['${SOURCE_ID}'],
	traffic_mirror_target_type: 'eni',
	traffic_mirror_target_id: '${TARGET_ID}',
	priority: 11,
	enabled: true,
} }) }}`;

function thisNode({ operation, inFlight }: Cell): WorkflowNode {
	const requestOptions = { maxConcurrentRequests: inFlight };
	const parameters =
		operation === 'create'
			? {
					resource: 'trafficMirrorSession',
					operation: 'create',
					name: '={{ $json.name }}',
					trafficMirrorFilterId: byId(FILTER_ID),
					trafficMirrorSources: SOURCE_ID,
					trafficMirrorTargetType: 'eni',
					trafficMirrorTargetId: byId(TARGET_ID),
					priority: 11,
					requestOptions,
				}
			: { resource: 'trafficMirrorSession', operation: 'getAll', returnAll: false, limit: PAGE_SIZE, requestOptions };
	return { ...node(THIS_NODE, NODE_TYPE, 1, parameters), credentials: { huaweiCloudApi: { ...EMULATOR_CREDENTIAL } } };
}

function httpRequestNode(operation: Operation, serverUrl: string): WorkflowNode {
	const url = `${serverUrl}/v3/${EMULATOR_DEFAULTS.projectId}${SESSIONS_PATH}`;
	const accept = { sendHeaders: true, headerParameters: { parameters: [{ name: 'Accept', value: 'application/json' }] } };
	const parameters =
		operation === 'create'
			? { method: 'POST', url, ...accept, sendBody: true, specifyBody: 'json', jsonBody: CREATE_BODY, options: {} }
			: {
					method: 'GET',
					url,
					...accept,
					sendQuery: true,
					queryParameters: { parameters: [{ name: 'limit', value: String(PAGE_SIZE) }] },
					options: {},
				};
	return node(HTTP_REQUEST_NODE, 'n8n-nodes-base.httpRequest', 4.2, parameters);
}

const itemsNode = (name: string) =>
	node(name, 'n8n-nodes-base.code', 2, {
		jsCode: `return Array.from({ length: ${ITEMS} }, (_, index) => ({ json: { name: 'bench-' + index } }));`,
	});

const main = (target: string, index = 0) => ({ main: [[{ node: target, type: 'main', index }]] });

/** Loop Over Items: output 0 is "done", output 1 the next batch. */
const loopOutputs = (done: string | undefined, body: string) => ({
	main: [done ? [{ node: done, type: 'main', index: 0 }] : [], [{ node: body, type: 'main', index: 0 }]],
});

/** Manual Trigger, then both contenders over fresh items, in the order given. */
export function benchWorkflow(id: string, cell: Cell, order: Order, serverUrl: string): WorkflowFile {
	const loop = node('Loop Over Items', 'n8n-nodes-base.splitInBatches', 3, { batchSize: cell.inFlight, options: {} });
	const nodeLoop = cell.oneItemPerRun ? node('Loop For This Node', 'n8n-nodes-base.splitInBatches', 3, { batchSize: 1, options: {} }) : undefined;
	const nodes = [
		node('Start', 'n8n-nodes-base.manualTrigger', 1, {}),
		itemsNode('Items For This Node'),
		...(nodeLoop ? [nodeLoop] : []),
		thisNode(cell),
		itemsNode('Items For HTTP Request'),
		loop,
		httpRequestNode(cell.operation, serverUrl),
	].map((workflowNode, index) => ({ ...workflowNode, position: [index * 220, 0] }));
	const [first, last] = order === 'nodeFirst' ? ['Items For This Node', 'Items For HTTP Request'] : ['Items For HTTP Request', 'Items For This Node'];
	const connections: Record<string, unknown> = {
		Start: main(first),
		'Items For This Node': main(nodeLoop?.name ?? THIS_NODE),
		'Items For HTTP Request': main(loop.name),
		[loop.name]: loopOutputs(order === 'httpFirst' ? last : undefined, HTTP_REQUEST_NODE),
		[HTTP_REQUEST_NODE]: main(loop.name),
	};
	if (nodeLoop) {
		connections[nodeLoop.name] = loopOutputs(order === 'nodeFirst' ? last : undefined, THIS_NODE);
		connections[THIS_NODE] = main(nodeLoop.name);
	} else if (order === 'nodeFirst') {
		connections[THIS_NODE] = main(last);
	}
	return { id, name: `bench ${id}`, nodes, connections, settings: { executionOrder: 'v1' } };
}
