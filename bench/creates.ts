/**
 * Creates: the same create request through three clients at 1, 8 and 32 requests in flight:
 * - the node, run by n8n-core's real engine (test/helpers/engine.ts) over N input items: parameter reading,
 *   validation, body building, the credential's signing, n8n's HTTP helper, answer parsing, output items;
 * - the official SDK's `VpcClient.createTrafficMirrorSession`, over a keep-alive agent;
 * - a bare keep-alive `http` loop sending the node's bytes, signed before the clock starts: the loopback limit.
 * Two more locate the node's overhead: its transport alone (`vpcApiRequest` with n8n-core's HTTP helper, no engine),
 * and the bare loop opening a new connection per request, as n8n's HTTP helper does (a new agent per request).
 * Each round runs every client once, in rotating order; the figure is the median round's time per request.
 */
import { Agent } from 'node:http';

import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import { Logger4jInstance } from '@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger';
import { v3 } from '@huaweicloud/huaweicloud-sdk-vpc';

// Not exported from n8n-core's index: the helper behind httpRequestWithAuthentication.
import { httpRequest } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions';
import type { IAdditionalCredentialOptions, IHttpRequestOptions } from 'n8n-workflow';

import { HuaweiCloudApi } from '../credentials/HuaweiCloudApi.credentials';
import { SESSIONS_PATH } from '../nodes/HuaweiCloudVpc/actions/trafficMirrorSession/session.resource';
import {
	createTransportContext,
	type RequestContext,
	type TransportContext,
} from '../nodes/HuaweiCloudVpc/transport/context';
import { vpcApiRequest } from '../nodes/HuaweiCloudVpc/transport/request';
import './built-node';
import { runNode } from '../test/helpers/engine';
import type { BenchEmulator } from './emulator';
import { optionParameters, type NodeOption } from './node-options';
import { median, rotated } from './stats';
import {
	connectionsOpened,
	createFilter,
	createParameters,
	createSessionRequest,
	inParallel,
	send,
	sessionBody,
	SOURCE_PORT_ID,
	TARGET_PORT_ID,
} from './workload';

export const CONCURRENCIES = [1, 8, 32] as const;
const ROUNDS = 4;
const PER_ROUND = 500;
const WARM_UP = 100;

export type Contender = 'node' | 'sdk' | 'bare' | 'transport' | 'bareNewConnections';
const CONTENDERS: Contender[] = ['node', 'sdk', 'bare', 'transport', 'bareNewConnections'];

export interface ContenderResult {
	/** Median over rounds of the round's wall time divided by its requests. */
	msPerRequest: number;
	/** TCP connections opened per 100 requests. */
	connectionsPer100: number;
	failed: number;
}

export type CreatesResult = Record<number, Record<Contender, ContenderResult>>;

Logger4jInstance.level = 'off';

/** Prepares `count` creates (untimed) and returns the timed part, which resolves to how many failed. */
type Runner = (count: number) => () => Promise<number>;

/** The filter of the project the creates go to; a new one after each reset of the emulator. */
interface ProjectFilter {
	id: string;
}

function runners(
	emulator: BenchEmulator,
	filter: ProjectFilter,
	concurrency: number,
	concurrencyOption: NodeOption | undefined,
): Record<Contender, Runner> {
	const sdkAgent = new Agent({ keepAlive: true, maxSockets: concurrency });
	const client = v3.VpcClient.newBuilder()
		.withCredential(
			new BasicCredentials()
				.withAk(emulator.credentials.accessKeyId)
				.withSk(emulator.credentials.secretAccessKey)
				.withProjectId(emulator.credentials.projectId),
		)
		.withEndpoint(emulator.url)
		.withOptions({ axiosRequestConfig: { httpAgent: sdkAgent } })
		.build();
	const bareAgent = new Agent({ keepAlive: true, maxSockets: concurrency });
	const transport = transportFor(emulator.credentials);
	const options = optionParameters([[concurrencyOption, concurrency]]);

	return {
		node: (count) => {
			const parameters = createParameters(filter.id, options);
			const items = Array.from({ length: count }, () => ({}));
			return async () => {
				const result = await runNode({ parameters, credentials: emulator.credentials, items });
				if (result.error) throw result.error;
				return count - result.items.filter((item) => item.json.id !== undefined).length;
			};
		},
		// Building the request objects is part of using the SDK, so it is timed.
		sdk: (count) => async () => {
			let failed = 0;
			await inParallel(count, concurrency, async () => {
				const answer = await client.createTrafficMirrorSession(
					new v3.CreateTrafficMirrorSessionRequest().withBody(
						new v3.CreateTrafficMirrorSessionRequestBody().withTrafficMirrorSession(
							new v3.CreateTrafficMirrorSessionOption()
								.withName('bench-session')
								.withTrafficMirrorFilterId(filter.id)
								.withTrafficMirrorSources([SOURCE_PORT_ID])
								.withTrafficMirrorTargetType('eni')
								.withTrafficMirrorTargetId(TARGET_PORT_ID)
								.withPriority(11)
								.withEnabled('true'),
						),
					),
				);
				if (answer.httpStatusCode !== 201) failed++;
			});
			return failed;
		},
		// Signed before the clock starts: the bare loop is the transport alone.
		bare: bareLoop(bareAgent),
		bareNewConnections: bareLoop(new Agent({ keepAlive: false })),
		transport: (count) => async () => {
			let failed = 0;
			await inParallel(count, concurrency, async () => {
				const answer = await vpcApiRequest(transport, { method: 'POST', path: SESSIONS_PATH, body: sessionBody(filter.id) });
				if (answer.traffic_mirror_session === undefined) failed++;
			});
			return failed;
		},
	};

	function bareLoop(agent: Agent): Runner {
		return (count) => {
			const wires = Array.from({ length: count }, () => createSessionRequest(emulator.credentials, filter.id));
			return async () => {
				let failed = 0;
				await inParallel(count, concurrency, async (index) => {
					if ((await send(emulator.url, agent, wires[index])).status !== 201) failed++;
				});
				return failed;
			};
		};
	}
}

/**
 * The node's transport over just enough of an execute context: its HTTP helper is n8n-core's own `httpRequest` behind
 * the credential's `authenticate`, which is what `httpRequestWithAuthentication` comes down to once it is handed the
 * decrypted credential.
 */
function transportFor(credentials: Record<string, string>): TransportContext {
	const credential = new HuaweiCloudApi();
	const context = {
		getNode: () => ({ name: 'transport only' }),
		getCredentials: async () => credentials,
		helpers: {
			httpRequestWithAuthentication: async (
				_name: string,
				options: IHttpRequestOptions,
				{ credentialsDecrypted }: IAdditionalCredentialOptions,
			) => await httpRequest(await credential.authenticate(credentialsDecrypted?.data ?? {}, options)),
		},
	} as unknown as RequestContext;
	return createTransportContext(context);
}

/**
 * Each contender's run starts from an empty project with one filter, as a user's would. The node notes what exists
 * before it creates: a project grown by every earlier run to tens of thousands of sessions of one name is nobody's,
 * and would make its notes, not its creates, the thing measured.
 */
export async function measureCreates(emulator: BenchEmulator, concurrencyOption: NodeOption | undefined): Promise<CreatesResult> {
	const result: CreatesResult = {};
	const filter: ProjectFilter = { id: '' };
	const emptyProject = async () => {
		await emulator.reset();
		filter.id = await createFilter(emulator.url, emulator.credentials);
	};
	for (const concurrency of CONCURRENCIES) {
		const run = runners(emulator, filter, concurrency, concurrencyOption);
		await emptyProject();
		for (const contender of CONTENDERS) await run[contender](WARM_UP)();
		const samples = Object.fromEntries(CONTENDERS.map((contender) => [contender, { times: [] as number[], connections: 0, failed: 0 }]));
		for (let round = 0; round < ROUNDS; round++) {
			for (const contender of rotated(CONTENDERS, round)) {
				await emptyProject();
				const timed = run[contender](PER_ROUND);
				const connectionsBefore = connectionsOpened();
				const start = performance.now();
				const failed = await timed();
				samples[contender].times.push((performance.now() - start) / PER_ROUND);
				samples[contender].connections += connectionsOpened() - connectionsBefore;
				samples[contender].failed += failed;
			}
		}
		result[concurrency] = Object.fromEntries(
			CONTENDERS.map((contender) => {
				const sample = samples[contender];
				return [
					contender,
					{
						msPerRequest: median(sample.times),
						connectionsPer100: (sample.connections / (ROUNDS * PER_ROUND)) * 100,
						failed: sample.failed,
					},
				];
			}),
		) as Record<Contender, ContenderResult>;
	}
	return result;
}
