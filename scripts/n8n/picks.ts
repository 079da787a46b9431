/**
 * What a user chooses in a shipped example before it runs on their account, beside their credential: the analyser's
 * network interface, a traffic mirror filter, the servers to mirror. The examples leave these empty, so that no ID of
 * the emulator is baked into them; the demo and the end-to-end tests fill in the emulator's where a user would, and
 * change nothing else.
 *
 * A pick is a Huawei Cloud VPC node's picker left empty (a "From List" locator with nothing chosen, a multi-select
 * with nothing selected) or an empty field of a Set node. It is named `<node name>.<parameter or field name>`.
 */
import { DEMO_PORTS, DEMO_SERVERS } from '../../emulator/resources/ports';
import { targetLabel } from '../../nodes/HuaweiCloudVpc/actions/trafficMirrorSession/target';
import type { WorkflowFile } from './instance';

type Node = Record<string, unknown> & { name: string; type: string; parameters: Record<string, unknown> };
interface Assignment {
	name: string;
	value: unknown;
}

const HUAWEI_NODE = /\.huaweiCloudVpc$/;
const SET_NODE = 'n8n-nodes-base.set';

const isEmptyListLocator = (value: unknown) =>
	typeof value === 'object' &&
	value !== null &&
	(value as Record<string, unknown>).__rl === true &&
	(value as Record<string, unknown>).mode === 'list' &&
	(value as Record<string, unknown>).value === '';

function setAssignments(node: Node): Assignment[] {
	const assignments = (node.parameters.assignments as { assignments?: Assignment[] } | undefined)?.assignments;
	return assignments ?? [];
}

/** The picks a workflow leaves to its user, as `<node>.<parameter>`. */
export function picksOf(workflow: WorkflowFile): string[] {
	const picks: string[] = [];
	for (const node of workflow.nodes as Node[]) {
		if (HUAWEI_NODE.test(node.type)) {
			for (const [parameter, value] of Object.entries(node.parameters)) {
				if (isEmptyListLocator(value) || (Array.isArray(value) && value.length === 0)) picks.push(`${node.name}.${parameter}`);
			}
		} else if (node.type === SET_NODE) {
			for (const assignment of setAssignments(node)) if (assignment.value === '') picks.push(`${node.name}.${assignment.name}`);
		}
	}
	return picks;
}

/**
 * The workflow with every pick filled in as a user's choice would store it: a picker's chosen ID in "From List" mode
 * (with the label the list showed), a multi-select's IDs, a Set field's text. Every pick must be given, and only picks.
 */
export function withPicks(workflow: WorkflowFile, choices: Record<string, { value: string | string[]; label?: string }>): WorkflowFile {
	const picks = picksOf(workflow);
	const missing = picks.filter((pick) => !(pick in choices));
	const unknown = Object.keys(choices).filter((pick) => !picks.includes(pick));
	if (missing.length > 0 || unknown.length > 0) {
		throw new Error(`Picks of "${workflow.name}": missing ${JSON.stringify(missing)}, not picks ${JSON.stringify(unknown)}`);
	}
	const filled = structuredClone(workflow);
	for (const node of filled.nodes as Node[]) {
		for (const [pick, { value, label }] of Object.entries(choices)) {
			const [nodeName, name] = [pick.slice(0, pick.lastIndexOf('.')), pick.slice(pick.lastIndexOf('.') + 1)];
			if (nodeName !== node.name) continue;
			if (node.type === SET_NODE) {
				const assignment = setAssignments(node).find((candidate) => candidate.name === name) as Assignment;
				assignment.value = value;
			} else if (Array.isArray(node.parameters[name])) {
				node.parameters[name] = value;
			} else {
				node.parameters[name] = { __rl: true, mode: 'list', value, ...(label && { cachedResultName: label }) };
			}
		}
	}
	return filled;
}

type Choices = Parameters<typeof withPicks>[1];

const ANALYSER = DEMO_PORTS.find((port) => port.name === 'analyser-eth0') as (typeof DEMO_PORTS)[number];

/** The analyser's network interface in the emulator's demo network, labelled as the target picker lists it. */
export const DEMO_ANALYSER = { value: ANALYSER.id, label: targetLabel('eni', `analyser-eth0 (${ANALYSER.fixed_ips[0].ip_address})`) };

/**
 * What `npm run demo` chooses in examples/create-traffic-mirror-sessions.json: three servers of the emulator's demo
 * network (web-01 and db-01 by instance ID, web-02 by its address), mirrored to the analyser.
 */
export const DEMO_CREATE_SESSIONS_PICKS: Choices = {
	'Servers To Mirror.servers': { value: `${DEMO_SERVERS.web01}, 192.168.0.12, ${DEMO_SERVERS.db01}` },
	'Create Sessions.trafficMirrorTargetId': DEMO_ANALYSER,
};
