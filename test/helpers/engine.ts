/**
 * Runs the node through n8n's real engine (n8n-core's WorkflowExecute), as n8n does: parameters resolved by n8n,
 * credentials fetched through a credentials helper that fills in field defaults and calls the credential's own
 * `authenticate`, and n8n's real HTTP helper opening real sockets.
 */
import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
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
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { HuaweiCloudApi } from '../../credentials/HuaweiCloudApi.credentials';
import { HuaweiCloudVpc } from '../../nodes/HuaweiCloudVpc/HuaweiCloudVpc.node';

export const NODE_NAME = 'Huawei Cloud VPC';
const credentialType = new HuaweiCloudApi();

class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: ICredentialDataDecryptedObject) {
		super();
	}
	getParentTypes() {
		return [];
	}
	async authenticate(credentials: ICredentialDataDecryptedObject, _type: string, options: IHttpRequestOptions) {
		return await credentialType.authenticate(credentials, options);
	}
	async preAuthentication() {
		return undefined;
	}
	async getCredentials(): Promise<never> {
		throw new Error('not used by this node');
	}
	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
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
	private readonly node = new HuaweiCloudVpc();
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
}

export interface RunResult {
	items: INodeExecutionData[];
	error?: ExecutionError;
}

export async function runNode(options: RunOptions): Promise<RunResult> {
	const node: INode = {
		id: 'b0f7d1de-0000-4000-8000-000000000001',
		name: NODE_NAME,
		type: 'n8n-nodes-huaweicloud-vpc.huaweiCloudVpc',
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: { huaweiCloudApi: { id: '1', name: 'Huawei Cloud' } },
		...options.settings,
	};
	const workflow = new Workflow({
		id: 'engine-test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes(),
	});
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
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(options.credentials),
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
	const run = await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	return { items: taskData?.data?.main?.[0] ?? [], error: run.data.resultData.error ?? taskData?.error };
}

/** n8n-core starts a cleanup timer for SSH clients on first use; stop it so jest can exit. */
export function shutDownEngine(): void {
	Container.get(SSHClientsManager).onShutdown();
}
