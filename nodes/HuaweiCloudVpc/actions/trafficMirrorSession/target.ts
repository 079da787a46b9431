import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { targetServerMode } from '../../fields/networkInterface.fields';
import { fieldProperty } from '../../fields/property';
import { readFields, validateField } from '../../fields/read';
import { sessionFields } from '../../fields/session.fields';
import type { TransportContext } from '../../transport/context';
import { resolveTarget, type ResolvedPort } from '../port/resolve';

const field = sessionFields.trafficMirrorTargetId;

/** Create's mirror target: picked, by ID, or, for a network interface, by its server (instance ID or address). */
export function targetProperty(): INodeProperties {
	const property = fieldProperty(field, {
		required: true,
		description: `${field.description}. A network interface can also be given by its server: an ECS instance ID (the server's primary interface) or a private IP address (the interface that holds it).`,
	});
	return {
		...property,
		modes: [
			...(property.modes ?? []),
			{
				displayName: targetServerMode.displayName,
				name: targetServerMode.name,
				type: 'string',
				placeholder: targetServerMode.placeholder,
			},
		],
	};
}

export interface Target {
	id: string;
	/** What a server resolved to; undefined when the target was picked or given by ID. */
	resolved?: ResolvedPort;
}

/** The mirror target's ID, looked up first when given by its server (network interfaces only). */
export async function readTarget(
	context: IExecuteFunctions,
	itemIndex: number,
	transport: TransportContext,
	targetType: string,
): Promise<Target> {
	const locator = context.getNodeParameter(field.parameter, itemIndex, undefined, { extractValue: false });
	const { mode, value } = (typeof locator === 'object' && locator !== null ? locator : {}) as { mode?: unknown; value?: unknown };
	if (mode !== targetServerMode.name) return { id: readFields(context, itemIndex, [field])[field.apiName] as string };
	if (targetType !== 'eni') {
		throw new NodeOperationError(
			context.getNode(),
			`A mirror target given ${targetServerMode.displayName} must be a network interface, but Traffic Mirror Target Type is "${targetType}"`,
			{
				itemIndex,
				description:
					'Set Traffic Mirror Target Type to Elastic Network Interface, or give the load balancer by its ID. Nothing was sent for this item.',
			},
		);
	}
	const server = validateField(context, itemIndex, { ...field, constraint: targetServerMode.constraint }, value) as string;
	const resolved = await resolveTarget(transport, itemIndex, server);
	return { id: resolved.portId, resolved };
}
