import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { TransportContext } from '../../transport/context';
import { changeSources, sourcesProperties } from './sources';
import type { ApiItem } from '../../transport/request';

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorSession'], operation: ['removeSources'] } },
	sourcesProperties("The elastic network interfaces (ports) to take out of the session's mirror sources"),
);

export async function execute(this: IExecuteFunctions, itemIndex: number, transport: TransportContext): Promise<ApiItem> {
	return await changeSources(this, itemIndex, transport, 'remove-sources');
}
