/**
 * Where each contender's CPU time goes, from a V8 CPU profile of the n8n process (`node --cpu-prof`): every sample is
 * billed to the first part of the work it finds on its call stack, reading from the node's own frame outwards to the
 * leaf. Only synchronous work is seen this way (a socket's callbacks run on stacks of their own), so the figures are
 * the CPU each node spends on its own call stack, not its whole time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string };
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

export type Part = 'parameters' | 'signing' | 'httpHelper' | 'ownCode';
export const PARTS: Record<Part, string> = {
	parameters: "reading parameters (n8n's getNodeParameter, expressions)",
	signing: "signing (the credential's authenticate)",
	httpHelper: "n8n's HTTP helper, up to its first await (the rest runs on stacks of its own)",
	ownCode: "the node's own code (validation, body, answer, output items)",
};

export interface Attribution {
	/** ms of CPU on the node's own call stack, per item, by part. */
	node: Record<Part, number>;
	httpRequest: Record<Part, number>;
}

const THIS_NODE_CODE = '/n8n-nodes-huaweicloud-vpc/dist/';
const HTTP_REQUEST_CODE = '/HttpRequest/V3/HttpRequestV3.node.js';

/** The part of the work a sample belongs to, from the frames between the node's own and the leaf. */
function partOf(frames: ProfileNode['callFrame'][]): Part | 'moduleLoading' {
	const any = (test: (frame: ProfileNode['callFrame']) => boolean) => frames.some(test);
	if (any((frame) => frame.functionName === 'require' || frame.functionName === 'Module._load')) return 'moduleLoading';
	if (any((frame) => frame.functionName.endsWith('HuaweiCloudApi.authenticate'))) return 'signing';
	if (any((frame) => frame.functionName.endsWith('getNodeParameter'))) return 'parameters';
	if (any((frame) => frame.url.includes('request-helper-functions'))) return 'httpHelper';
	return 'ownCode';
}

export function attribute(profile: CpuProfile, itemsPerContender: number): Attribution {
	const parentOf = new Map<number, ProfileNode>();
	const byId = new Map<number, ProfileNode>();
	for (const node of profile.nodes) {
		byId.set(node.id, node);
		for (const child of node.children ?? []) parentOf.set(child, node);
	}
	const totals = { node: zero(), httpRequest: zero() };
	profile.samples.forEach((sampleId, index) => {
		// The stack from the leaf to the root; the node's frame nearest the root is where its work starts.
		const stack: ProfileNode[] = [];
		for (let frame: ProfileNode | undefined = byId.get(sampleId); frame; frame = parentOf.get(frame.id)) stack.push(frame);
		const outermost = (code: string) => stack.map((frame) => frame.callFrame.url.includes(code)).lastIndexOf(true);
		const thisNode = outermost(THIS_NODE_CODE);
		const httpRequest = outermost(HTTP_REQUEST_CODE);
		const start = Math.max(thisNode, httpRequest);
		if (start < 0) return;
		const part = partOf(stack.slice(0, start + 1).map((frame) => frame.callFrame));
		if (part === 'moduleLoading') return;
		totals[start === thisNode ? 'node' : 'httpRequest'][part] += profile.timeDeltas[index] / 1000;
	});
	const perItem = (parts: Record<Part, number>) =>
		Object.fromEntries(Object.entries(parts).map(([part, ms]) => [part, ms / itemsPerContender])) as Record<Part, number>;
	return { node: perItem(totals.node), httpRequest: perItem(totals.httpRequest) };
}

function zero(): Record<Part, number> {
	return { parameters: 0, signing: 0, httpHelper: 0, ownCode: 0 };
}

/** The profile n8n wrote into `folder` (the main process's; a task runner's has neither node in it). */
export function attributeProfiles(folder: string, itemsPerContender: number): Attribution {
	const attributions = readdirSync(folder)
		.filter((file) => file.endsWith('.cpuprofile'))
		.map((file) => attribute(JSON.parse(readFileSync(join(folder, file), 'utf8')) as CpuProfile, itemsPerContender));
	const main = attributions.find((found) => Object.values(found.node).some((ms) => ms > 0));
	if (!main) throw new Error(`No CPU profile in ${folder} shows this node at work`);
	return main;
}
