/**
 * Listing: Get Many with Return All over LISTED_SESSIONS sessions, through the node (engine, built node), with the
 * official SDK's marker loop beside it for scale. Each listing runs alone in a fresh process (listing-child.ts).
 */
import type { BenchEmulator } from './emulator';
import { forkTypeScript } from './emulator';
import type { ListingSample } from './listing-child';
import { median, rotated } from './stats';
import { createFilter, seedSessions } from './workload';

export const LISTED_SESSIONS = 20_000;
const REPETITIONS = 3;

export type ListingClient = 'node' | 'sdk';
export type ListingResult = Record<ListingClient, ListingSample>;

function listOnce(emulator: BenchEmulator, client: ListingClient): Promise<ListingSample> {
	const child = forkTypeScript('listing-child.ts', { LISTING_ENDPOINT: emulator.url, LISTING_CLIENT: client });
	return new Promise((resolve, reject) => {
		child.once('message', (sample) => resolve(sample as ListingSample));
		child.once('exit', (code) => reject(new Error(`The ${client} listing process exited (${code}) without a result`)));
	});
}

export async function measureListing(emulator: BenchEmulator): Promise<ListingResult> {
	await emulator.reset();
	await seedSessions(emulator.url, emulator.credentials, await createFilter(emulator.url, emulator.credentials), LISTED_SESSIONS);
	const clients: ListingClient[] = ['node', 'sdk'];
	const samples: Record<ListingClient, ListingSample[]> = { node: [], sdk: [] };
	for (let round = 0; round < REPETITIONS; round++) {
		for (const client of rotated(clients, round)) {
			const sample = await listOnce(emulator, client);
			if (sample.sessions !== LISTED_SESSIONS) throw new Error(`The ${client} listed ${sample.sessions} sessions, not ${LISTED_SESSIONS}`);
			samples[client].push(sample);
		}
	}
	const medianOf = (client: ListingClient): ListingSample => {
		const of = (key: keyof ListingSample) => median(samples[client].map((sample) => sample[key]));
		return {
			sessions: LISTED_SESSIONS,
			ms: of('ms'),
			peakRssBytes: of('peakRssBytes'),
			peakHeapBytes: of('peakHeapBytes'),
			retainedHeapBytes: of('retainedHeapBytes'),
		};
	};
	return { node: medianOf('node'), sdk: medianOf('sdk') };
}
