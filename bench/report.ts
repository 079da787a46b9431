/** The run's results as Markdown: a summary of ratios against the issues' targets, then the details behind them. */
import type { ColdLoadResult } from './cold-load';
import { PARTS, type Attribution, type Part } from './cpu-profile';
import { CONCURRENCIES, type Contender, type CreatesResult } from './creates';
import { PAGE_SIZE } from './engine-server';
import { ITEMS } from './engine-workflows';
import type { InN8nResult, Spread } from './in-n8n';
import type { ListingResult } from './listing';
import { LISTED_SESSIONS } from './listing';
import { optionLabel, type NodeOption } from './node-options';
import { mib, ms, percent, perSecond, ratio } from './stats';
import type { SigningResult } from './signing';
import { RATE_LIMIT, THROTTLED_CREATES, THROTTLED_IN_FLIGHT, type ThrottledResult } from './throttled';

export interface Results {
	inN8n: InN8nResult;
	/** Where each node's CPU time goes (a profiled run), when asked for. */
	cpu?: Attribution;
	/** Absent when only the comparison in n8n ran. */
	reference?: ReferenceResults;
}

/** Against the official SDK and the loopback limit (issue #6): for reference, not the bar. */
export interface ReferenceResults {
	coldLoad: ColdLoadResult;
	signing: SigningResult;
	creates: CreatesResult;
	/** Why a section did not run (the node lacks what it needs), or its result. */
	throttled: ThrottledResult | string;
	listing: ListingResult | string;
	/** The node option names the run used, or undefined when the node has none. */
	concurrencyOption?: NodeOption;
	rateOption?: NodeOption;
}

const met = (ok: boolean) => (ok ? 'yes' : '**no**');
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;

const OPERATION_NAMES = { create: 'Create', getManyPage: `Get Many, one page of ${PAGE_SIZE}` } as const;
const range = (value: Spread, format: (value: number) => string) => `${format(value.median)} (${format(value.min)}–${format(value.max)})`;

function inN8nSummary({ inN8n }: Results): string {
	const rows = [
		row(['operation', 'in flight', 'this node, per item', 'HTTP Request node, per item', 'ratio', 'target', 'met']),
		row(['---', '---:', '---:', '---:', '---:', '---', '---']),
		...inN8n.cells.map((cell) =>
			row([
				`${OPERATION_NAMES[cell.operation]}${cell.oneItemPerRun ? ', one item per run (Loop Over Items)' : ''}`,
				String(cell.inFlight),
				range(cell.node, ms),
				range(cell.httpRequest, ms),
				range(cell.ratio, ratio),
				'≤ 1.0×',
				met(cell.ratio.median <= 1),
			]),
		),
	];
	const { requests, connections, badSignatures, load } = inN8n;
	return [
		`n8n ${inN8n.n8nVersion}, ${ITEMS} items, median (lowest–highest) of ${inN8n.rounds} rounds after a warm-up round; the ratio is`,
		'taken in each round (both nodes run in the same execution) and its median is what must be ≤ 1.0×.',
		'',
		rows.join('\n'),
		'',
		`Connections: this node opened ${connections.node} for ${requests.node} requests, the HTTP Request node ${connections.httpRequest} for`,
		`${requests.httpRequest} (n8n's helpers open one per request, for every node). This node's signatures that failed to`,
		`verify at the server: ${badSignatures} of ${requests.node}. Load average (1 min) while the executions ran: ${range(load, (value) => value.toFixed(1))}.`,
	].join('\n');
}

function cpuDetail(cpu: Attribution): string {
	const parts = Object.keys(PARTS) as Part[];
	const total = (contender: Record<Part, number>) => parts.reduce((sum, part) => sum + contender[part], 0);
	return [
		row(['part', 'this node', 'HTTP Request node']),
		row(['---', '---:', '---:']),
		...parts.map((part) => row([PARTS[part], ms(cpu.node[part]), ms(cpu.httpRequest[part])])),
		row(["**total on the node's own call stack**", ms(total(cpu.node)), ms(total(cpu.httpRequest))]),
	].join('\n');
}

function summary(results: ReferenceResults): string {
	const { coldLoad, signing, creates, throttled, listing } = results;
	const rows = [
		row(['benchmark', 'this node', 'reference', 'ratio', 'target', 'met']),
		row(['---', '---:', '---:', '---:', '---', '---']),
	];
	const load = (label: string, pair: { node: { ms: number }; sdk: { ms: number } }) => {
		const value = pair.node.ms / pair.sdk.ms;
		rows.push(row([label, ms(pair.node.ms), `SDK ${ms(pair.sdk.ms)}`, ratio(value), '≤ 0.10×', met(value <= 0.1)]));
	};
	load('Cold load, n8n-workflow already loaded (as in n8n)', coldLoad.preloaded);
	load('Cold load, counting n8n-workflow', coldLoad.fromNothing);
	const signingRatio = signing.ours / signing.sdk;
	rows.push(
		row(['Signing (signatures/s)', perSecond(signing.ours), `SDK ${perSecond(signing.sdk)}`, ratio(signingRatio), '≥ 2×', met(signingRatio >= 2)]),
	);
	for (const concurrency of CONCURRENCIES) {
		const { node, sdk, bare } = creates[concurrency];
		const againstSdk = node.msPerRequest / sdk.msPerRequest;
		const againstBare = node.msPerRequest / bare.msPerRequest;
		const label = `Creates, ${concurrency} in flight (time/request)`;
		rows.push(row([label, ms(node.msPerRequest), `SDK ${ms(sdk.msPerRequest)}`, ratio(againstSdk), '≤ 1×', met(againstSdk <= 1)]));
		rows.push(row([label, ms(node.msPerRequest), `bare loop ${ms(bare.msPerRequest)}`, ratio(againstBare), '≤ 1.5×', met(againstBare <= 1.5)]));
	}
	if (typeof throttled === 'string') {
		rows.push(row([`Throttled, ${THROTTLED_CREATES} creates at ${RATE_LIMIT} requests/s`, 'not run', '', '', 'no failures, ≥ 90 %', throttled]));
	} else {
		const share = throttled.requestsPerSecond / RATE_LIMIT;
		rows.push(
			row([
				`Throttled, ${THROTTLED_CREATES} creates at ${RATE_LIMIT} requests/s`,
				`${throttled.succeeded} succeeded, ${throttled.requestsPerSecond.toFixed(1)} requests/s`,
				`limit ${RATE_LIMIT}/s`,
				percent(share),
				'no failures, ≥ 90 %',
				met(throttled.failed === 0 && share >= 0.9),
			]),
		);
	}
	if (typeof listing === 'string') {
		rows.push(row([`Get Many, Return All, ${LISTED_SESSIONS.toLocaleString('en-US')} sessions`, 'not run', '', '', '—', listing]));
	} else {
		rows.push(
			row([
				`Get Many, Return All, ${LISTED_SESSIONS.toLocaleString('en-US')} sessions (time)`,
				ms(listing.node.ms),
				`SDK loop ${ms(listing.sdk.ms)}`,
				ratio(listing.node.ms / listing.sdk.ms),
				'— (no target)',
				'',
			]),
			row([
				`Get Many, Return All, ${LISTED_SESSIONS.toLocaleString('en-US')} sessions (peak RSS above start)`,
				mib(listing.node.peakRssBytes),
				`SDK loop ${mib(listing.sdk.peakRssBytes)}`,
				ratio(listing.node.peakRssBytes / listing.sdk.peakRssBytes),
				'— (no target)',
				'',
			]),
		);
	}
	return rows.join('\n');
}

const CONTENDER_NAMES: Record<Contender, string> = {
	node: 'node (n8n engine, built node)',
	sdk: 'official SDK, keep-alive agent',
	bare: 'bare `http` loop, keep-alive, pre-signed',
	transport: 'node transport only (`vpcApiRequest` + n8n-core HTTP helper, no engine)',
	bareNewConnections: 'bare `http` loop, new connection per request',
};

function createsDetail(results: ReferenceResults): string {
	const contenders = Object.keys(CONTENDER_NAMES) as Contender[];
	const lines = [
		row(['client', ...CONCURRENCIES.map((concurrency) => `${concurrency} in flight`), 'connections per 100 requests', 'failed']),
		row(['---', ...CONCURRENCIES.map(() => '---:'), '---:', '---:']),
	];
	for (const contender of contenders) {
		const per = CONCURRENCIES.map((concurrency) => results.creates[concurrency][contender]);
		lines.push(
			row([
				CONTENDER_NAMES[contender],
				...per.map((result) => ms(result.msPerRequest)),
				per.map((result) => result.connectionsPer100.toFixed(0)).join(' / '),
				String(per.reduce((sum, result) => sum + result.failed, 0)),
			]),
		);
	}
	const option = results.concurrencyOption
		? `the node's \`${optionLabel(results.concurrencyOption)}\` set to the number in flight`
		: '**the node has no concurrency option yet: its items ran one at a time at every setting**';
	return `Time per request (median of 4 interleaved rounds of 500 creates, after a warm-up of 100), ${option}:\n\n${lines.join('\n')}`;
}

function coldLoadDetail({ coldLoad }: ReferenceResults): string {
	return [
		row(['load', 'node + credential', 'official VPC SDK']),
		row(['---', '---:', '---:']),
		row(['time, n8n-workflow preloaded', ms(coldLoad.preloaded.node.ms), ms(coldLoad.preloaded.sdk.ms)]),
		row(['heap retained, n8n-workflow preloaded', mib(coldLoad.preloaded.node.heapBytes), mib(coldLoad.preloaded.sdk.heapBytes)]),
		row(['time, from nothing', ms(coldLoad.fromNothing.node.ms), ms(coldLoad.fromNothing.sdk.ms)]),
		row(['heap retained, from nothing', mib(coldLoad.fromNothing.node.heapBytes), mib(coldLoad.fromNothing.sdk.heapBytes)]),
	].join('\n');
}

function signingDetail({ signing }: ReferenceResults): string {
	return [
		row(['signer', 'signatures/s']),
		row(['---', '---:']),
		row(['`signRequest` (credentials/common/huaweiCloud/signer.ts)', perSecond(signing.ours)]),
		row(['SDK `AKSKSigner.sign`', perSecond(signing.sdk)]),
		row(["the credential's whole path, `signHuaweiCloudRequest` (URL, query, headers, then the signer)", perSecond(signing.credential)]),
	].join('\n');
}

function throttledDetail({ throttled, rateOption, concurrencyOption }: ReferenceResults): string {
	if (typeof throttled === 'string') return throttled;
	return [
		`Node option \`${optionLabel(rateOption as NodeOption)}\` = ${RATE_LIMIT}${
			concurrencyOption ? ` (and \`${optionLabel(concurrencyOption)}\` = ${THROTTLED_IN_FLIGHT})` : ''
		}, emulator \`rateLimit\` = ${RATE_LIMIT}/s.`,
		'',
		'The limit counts every request, so the share of it used is the requests\' rate; the creates\' rate is below it by',
		'the lists that creates make ([reliability.md](reliability.md#no-duplicates-no-wrong-answers)).',
		'',
		row(['succeeded', 'failed', '429 answers from the emulator', 'seconds', 'requests', 'creates']),
		row(['---:', '---:', '---:', '---:', '---:', '---:']),
		row([
			String(throttled.succeeded),
			String(throttled.failed),
			String(throttled.throttledAnswers),
			throttled.seconds.toFixed(1),
			`${throttled.requestsPerSecond.toFixed(1)}/s (${percent(throttled.requestsPerSecond / RATE_LIMIT)})`,
			`${throttled.createsPerSecond.toFixed(1)}/s`,
		]),
	].join('\n');
}

function listingDetail({ listing }: ReferenceResults): string {
	if (typeof listing === 'string') return listing;
	return [
		row(['client', 'time', 'peak RSS above start', 'peak heap above start', 'heap retained by the result']),
		row(['---', '---:', '---:', '---:', '---:']),
		...(['node', 'sdk'] as const).map((client) =>
			row([
				client === 'node' ? 'node, Get Many with Return All' : 'official SDK, marker loop, limit 2000',
				ms(listing[client].ms),
				mib(listing[client].peakRssBytes),
				mib(listing[client].peakHeapBytes),
				mib(listing[client].retainedHeapBytes),
			]),
		),
	].join('\n');
}

export function renderResults(results: Results, machineTable: string): string {
	const sections = [
		"### This node against n8n's HTTP Request node, in real n8n executions (the bar)",
		inN8nSummary(results),
		...(results.cpu
			? ["### Where each node's CPU time goes, per item (a CPU-profiled run of the same executions)", cpuDetail(results.cpu)]
			: []),
		'### Machine',
		machineTable,
	];
	const { reference } = results;
	if (!reference) return sections.join('\n\n');
	return [
		...sections,
		'### Reference: the official SDK and the loopback limit, outside n8n (issue #6; not the bar)',
		summary(reference),
		'### Cold load (median of 9 fresh processes each)',
		coldLoadDetail(reference),
		'### Signing (median of 9 interleaved batches of 2,000 signatures, 5 request shapes)',
		signingDetail(reference),
		'### Creates',
		createsDetail(reference),
		'### Throttled',
		throttledDetail(reference),
		`### Get Many over ${LISTED_SESSIONS.toLocaleString('en-US')} sessions (median of 3 fresh processes each)`,
		listingDetail(reference),
	].join('\n\n');
}
