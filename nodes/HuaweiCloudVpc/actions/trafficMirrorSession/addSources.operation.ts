import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { TransportContext } from '../../transport/context';
import { changeSources, sessionSourcesProperties } from './sources';
import type { OperationItem, OperationOption } from '../node.type';

export const option: OperationOption = {
	name: 'Add Sources',
	description: 'Start mirroring more network interfaces (ports) in an existing traffic mirror session',
	action: 'Add network interfaces to a traffic mirror session',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorSession'], operation: ['addSources'] } },
	sessionSourcesProperties(
		"The elastic network interfaces (ports) to add to the session's mirror sources (a session has at most 10)",
	),
);

export async function execute(this: IExecuteFunctions, itemIndex: number, transport: TransportContext): Promise<OperationItem> {
	return await changeSources(this, itemIndex, transport, 'add-sources');
}
