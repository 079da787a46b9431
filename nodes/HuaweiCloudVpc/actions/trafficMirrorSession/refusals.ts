import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { TransportContext } from '../../transport/context';
import { restated } from '../../transport/request';

/**
 * Only some ECS flavors can be mirror sources: the Huawei Cloud Terraform provider's page for traffic mirror sessions
 * says "currently only instance of c7t flavors can be used as the traffic mirror source". The service's error code
 * for that refusal is not published, so a refusal whose message speaks of a flavor (规格 in Chinese) gets this advice.
 */
const FLAVOR_ADVICE =
	'Huawei Cloud mirrors only network interfaces of ECS flavors that support traffic mirroring (c7t flavors, says https://registry.terraform.io/providers/huaweicloud/huaweicloud/latest/docs/resources/vpc_traffic_mirror_session): mirror another server, or change the flavor of this one.';

/** The request's answer; a refusal that names a flavor says which flavors can be mirrored. */
export async function withFlavorAdvice<T>(request: Promise<T>, transport: TransportContext, itemIndex: number): Promise<T> {
	try {
		return await request;
	} catch (error) {
		if (!(error instanceof NodeApiError) || error.httpCode !== '400' || !/flavor|规格/i.test(error.message)) {
			throw asNodeError(transport.context.getNode(), error, itemIndex);
		}
		throw restated(transport.context.getNode(), error, itemIndex, error.message, [error.description, FLAVOR_ADVICE]);
	}
}

/** An error as n8n's node errors carry it; a node error is handed back as it is (their constructors do so). */
export function asNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError) return new NodeOperationError(node, error);
	return new NodeApiError(node, error as JsonObject, { itemIndex });
}
