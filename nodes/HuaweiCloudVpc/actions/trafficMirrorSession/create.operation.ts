import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { fieldProperty } from '../../fields/property';
import { sessionFields } from '../../fields/session.fields';
import type { TransportContext } from '../../transport/context';
import { vpcApiRequestAllItems } from '../../transport/paginate';
import type { ApiItem } from '../../transport/request';
import { createResource, type CreateLedger } from '../create';
import { additionalFieldsProperty, readCreateFields } from '../fieldCollections';
import { hintOnce } from '../hints';
import type { OperationItem, OperationOption } from '../node.type';
import { SESSION_KEY, SESSION_SERVICE_DEFAULTS, sessionName, SESSIONS_KEY, SESSIONS_PATH } from './session.resource';
import { withFlavorAdvice } from './refusals';
import { readSources, sourceProperties } from './sources';
import { readTarget, targetProperty } from './target';

/** The required fields read as they are; the sources and the target are read apart, as they may need looking up. */
/** The name field depends on the node version: see `sessionName`. */
const required = [sessionFields.trafficMirrorFilterId, sessionFields.trafficMirrorTargetType, sessionFields.priority];
const optional = [
	sessionFields.description,
	sessionFields.enabled,
	sessionFields.packetLength,
	sessionFields.type,
	sessionFields.virtualNetworkId,
];


const IF_NAME_EXISTS = 'ifNameExists';
const NAME_POLICIES = ['createAnother', 'fail', 'returnExisting'] as const;
type NamePolicy = (typeof NAME_POLICIES)[number];

const requiredProperty = (field: (typeof required)[number]) => fieldProperty(field, { required: true });

const properties: INodeProperties[] = [
	...sessionName.properties({ required: true }),
	requiredProperty(sessionFields.trafficMirrorFilterId),
	...sourceProperties('The elastic network interfaces (ports) whose traffic is mirrored'),
	requiredProperty(sessionFields.trafficMirrorTargetType),
	targetProperty(),
	requiredProperty(sessionFields.priority),
	{
		displayName: 'If Name Exists',
		name: IF_NAME_EXISTS,
		type: 'options',
		options: [
			{
				name: 'Create Another',
				value: 'createAnother',
				description: 'Create a new session anyway: names need not be unique (the API\'s own behaviour)',
			},
			{
				name: 'Fail',
				value: 'fail',
				description: 'Create nothing and fail the item, naming the existing session',
			},
			{
				name: 'Return Existing',
				value: 'returnExisting',
				description: 'Create nothing and output the existing session, so that a workflow run again creates nothing twice',
			},
		],
		default: 'createAnother',
		description:
			'What to do when a traffic mirror session with this name already exists. Fail and Return Existing look the name up before creating, and items of one name then run one after the other.',
	},
	additionalFieldsProperty(optional),
];

export const option: OperationOption = {
	name: 'Create',
	description: 'Create a traffic mirror session that copies the traffic of network interfaces to a target',
	action: 'Create a traffic mirror session from network interfaces to a target',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorSession'], operation: ['create'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	transport: TransportContext,
	creates: CreateLedger,
): Promise<OperationItem> {
	const fields = readCreateFields(this, itemIndex, [sessionName.field(this), ...required], optional);
	const namePolicy = readNamePolicy(this, itemIndex);
	// Servers are looked up before anything is created: one that names nothing fails the item here.
	const sources = await readSources(this, itemIndex, transport);
	const target = await readTarget(this, itemIndex, transport, fields.traffic_mirror_target_type as string);
	// In the API's documented order, as the seed example sends it.
	const session: IDataObject = {
		name: fields.name,
		traffic_mirror_filter_id: fields.traffic_mirror_filter_id,
		traffic_mirror_sources: sources.ids,
		traffic_mirror_target_type: fields.traffic_mirror_target_type,
		traffic_mirror_target_id: target.id,
		...fields,
		// Huawei's page documents the default of `enabled` both ways (false in its table, true in its example): always sent.
		enabled: fields.enabled ?? true,
	};
	const resolvedPorts: IDataObject = {
		...(sources.resolved && { sources: sources.resolved }),
		...(target.resolved && { target: target.resolved }),
	};
	const withResolvedPorts = (item: ApiItem): OperationItem =>
		Object.keys(resolvedPorts).length > 0 ? { ...item, resolvedPorts } : item;
	const name = session.name as string;
	let before: ApiItem[] | undefined;
	if (namePolicy !== 'createAnother') {
		// The router never runs two items of this name at once here, so nothing can slip in between look-up and create.
		before = await sessionsNamed(transport, name, itemIndex);
		const [existing] = before;
		if (existing && namePolicy === 'returnExisting') return withResolvedPorts(existing);
		if (existing) {
			throw new NodeOperationError(
				this.getNode(),
				`A traffic mirror session named "${name}" already exists (ID ${existing.data.id as string})`,
				{ itemIndex, description: 'Nothing was created, as "If Name Exists" is set to Fail.' },
			);
		}
	}
	const made = await withFlavorAdvice(createResource.call(this, transport, creates, {
		itemIndex,
		path: SESSIONS_PATH,
		key: SESSION_KEY,
		listKey: SESSIONS_KEY,
		body: session,
		label: 'traffic mirror session',
		identity: { text: `named "${name}"`, query: { name } },
		defaults: SESSION_SERVICE_DEFAULTS,
		before,
	}), transport, itemIndex);
	if (made.data.enabled === false) {
		hintOnce(this, {
			message:
				'A session created with Enabled off mirrors no traffic until it is enabled: set Enabled in Additional Fields, or turn it on later with Update.',
		});
	}
	return withResolvedPorts(made);
}

/** Items that look their name up before creating (Return Existing, Fail) must not run at once with others of that name. */
export function exclusiveKey(this: IExecuteFunctions, itemIndex: number): string | undefined {
	if (readNamePolicy(this, itemIndex) === 'createAnother') return undefined;
	return `name ${String(this.getNodeParameter(sessionName.field(this).parameter, itemIndex))}`;
}

function readNamePolicy(context: IExecuteFunctions, itemIndex: number): NamePolicy {
	const value = context.getNodeParameter(IF_NAME_EXISTS, itemIndex, 'createAnother') as NamePolicy;
	if (NAME_POLICIES.includes(value)) return value;
	throw new NodeOperationError(
		context.getNode(),
		`Invalid If Name Exists: must be one of ${NAME_POLICIES.map((policy) => `"${policy}"`).join(', ')}; got ${JSON.stringify(value)}`,
		{ itemIndex, description: 'Nothing was sent for this item.' },
	);
}

/** The sessions with exactly this name (the list's `name` filter, checked again here). */
async function sessionsNamed(transport: TransportContext, name: string, itemIndex: number): Promise<ApiItem[]> {
	const sessions = await vpcApiRequestAllItems(transport, {
		path: SESSIONS_PATH,
		key: SESSIONS_KEY,
		qs: { name },
		itemIndex,
	});
	return sessions.filter((found) => found.data.name === name);
}
