/**
 * Where requests go: the VPC endpoint of a public Huawei Cloud region, or a custom endpoint (Huawei Cloud Stack,
 * another partition, the local emulator). Derived here and nowhere else.
 */

/** The regions of the official Node SDK's VpcRegion (spec §7), with their city where it is well known. */
export const VPC_REGIONS: ReadonlyArray<{ id: string; location?: string }> = [
	{ id: 'af-north-1', location: 'Cairo' },
	{ id: 'af-south-1', location: 'Johannesburg' },
	{ id: 'ae-ad-1', location: 'Abu Dhabi' },
	{ id: 'ap-southeast-1', location: 'Hong Kong' },
	{ id: 'ap-southeast-2', location: 'Bangkok' },
	{ id: 'ap-southeast-3', location: 'Singapore' },
	{ id: 'ap-southeast-4', location: 'Jakarta' },
	{ id: 'ap-southeast-5', location: 'Manila' },
	{ id: 'cn-east-2', location: 'Shanghai 2' },
	{ id: 'cn-east-3', location: 'Shanghai 1' },
	{ id: 'cn-east-4' },
	{ id: 'cn-east-5', location: 'Qingdao' },
	{ id: 'cn-north-1', location: 'Beijing 1' },
	{ id: 'cn-north-2', location: 'Beijing 2' },
	{ id: 'cn-north-4', location: 'Beijing 4' },
	{ id: 'cn-north-9', location: 'Ulanqab 1' },
	{ id: 'cn-north-11' },
	{ id: 'cn-north-12' },
	{ id: 'cn-south-1', location: 'Guangzhou' },
	{ id: 'cn-south-2', location: 'Shenzhen' },
	{ id: 'cn-south-4' },
	{ id: 'cn-southwest-2', location: 'Guiyang 1' },
	{ id: 'cn-southwest-3' },
	{ id: 'eu-west-0', location: 'Paris' },
	{ id: 'eu-west-101', location: 'Dublin, EU sovereign site' },
	{ id: 'la-north-2', location: 'Mexico City 2' },
	{ id: 'la-south-2', location: 'Santiago' },
	{ id: 'me-east-1', location: 'Riyadh' },
	{ id: 'my-kualalumpur-1', location: 'Kuala Lumpur' },
	{ id: 'na-mexico-1', location: 'Mexico City 1' },
	{ id: 'ru-moscow-1', location: 'Moscow' },
	{ id: 'ru-northwest-2', location: 'Moscow 2' },
	{ id: 'sa-brazil-1', location: 'São Paulo' },
	{ id: 'tr-west-1', location: 'Istanbul' },
];

export const CUSTOM_ENDPOINT = 'custom';

// The EU sovereign site lives under its own domain (spec §7: prefer .eu for eu-west-101).
const SOVEREIGN_DOMAINS: Record<string, string> = { 'eu-west-101': 'myhuaweicloud.eu' };

export function regionEndpoint(region: string): string {
	if (!VPC_REGIONS.some(({ id }) => id === region)) throw new Error(`Unknown Huawei Cloud region "${region}"`);
	return `https://vpc.${region}.${SOVEREIGN_DOMAINS[region] ?? 'myhuaweicloud.com'}`;
}

/**
 * The endpoint's origin and base path, without a trailing slash. Plain http is refused except on loopback
 * addresses (the local emulator), so AK-signed requests and the security token never cross a network unencrypted.
 */
export function resolveEndpoint(credentials: { region?: unknown; endpoint?: unknown }): string {
	const region = typeof credentials.region === 'string' && credentials.region ? credentials.region : CUSTOM_ENDPOINT;
	if (region !== CUSTOM_ENDPOINT) return regionEndpoint(region);
	const raw = typeof credentials.endpoint === 'string' ? credentials.endpoint.trim() : '';
	if (!URL.canParse(raw)) throw new Error(`The custom endpoint "${raw}" is not a URL such as https://vpc.example.com`);
	const url = new URL(raw);
	if (url.search || url.hash || url.username || url.password) {
		throw new Error('The custom endpoint must not contain a query, a fragment or user info');
	}
	const secure = url.protocol === 'https:';
	if (!secure && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
		throw new Error(
			`The custom endpoint must use https (plain http is allowed only for loopback addresses); got "${url.origin}"`,
		);
	}
	return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function isLoopback(hostname: string): boolean {
	return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
