import type { IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { targetServerMode } from '../../fields/networkInterface.fields';
import { fieldProperty } from '../../fields/property';
import { itemLabel, readFields, validateField } from '../../fields/read';
import { sessionFields } from '../../fields/session.fields';
import type { TransportContext } from '../../transport/context';
import { resolveTarget, type ResolvedPort } from '../port/resolve';

const field = sessionFields.trafficMirrorTargetId;

/**
 * The kinds of mirror target, as the target picker labels its entries. n8n stores the label with a choice from the
 * list (`cachedResultName`), which is how a choice that no longer fits the type is told apart at execution.
 */
const TARGET_KINDS = { eni: 'Network interface', elb: 'Load balancer' } as const;
export type TargetKind = keyof typeof TARGET_KINDS;

export function targetLabel(kind: TargetKind, text: string): string {
	return `${TARGET_KINDS[kind]}: ${text}`;
}

function kindOfLabel(label: unknown): TargetKind | undefined {
	if (typeof label !== 'string') return undefined;
	return (Object.keys(TARGET_KINDS) as TargetKind[]).find((kind) => label.startsWith(`${TARGET_KINDS[kind]}: `));
}

/**
 * A target picked from the list as one kind, while the target type says another (the type changed after the pick),
 * is refused: it would be sent as the wrong kind. IDs typed or given by expression cannot be told apart, and go to
 * the API as they are.
 */
export function checkPickedTargetKind(node: INode, itemIndex: number, locator: unknown, targetType: unknown): void {
	if (typeof locator !== 'object' || locator === null) return;
	const { mode, cachedResultName, value } = locator as { mode?: unknown; cachedResultName?: unknown; value?: unknown };
	const picked = mode === 'list' ? kindOfLabel(cachedResultName) : undefined;
	if (!picked || picked === targetType || (targetType !== 'eni' && targetType !== 'elb')) return;
	const typeField = sessionFields.trafficMirrorTargetType;
	throw new NodeOperationError(
		node,
		`Invalid ${field.displayName} (${field.apiName}): it was picked from the list as a ${TARGET_KINDS[picked].toLowerCase()}, but ${typeField.displayName} is ${typeField.choiceNames?.[targetType]} (${targetType}); got ${JSON.stringify(value)} (${String(cachedResultName)})`,
		{
			itemIndex,
			description: `The list follows the target type: pick the target again. Nothing was sent for ${itemLabel(itemIndex)}.`,
		},
	);
}

/** The mirror target: picked, by ID, or, for a network interface, by its server (instance ID or address). */
export function targetProperty(required = true): INodeProperties {
	const property = fieldProperty(field, {
		...(required && { required }),
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
	if (!isServerMode(locator)) {
		checkPickedTargetKind(context.getNode(), itemIndex, locator, targetType);
		return { id: readFields(context, itemIndex, [field])[field.apiName] as string };
	}
	return await serverTarget(context, itemIndex, transport, locator.value, targetType);
}

/** A locator value in the By Server mode. */
export function isServerMode(locator: unknown): locator is { mode: string; value: unknown } {
	return typeof locator === 'object' && locator !== null && (locator as { mode?: unknown }).mode === targetServerMode.name;
}

/** The network interface of a target given By Server; only a network interface can be given so. */
export async function serverTarget(
	context: IExecuteFunctions,
	itemIndex: number,
	transport: TransportContext,
	value: unknown,
	targetType: string,
): Promise<Target> {
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
