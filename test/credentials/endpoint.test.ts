import { CUSTOM_ENDPOINT, resolveElbEndpoint, resolveEndpoint } from '../../credentials/common/huaweiCloud/endpoint';
import { SDK_REGIONS } from '../helpers/sdk-regions';

describe('region endpoints', () => {
	it('the EU sovereign site eu-west-101 lives under myhuaweicloud.eu', () => {
		expect(resolveEndpoint({ region: 'eu-west-101' })).toBe('https://vpc.eu-west-101.myhuaweicloud.eu');
	});

	it('reaches every other region of the official SDK at the SDK\'s own endpoint, whatever the Endpoint field says', () => {
		for (const region of SDK_REGIONS.filter(({ id }) => id !== 'eu-west-101')) {
			const endpoint = resolveEndpoint({ region: region.id, endpoint: 'http://ignored.example' });
			expect({ region: region.id, endpoint }).toEqual({
				region: region.id,
				endpoint: region.endpoints[0],
			});
		}
	});

	it('refuses an unknown region', () => {
		expect(() => resolveEndpoint({ region: 'mars-north-1' })).toThrow('Unknown Huawei Cloud region "mars-north-1"');
	});
});

describe('custom endpoints', () => {
	const custom = (endpoint: string) => resolveEndpoint({ region: CUSTOM_ENDPOINT, endpoint });

	it('accepts https, keeps a base path and drops trailing slashes and spaces', () => {
		expect(custom('https://vpc.my-region.example.com')).toBe('https://vpc.my-region.example.com');
		expect(custom(' https://hcs.example.com:8443/gateway/vpc/ ')).toBe('https://hcs.example.com:8443/gateway/vpc');
	});

	it.each(['http://127.0.0.1:9780', 'http://127.1.2.3', 'http://localhost:8080', 'http://[::1]:9780'])(
		'accepts plain http on the loopback address %s',
		(endpoint) => expect(custom(endpoint)).toBe(endpoint),
	);

	it.each(['http://10.0.0.1', 'http://192.168.1.10:9780', 'http://localhost.example.com', 'http://127.0.0.1.nip.io', 'http://vpc.example.com'])(
		'refuses plain http on %s with a clear error',
		(endpoint) => {
			expect(() => custom(endpoint)).toThrow(
				'The custom endpoint must use https (plain http is allowed only for loopback addresses)',
			);
		},
	);

	it('refuses other schemes', () => {
		expect(() => custom('ftp://vpc.example.com')).toThrow('must use https');
	});

	it.each(['https://vpc.example.com/?a=b', 'https://user:pass@vpc.example.com', 'https://user@vpc.example.com', 'https://vpc.example.com/#x'])(
		'refuses a query, user info or fragment in %s',
		(endpoint) => {
			expect(() => custom(endpoint)).toThrow('The custom endpoint must not contain a query, a fragment or user info');
		},
	);

	it('refuses an empty or malformed endpoint, and treats a missing region as custom', () => {
		expect(() => custom('')).toThrow('is not a URL such as https://vpc.example.com');
		expect(() => custom('vpc.example.com')).toThrow('is not a URL');
		expect(() => resolveEndpoint({})).toThrow('is not a URL');
		expect(resolveEndpoint({ endpoint: 'https://vpc.example.com' })).toBe('https://vpc.example.com');
	});
});

describe('the ELB endpoint, where the target picker lists load balancers', () => {
	// The regions of the official Go SDK's ElbRegion (services/elb/v3/region/region.go): an independent list.
	const ELB_SDK_REGIONS = [
		'af-north-1', 'af-south-1', 'ae-ad-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4',
		'cn-east-2', 'cn-east-3', 'cn-east-4', 'cn-east-5', 'cn-north-1', 'cn-north-2', 'cn-north-4', 'cn-north-9',
		'cn-south-1', 'cn-south-2', 'cn-southwest-2', 'eu-west-0', 'eu-west-101', 'la-north-2', 'la-south-2',
		'me-east-1', 'my-kualalumpur-1', 'na-mexico-1', 'ru-moscow-1', 'sa-brazil-1', 'tr-west-1',
	];

	it('is the region’s ELB endpoint where the SDK knows one, and unknown elsewhere', () => {
		for (const { id } of SDK_REGIONS) {
			const elb = resolveElbEndpoint({ region: id });
			if (ELB_SDK_REGIONS.includes(id)) {
				expect(elb).toEqual({ url: resolveEndpoint({ region: id }).replace('https://vpc.', 'https://elb.') });
			} else {
				expect(elb).toEqual({ unknownBecause: `No ELB endpoint is known for region ${id}.` });
			}
		}
	});

	it('for a custom endpoint: the ELB Endpoint given, else the Endpoint with vpc. turned into elb.', () => {
		const custom = { region: CUSTOM_ENDPOINT, endpoint: 'https://vpc.hcs.example.com:8443/gateway' };
		expect(resolveElbEndpoint(custom)).toEqual({ url: 'https://elb.hcs.example.com:8443/gateway' });
		expect(resolveElbEndpoint({ ...custom, elbEndpoint: ' https://lb.hcs.example.com/ ' })).toEqual({ url: 'https://lb.hcs.example.com' });
		expect(resolveElbEndpoint({ region: CUSTOM_ENDPOINT, endpoint: 'http://127.0.0.1:9780' })).toEqual({
			unknownBecause: 'The credential uses a custom endpoint whose ELB endpoint is unknown: set ELB Endpoint in the credential.',
		});
	});

	it.each(['https://vpc.com', 'https://vpc.co.uk', 'https://vpc.com.cn', 'https://vpc.ne.jp', 'https://vpc.localhost:8443'])(
		'is unknown for %s, where turning vpc. into elb. would change the registrable domain',
		(endpoint) => {
			expect(resolveElbEndpoint({ region: CUSTOM_ENDPOINT, endpoint })).toEqual({
				unknownBecause: 'The credential uses a custom endpoint whose ELB endpoint is unknown: set ELB Endpoint in the credential.',
			});
		},
	);

	it.each([
		['https://vpc.example.co.uk', 'https://elb.example.co.uk'],
		['https://vpc.example.io:8443/api', 'https://elb.example.io:8443/api'],
		['https://vpc.region.mycloud.com.cn', 'https://elb.region.mycloud.com.cn'],
	])('is derived for %s, whose domain after vpc. is one organisation\'s', (endpoint, url) => {
		expect(resolveElbEndpoint({ region: CUSTOM_ENDPOINT, endpoint })).toEqual({ url });
	});

	it('holds the ELB Endpoint to the same rules as the Endpoint', () => {
		const withElb = (elbEndpoint: string) => resolveElbEndpoint({ region: CUSTOM_ENDPOINT, endpoint: 'https://vpc.example.com', elbEndpoint });
		expect(() => withElb('http://elb.example.com')).toThrow('The ELB endpoint must use https (plain http is allowed only for loopback addresses)');
		expect(() => withElb('https://elb.example.com/?x=1')).toThrow('The ELB endpoint must not contain a query');
	});
});
