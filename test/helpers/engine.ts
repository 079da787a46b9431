/**
 * Runs the node through n8n's real engine (n8n-core's WorkflowExecute), as n8n does: parameters resolved by n8n,
 * credentials fetched through a credentials helper that fills in field defaults and calls the credential's own
 * `authenticate`, and n8n's real HTTP helper opening real sockets.
 */
import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
// Not exported from n8n-core's index; its timer must be stopped for jest to exit.
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import {
	createRunExecutionData,
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ExecutionError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type NodeExecutionHint,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { HuaweiCloudApi } from '../../credentials/HuaweiCloudApi.credentials';
import { HuaweiCloudVpc } from '../../nodes/HuaweiCloudVpc/HuaweiCloudVpc.node';
import { router } from '../../nodes/HuaweiCloudVpc/actions/router';
import type { Clock } from '../../nodes/HuaweiCloudVpc/transport/clock';
import { instantClock } from './clock';

export const NODE_NAME = 'Huawei Cloud VPC';
const credentialType = new HuaweiCloudApi();

export class TestCredentialsHelper extends ICredentialsHelper {
	/** How many times the node had the credential loaded and decrypted. */
	reads = 0;

	constructor(
		private readonly data: ICredentialDataDecryptedObject,
		private readonly onRequest: () => void = () => {},
	) {
		super();
	}
	getParentTypes() {
		return [];
	}
	async authenticate(credentials: ICredentialDataDecryptedObject, _type: string, options: IHttpRequestOptions) {
		// n8n signs every request just before it sends it.
		this.onRequest();
		return await credentialType.authenticate(credentials, options);
	}
	async preAuthentication() {
		return undefined;
	}
	async getCredentials(): Promise<never> {
		throw new Error('not used by this node');
	}
	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		this.reads++;
		// As n8n does: the credential's field defaults first, then what the user stored.
		const withDefaults = NodeHelpers.getNodeParameters(credentialType.properties, this.data as INodeParameters, true, false, null, null);
		return { ...(withDefaults as ICredentialDataDecryptedObject) };
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	getCredentialsProperties() {
		return credentialType.properties;
	}
}

class TestNodeTypes implements INodeTypes {
	private readonly node: INodeType;
	constructor(clock: Clock) {
		// The node as n8n loads it, its items handed to the router with the test's clock: the node class has no test hook.
		const { description, methods } = new HuaweiCloudVpc();
		this.node = {
			description,
			methods,
			async execute(this: IExecuteFunctions) {
				return await router.call(this, clock);
			},
		};
	}
	getByName(): INodeType {
		return this.node;
	}
	getByNameAndVersion(): INodeType {
		return this.node;
	}
	getKnownTypes() {
		return {};
	}
}

export interface RunOptions {
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	/** Input items; one empty item by default. */
	items?: IDataObject[];
	/** Node settings such as `onError: 'continueRegularOutput'`. */
	settings?: Partial<INode>;
	/** The node's clock; by default one whose waits take no time and are recorded in the result's `waits`. */
	clock?: Clock;
	/** Called as each request is signed, just before n8n sends it. */
	onRequest?: () => void;
	/** When it resolves, the execution is cancelled, as n8n's Stop button does. */
	cancel?: Promise<void>;
}

export interface RunResult {
	items: INodeExecutionData[];
	/** The error output's items, with the node setting `onError: 'continueErrorOutput'`. */
	errorItems: INodeExecutionData[];
	error?: ExecutionError;
	/** The waits the node asked for, in ms, when it ran on the default clock. */
	waits: number[];
	/** How many times the credentials helper loaded and decrypted the credential during the run. */
	credentialReads: number;
	/** The hints the editor shows above the node's output. */
	hints: NodeExecutionHint[];
}

export async function runNode(options: RunOptions): Promise<RunResult> {
	const recording = instantClock();
	const credentialsHelper = new TestCredentialsHelper(options.credentials, options.onRequest);
	const node = testNode(options.parameters, options.settings);
	const workflow = testWorkflow(node, options.clock ?? recording);
	const items = (options.items ?? [{}]).map((json) => ({ json }));
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node, data: { main: [items] }, source: null }] },
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'engine-test-run', {
		id: 'engine-test',
		name: 'engine test',
		active: false,
		isArchived: false,
		nodes: [node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	});
	const additionalData = testAdditionalData(credentialsHelper, hooks);
	const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	void options.cancel?.then(() => execution.cancel());
	const run = await execution;
	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	return {
		items: taskData?.data?.main?.[0] ?? [],
		errorItems: taskData?.data?.main?.[1] ?? [],
		error: run.data.resultData.error ?? taskData?.error,
		waits: recording.waits,
		credentialReads: credentialsHelper.reads,
		hints: taskData?.hints ?? [],
	};
}

/**
 * n8n's own context for resource-locator lists and option lists, as the editor asks for them: credentials through
 * the credentials helper, requests through n8n's real HTTP helper.
 */
/**
 * The context n8n gives a list search or an option list; `editing` is what the editor sends with it: the node's
 * parameters as they stand, and the path of the parameter whose list is asked for.
 */
export function loadOptionsContext(
	credentials: ICredentialDataDecryptedObject,
	credentialsHelper = new TestCredentialsHelper(credentials),
	editing: { parameters: INodeParameters; path: string } = { parameters: {}, path: 'parameters' },
): ILoadOptionsFunctions {
	const node = testNode(editing.parameters);
	const additionalData = { ...testAdditionalData(credentialsHelper), currentNodeParameters: editing.parameters };
	return new LoadOptionsContext(testWorkflow(node, instantClock()), node, additionalData, editing.path);
}

function testNode(parameters: INodeParameters, settings?: Partial<INode>): INode {
	return {
		id: 'b0f7d1de-0000-4000-8000-000000000001',
		name: NODE_NAME,
		type: 'n8n-nodes-huaweicloud-vpc.huaweiCloudVpc',
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { huaweiCloudApi: { id: '1', name: 'Huawei Cloud' } },
		...settings,
	};
}

function testWorkflow(node: INode, clock: Clock): Workflow {
	return new Workflow({ id: 'engine-test', nodes: [node], connections: {}, active: false, nodeTypes: new TestNodeTypes(clock) });
}

function testAdditionalData(credentialsHelper: ICredentialsHelper, hooks?: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		hooks,
		executionId: 'engine-test-run',
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		variables: {},
		currentNodeParameters: undefined,
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** n8n-core starts a cleanup timer for SSH clients on first use; stop it so jest can exit. */
export function shutDownEngine(): void {
	Container.get(SSHClientsManager).onShutdown();
}
