import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { TransportContext } from '../../transport/context';
import { changeSources, sourcesProperties } from './sources';
import type { ApiItem } from '../../transport/request';

export const description = updateDisplayOptions(
	{ show: { resource: ['trafficMirrorSession'], operation: ['addSources'] } },
	sourcesProperties(
		"The elastic network interfaces (ports) to add to the session's mirror sources, which may then hold at most 10",
	),
);

export async function execute(this: IExecuteFunctions, itemIndex: number, transport: TransportContext): Promise<ApiItem> {
	return await changeSources(this, itemIndex, transport, 'add-sources');
}
