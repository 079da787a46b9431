import type { ICredentialsDecrypted, IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

import { n8nClock, ServiceClock, type Clock } from './clock';
import { DEFAULT_REQUEST_POLICY, type RequestPolicy } from './policy';

export const CREDENTIAL_NAME = 'huaweiCloudApi';

/** The n8n side of a request: an execution, the editor asking for a list, or the trigger's poll. */
export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/**
 * What the requests of one execution share. The router makes one when the execution starts (a list search or a
 * load-options call makes its own, with the default policy) and passes it down; it is gone when the execution ends,
 * so nothing is shared between executions, which queue mode runs many of on one worker.
 */
export interface TransportContext {
	readonly context: RequestContext;
	readonly policy: RequestPolicy;
	readonly clock: Clock;
	/** The service's clock, learnt from its answers' `Date` headers. */
	readonly serviceClock: ServiceClock;
	/** Aborts when the execution is cancelled; the editor's calls have none. */
	readonly cancelSignal?: AbortSignal;
	/**
	 * The credential, read and decrypted on the first request and then handed to every request: n8n would otherwise
	 * load, decrypt and resolve it again for each one. The credential's `authenticate` still signs each request afresh.
	 */
	credential(): Promise<ICredentialsDecrypted>;
}

export function createTransportContext(
	context: RequestContext,
	policy: RequestPolicy = DEFAULT_REQUEST_POLICY,
	clock: Clock = n8nClock,
): TransportContext {
	// The promise is kept, not the value: items in flight together share the one read.
	let credential: Promise<ICredentialsDecrypted> | undefined;
	return {
		context,
		policy,
		clock,
		serviceClock: new ServiceClock(),
		cancelSignal: 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined,
		credential: async () => await (credential ??= readCredential(context)),
	};
}

async function readCredential(context: RequestContext): Promise<ICredentialsDecrypted> {
	const data = await context.getCredentials(CREDENTIAL_NAME);
	const { id, name } = context.getNode().credentials?.[CREDENTIAL_NAME] ?? {};
	return { id: id ?? '', name: name ?? '', type: CREDENTIAL_NAME, data };
}
