/**
 * Where requests go: the VPC endpoint of a public Huawei Cloud region, or a custom endpoint (Huawei Cloud Stack,
 * another partition, the local emulator). Derived here and nowhere else.
 */

/**
 * A region of the official Node SDK's VpcRegion (@huaweicloud/huaweicloud-sdk-vpc, v3/VpcRegion.js): its part of the
 * world, and its city where it is well known.
 */
export interface VpcRegion {
	id: string;
	area: 'Africa' | 'Asia Pacific' | 'Chinese Mainland' | 'Europe' | 'Latin America' | 'Middle East';
	location?: string;
	/** False where the official SDK's ElbRegion (ELB v3) has no endpoint for the region. */
	elb?: false;
}

export const VPC_REGIONS: readonly VpcRegion[] = [
	{ id: 'af-north-1', area: 'Africa', location: 'Cairo' },
	{ id: 'af-south-1', area: 'Africa', location: 'Johannesburg' },
	{ id: 'ae-ad-1', area: 'Middle East', location: 'Abu Dhabi' },
	{ id: 'ap-southeast-1', area: 'Asia Pacific', location: 'Hong Kong' },
	{ id: 'ap-southeast-2', area: 'Asia Pacific', location: 'Bangkok' },
	{ id: 'ap-southeast-3', area: 'Asia Pacific', location: 'Singapore' },
	{ id: 'ap-southeast-4', area: 'Asia Pacific', location: 'Jakarta' },
	{ id: 'ap-southeast-5', area: 'Asia Pacific', location: 'Manila', elb: false },
	{ id: 'cn-east-2', area: 'Chinese Mainland', location: 'Shanghai 2' },
	{ id: 'cn-east-3', area: 'Chinese Mainland', location: 'Shanghai 1' },
	{ id: 'cn-east-4', area: 'Chinese Mainland' },
	{ id: 'cn-east-5', area: 'Chinese Mainland', location: 'Qingdao' },
	{ id: 'cn-north-1', area: 'Chinese Mainland', location: 'Beijing 1' },
	{ id: 'cn-north-2', area: 'Chinese Mainland', location: 'Beijing 2' },
	{ id: 'cn-north-4', area: 'Chinese Mainland', location: 'Beijing 4' },
	{ id: 'cn-north-9', area: 'Chinese Mainland', location: 'Ulanqab 1' },
	{ id: 'cn-north-11', area: 'Chinese Mainland', elb: false },
	{ id: 'cn-north-12', area: 'Chinese Mainland', elb: false },
	{ id: 'cn-south-1', area: 'Chinese Mainland', location: 'Guangzhou' },
	{ id: 'cn-south-2', area: 'Chinese Mainland', location: 'Shenzhen' },
	{ id: 'cn-south-4', area: 'Chinese Mainland', elb: false },
	{ id: 'cn-southwest-2', area: 'Chinese Mainland', location: 'Guiyang 1' },
	{ id: 'cn-southwest-3', area: 'Chinese Mainland', elb: false },
	{ id: 'eu-west-0', area: 'Europe', location: 'Paris' },
	{ id: 'eu-west-101', area: 'Europe', location: 'Dublin, EU sovereign site' },
	{ id: 'la-north-2', area: 'Latin America', location: 'Mexico City 2' },
	{ id: 'la-south-2', area: 'Latin America', location: 'Santiago' },
	{ id: 'me-east-1', area: 'Middle East', location: 'Riyadh' },
	{ id: 'my-kualalumpur-1', area: 'Asia Pacific', location: 'Kuala Lumpur' },
	{ id: 'na-mexico-1', area: 'Latin America', location: 'Mexico City 1' },
	{ id: 'ru-moscow-1', area: 'Europe', location: 'Moscow' },
	{ id: 'ru-northwest-2', area: 'Europe', location: 'Moscow 2', elb: false },
	{ id: 'sa-brazil-1', area: 'Latin America', location: 'São Paulo' },
	{ id: 'tr-west-1', area: 'Europe', location: 'Istanbul' },
];

export const CUSTOM_ENDPOINT = 'custom';

// The EU sovereign site lives under its own domain. Huawei's sources give both: the Node SDK's VpcRegion has
// vpc.eu-west-101.myhuaweicloud.com, while the Terraform provider and the SDKs' READMEs (for IAM) use myhuaweicloud.eu
// for eu-west-101. The .eu host is used here; which one is canonical is not confirmed against the live API.
const SOVEREIGN_DOMAINS: Record<string, string> = { 'eu-west-101': 'myhuaweicloud.eu' };

export function regionEndpoint(region: string, service: 'vpc' | 'elb' = 'vpc'): string {
	if (!VPC_REGIONS.some(({ id }) => id === region)) throw new Error(`Unknown Huawei Cloud region "${region}"`);
	return `https://${service}.${region}.${SOVEREIGN_DOMAINS[region] ?? 'myhuaweicloud.com'}`;
}

/** The VPC endpoint's origin and base path, without a trailing slash. */
export function resolveEndpoint(credentials: { region?: unknown; endpoint?: unknown }): string {
	const region = regionOf(credentials);
	if (region !== CUSTOM_ENDPOINT) return regionEndpoint(region);
	return checkedBaseUrl(credentials.endpoint, 'custom endpoint', 'https://vpc.example.com');
}

/** Where the ELB API is, or why it is not known: load balancers are listed from there, not from the VPC API. */
export type ElbEndpoint = { url: string } | { unknownBecause: string };

/**
 * The ELB endpoint of the credential: the region's (where the official SDK knows one), or for a custom endpoint
 * its ELB Endpoint, else the Endpoint with its leading `vpc.` turned into `elb.`.
 */
export function resolveElbEndpoint(credentials: { region?: unknown; endpoint?: unknown; elbEndpoint?: unknown }): ElbEndpoint {
	const region = regionOf(credentials);
	if (region !== CUSTOM_ENDPOINT) {
		const known = VPC_REGIONS.find(({ id }) => id === region)?.elb !== false;
		return known
			? { url: regionEndpoint(region, 'elb') }
			: { unknownBecause: `No ELB endpoint is known for region ${region}.` };
	}
	const given = typeof credentials.elbEndpoint === 'string' ? credentials.elbEndpoint.trim() : '';
	if (given) return { url: checkedBaseUrl(given, 'ELB endpoint', 'https://elb.example.com') };
	const vpc = new URL(resolveEndpoint(credentials));
	// `vpc.com` must not become `elb.com`: someone else's domain would receive the signature and the token.
	if (!vpc.hostname.startsWith('vpc.') || !keepsRegistrableDomain(vpc.hostname.slice('vpc.'.length))) {
		return {
			unknownBecause: 'The credential uses a custom endpoint whose ELB endpoint is unknown: set ELB Endpoint in the credential.',
		};
	}
	vpc.hostname = `elb.${vpc.hostname.slice('vpc.'.length)}`;
	return { url: `${vpc.origin}${vpc.pathname.replace(/\/+$/, '')}` };
}

/**
 * Whether the credential's signature (and its AK and security token) may go to `url`: the VPC or ELB endpoint's own
 * origin, or over https a sibling service host `<service>.<rest>` on the endpoint's port, where `<rest>` is the VPC
 * endpoint's host without its first label (`cn-north-4.myhuaweicloud.com` for a public region).
 */
export function signsFor(credentials: { region?: unknown; endpoint?: unknown; elbEndpoint?: unknown }, url: URL): boolean {
	const vpc = new URL(resolveEndpoint(credentials));
	if (url.origin === vpc.origin) return true;
	const services = serviceDomain(vpc);
	if (url.protocol === 'https:' && services !== undefined && url.port === vpc.port) {
		const dot = url.hostname.indexOf('.');
		if (url.hostname.slice(dot + 1) === services && DNS_LABEL.test(url.hostname.slice(0, dot))) return true;
	}
	const elb = resolveElbEndpoint(credentials);
	return 'url' in elb && url.origin === new URL(elb.url).origin;
}

/** What `signsFor` accepts, in words, for an error message. */
export function signingScope(credentials: { region?: unknown; endpoint?: unknown; elbEndpoint?: unknown }): string {
	const vpc = new URL(resolveEndpoint(credentials));
	const elb = resolveElbEndpoint(credentials);
	const origins = [vpc.origin, ...('url' in elb ? [new URL(elb.url).origin] : [])].filter(
		(origin, index, all) => all.indexOf(origin) === index,
	);
	const services = serviceDomain(vpc);
	const places = services === undefined ? origins : [...origins, `any https://<service>.${services}${vpc.port ? `:${vpc.port}` : ''}`];
	return places.length === 1 ? places[0] : `${places.slice(0, -1).join(', ')} and ${places[places.length - 1]}`;
}

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
// Second levels under which a country's registry hands out names (co.uk, com.cn, ne.jp...): without a public-suffix
// list, a two-label name of this shape is taken for a registry's suffix, not one organisation's domain.
const REGISTRY_SECOND_LEVELS = ['co', 'com', 'net', 'org', 'gov', 'edu', 'ac', 'ne', 'or'];

/** The VPC endpoint's host without its first label, when that is still one organisation's domain. */
function serviceDomain(vpc: URL): string | undefined {
	if (vpc.protocol !== 'https:' || vpc.hostname.startsWith('[') || /^[\d.]+$/.test(vpc.hostname)) return undefined;
	const rest = vpc.hostname.slice(vpc.hostname.indexOf('.') + 1);
	return vpc.hostname.includes('.') && keepsRegistrableDomain(rest) ? rest : undefined;
}

/** Whether `<label>.<domain>` stays within `domain`'s owner: at least two labels, and not a registry's suffix. */
function keepsRegistrableDomain(domain: string): boolean {
	const labels = domain.split('.');
	if (labels.length < 2 || !labels.every((label) => DNS_LABEL.test(label))) return false;
	return !(labels.length === 2 && /^[a-z]{2}$/.test(labels[1]) && REGISTRY_SECOND_LEVELS.includes(labels[0]));
}

function regionOf(credentials: { region?: unknown }): string {
	return typeof credentials.region === 'string' && credentials.region ? credentials.region : CUSTOM_ENDPOINT;
}

/**
 * A base URL's origin and path, without a trailing slash. Plain http is refused except on loopback addresses (the
 * local emulator), so AK-signed requests and the security token never cross a network unencrypted.
 */
function checkedBaseUrl(value: unknown, name: string, example: string): string {
	const raw = typeof value === 'string' ? value.trim() : '';
	if (!URL.canParse(raw)) throw new Error(`The ${name} "${raw}" is not a URL such as ${example}`);
	const url = new URL(raw);
	if (url.search || url.hash || url.username || url.password) {
		throw new Error(`The ${name} must not contain a query, a fragment or user info`);
	}
	const secure = url.protocol === 'https:';
	if (!secure && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
		throw new Error(`The ${name} must use https (plain http is allowed only for loopback addresses); got "${url.origin}"`);
	}
	return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function isLoopback(hostname: string): boolean {
	return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
