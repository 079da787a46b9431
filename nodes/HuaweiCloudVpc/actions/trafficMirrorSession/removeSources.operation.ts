import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { TransportContext } from '../../transport/context';
import { changeSources, sessionSourcesProperties } from './sources';
import type { OperationItem, OperationOption } from '../node.type';

export const option: OperationOption = {
	name: 'Remove Sources',
	description: 'Stop mirroring some network interfaces (ports) of a traffic mirror session',
	action: 'Remove network interfaces from a traffic mirror session',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorSession'], operation: ['removeSources'] } },
	sessionSourcesProperties("The elastic network interfaces (ports) to take out of the session's mirror sources"),
);

export async function execute(this: IExecuteFunctions, itemIndex: number, transport: TransportContext): Promise<OperationItem> {
	return await changeSources(this, itemIndex, transport, 'remove-sources');
}
