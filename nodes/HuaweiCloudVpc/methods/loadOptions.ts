import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { portLabel, portsPage } from '../actions/port/ports';
import { createTransportContext } from '../transport/context';

/** Enough for any project's network interfaces in a picker; beyond it, IDs are given by an expression. */
const MAX_PORT_PAGES = 20;

/** The project's elastic network interfaces, for pickers that take several (the mirror sources). */
export async function getPorts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const options: INodePropertyOptions[] = [];
	const transport = createTransportContext(this);
	let marker: string | undefined;
	for (let page = 0; page < MAX_PORT_PAGES; page++) {
		const { ports, nextMarker } = await portsPage(transport, marker);
		options.push(...ports.map((port) => ({ name: portLabel(port), value: String(port.id) })));
		if (!nextMarker) break;
		marker = nextMarker;
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}
