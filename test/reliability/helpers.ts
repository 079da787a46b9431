/**
 * Shared by the reliability tests: an emulator with a traffic mirror filter in it, and the node's Create run against
 * it over input items that name the sessions.
 */
import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import type { EmulatorOptions } from '../../emulator/server';
import { startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import type { RunResult } from '../helpers/engine';
import { sessionCreateParameters } from '../helpers/parameters';

export interface FaultyApi extends ApiFixture {
	filterId: string;
	/** Runs the node's session Create over the items, each session named by its item's `name`, in that filter. */
	runCreate(items: IDataObject[], requestOptions?: INodeParameters, settings?: Partial<INode>): Promise<RunResult>;
}

const NO_FAULTS = { rateLimit: 0, script: [], errorRate: 0, dropRate: 0, malformedRate: 0, latencyMs: 0 };

export async function startFaultyApi(options: Partial<EmulatorOptions> = {}): Promise<FaultyApi> {
	const api = await startApiFixture(options);
	// The faults are for the node's requests, not for making the filter.
	const faults = api.emulator.faults();
	api.emulator.setFaults(NO_FAULTS);
	const filter = await api.createFilter({ name: 'reliability' });
	api.emulator.setFaults(faults);
	return {
		...api,
		filterId: filter.id,
		runCreate: async (items, requestOptions, settings) =>
			await api.run(sessionCreateParameters(filter.id, requestOptions ? { requestOptions } : {}), items, settings),
	};
}

/** Input items named `<prefix>-000` … */
export function namedItems(count: number, prefix = 'item'): IDataObject[] {
	return Array.from({ length: count }, (_, index) => ({ name: `${prefix}-${String(index).padStart(3, '0')}` }));
}
