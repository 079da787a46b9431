/**
 * The trigger run as n8n runs a polling trigger, with n8n-core's own code: `ActiveWorkflows.add` activates it (the
 * first poll, which throws when it fails), each further poll is the function n8n's cron calls
 * (`createPollExecuteFn`), given the one `PollContext` of the activation, and what it emits or reports as an error
 * is recorded. Static data is saved as n8n saves it: when a poll fires and after an activation, if it changed.
 * "Fetch Test Event" runs the trigger in a manual execution through `WorkflowExecute`.
 */
import { Container } from '@n8n/di';
import { ActiveWorkflows, ExecutionLifecycleHooks, PollContext, WorkflowExecute } from 'n8n-core';
// n8n's node loader adds these Poll Times to every polling node; not exported from n8n-core's index.
import { commonPollingParameters } from 'n8n-core/dist/nodes-loader/constants';
import {
	createRunExecutionData,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeType,
	type INodeTypes,
	type IPollFunctions,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type WorkflowActivateMode,
} from 'n8n-workflow';

import { HuaweiCloudVpcTrigger } from '../../nodes/HuaweiCloudVpc/HuaweiCloudVpcTrigger.node';
import type { Clock } from '../../nodes/HuaweiCloudVpc/transport/clock';
import { pollMirrorEvents } from '../../nodes/HuaweiCloudVpc/trigger/poll';
import { STATE_KEY } from '../../nodes/HuaweiCloudVpc/trigger/state';
import { TestCredentialsHelper } from '../helpers/engine';

// n8n's logger, made on first use, would print every cron it deregisters.
process.env.N8N_LOG_LEVEL ??= 'warn';

export const TRIGGER_NAME = 'Huawei Cloud VPC Trigger';
const WORKFLOW_ID = 'trigger-engine-test';

/**
 * The trigger as n8n's loader makes it: the node with Poll Times added. Given a clock, its polls wait on that clock
 * (the node class itself has no test hook).
 */
function loadedTrigger(clock?: Clock): INodeType {
	const trigger = new HuaweiCloudVpcTrigger();
	trigger.description.properties.unshift(...structuredClone(commonPollingParameters));
	if (!clock) return trigger;
	return {
		description: trigger.description,
		methods: trigger.methods,
		async poll(this: IPollFunctions) {
			return await pollMirrorEvents.call(this, clock);
		},
	};
}

const nodeTypesWith = (clock?: Clock): INodeTypes => ({
	getByName: () => loadedTrigger(clock),
	getByNameAndVersion: () => loadedTrigger(clock),
	getKnownTypes: () => ({}),
});

function triggerNode(events: string[]): INode {
	return {
		id: 'c0f7d1de-0000-4000-8000-000000000002',
		name: TRIGGER_NAME,
		type: 'n8n-nodes-huaweicloud-vpc.huaweiCloudVpcTrigger',
		typeVersion: 1,
		position: [0, 0],
		// Once a year: n8n registers the cron, and the test's own polls are the only ones.
		parameters: { events, pollTimes: { item: [{ mode: 'custom', cronExpression: '0 0 1 1 *' }] } },
		credentials: { huaweiCloudApi: { id: '1', name: 'Huawei Cloud' } },
	};
}

function additionalData(credentials: ICredentialDataDecryptedObject, hooks?: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		hooks,
		executionId: 'trigger-engine-test-run',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** What one poll ended in: the items it emitted, the error n8n was handed, or neither (it returned null). */
export interface PollOutcome {
	items?: IDataObject[];
	error?: Error;
}

export interface ActiveTrigger {
	/** What the activation's own poll ended in. */
	activation: PollOutcome;
	/** One poll, as n8n's cron runs it. */
	poll(): Promise<PollOutcome>;
	/** The workflow's static data as n8n last saved it. */
	saved(): IDataObject;
	/** The trigger's own static data as n8n last saved it: its state. */
	savedState(): unknown;
	/** The workflow's static data in memory now. */
	staticData(): IDataObject;
	deactivate(): Promise<void>;
}

export interface Activation {
	credentials: ICredentialDataDecryptedObject;
	events: string[];
	/** The static data saved with the workflow before; none by default (a new workflow). */
	saved?: IDataObject;
	/** `activate` (published by the user), `init` (n8n started), `update` (an active workflow saved). */
	mode?: WorkflowActivateMode;
	/** The clock the polls wait on; n8n's by default. */
	clock?: Clock;
}

/** Activates a workflow of the trigger alone: n8n runs its first poll at once, and a failure fails the activation. */
export async function activateTrigger({ credentials, events, saved = {}, mode = 'activate', clock }: Activation): Promise<ActiveTrigger> {
	const workflow = new Workflow({
		id: WORKFLOW_ID,
		nodes: [triggerNode(events)],
		connections: {},
		active: true,
		nodeTypes: nodeTypesWith(clock),
		staticData: structuredClone(saved),
	});
	let database = structuredClone(saved);
	// As n8n's WorkflowStaticDataService.saveStaticData: only what changed, and the change flag reset.
	const save = () => {
		if (workflow.staticData.__dataChanged !== true) return;
		database = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		workflow.staticData.__dataChanged = false;
	};
	let outcome: PollOutcome = {};
	let context: PollContext | undefined;
	const activeWorkflows = Container.get(ActiveWorkflows);
	await activeWorkflows.add(
		WORKFLOW_ID,
		workflow,
		additionalData(credentials),
		'trigger',
		mode,
		() => {
			throw new Error('The workflow has no trigger of the push kind');
		},
		(pollWorkflow, node, data, pollMode, activation) =>
			(context = new PollContext(
				pollWorkflow,
				node,
				data,
				pollMode,
				activation,
				(emitted) => {
					save();
					outcome = { items: emitted[0].map(({ json }) => json) };
				},
				(error) => {
					outcome = { error };
				},
			)),
	);
	save();
	return {
		activation: outcome,
		poll: async () => {
			outcome = {};
			await pollAsCron(activeWorkflows, workflow, context as PollContext)();
			return outcome;
		},
		saved: () => database,
		savedState: () => (database[`node:${TRIGGER_NAME}`] as IDataObject | undefined)?.[STATE_KEY],
		staticData: () => JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject,
		deactivate: async () => {
			await activeWorkflows.remove(WORKFLOW_ID);
		},
	};
}

/**
 * The function n8n's cron calls for each poll (private in n8n-core's types): it polls, then hands what it returned
 * to the context's emit, or its error to the context's emitError.
 */
function pollAsCron(activeWorkflows: ActiveWorkflows, workflow: Workflow, context: PollContext): () => Promise<void> {
	const { createPollExecuteFn } = activeWorkflows as unknown as {
		createPollExecuteFn(workflow: Workflow, node: INode, pollFunctions: PollContext): () => Promise<void>;
	};
	return createPollExecuteFn.call(activeWorkflows, workflow, workflow.getNode(TRIGGER_NAME) as INode, context);
}

/** "Fetch Test Event": a manual execution of the trigger, which polls once in manual mode; its items, or its error. */
export async function fetchTestEvent(credentials: ICredentialDataDecryptedObject, events: string[], staticData: IDataObject = {}) {
	const node = triggerNode(events);
	const workflow = new Workflow({ id: WORKFLOW_ID, nodes: [node], connections: {}, active: false, nodeTypes: nodeTypesWith(), staticData });
	// Hooks only read the workflow for the handlers added to them, and none are.
	const hooks = new ExecutionLifecycleHooks('manual', 'trigger-engine-test-run', { id: WORKFLOW_ID } as IWorkflowBase);
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node, data: { main: [[{ json: {} }]] }, source: null }] },
	});
	const run = await new WorkflowExecute(additionalData(credentials, hooks), 'manual', runExecutionData).processRunExecutionData(workflow);
	const taskData = run.data.resultData.runData[TRIGGER_NAME]?.[0];
	return {
		items: (taskData?.data?.main?.[0] ?? []).map(({ json }) => json),
		error: run.data.resultData.error ?? taskData?.error,
		staticData: JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject,
	};
}
