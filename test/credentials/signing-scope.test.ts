/**
 * Where the credential signs: any node can hand it an absolute URL (n8n's HTTP Request node with this predefined
 * credential, a Custom API Call), and only the credential's own endpoints and the Huawei Cloud services beside them
 * may receive its AK, signature and security token.
 */
import { signHuaweiCloudRequest } from '../../credentials/common/huaweiCloud/authentication';
import { CUSTOM_ENDPOINT } from '../../credentials/common/huaweiCloud/endpoint';
import { AK, PROJECT_ID, SECURITY_TOKEN, SIGNING_DATE, SK } from '../signer/vectors';

const keys = { accessKeyId: AK, secretAccessKey: SK, projectId: PROJECT_ID, securityToken: SECURITY_TOKEN };
const PATH = '/v3/{project_id}/vpc/traffic-mirror-sessions';

const sign = (credentials: Record<string, string>, url: string) =>
	signHuaweiCloudRequest({ ...keys, ...credentials }, { method: 'GET', url }, SIGNING_DATE);

interface Case {
	credential: Record<string, string>;
	/** Said in the refusal as what the credential signs for. */
	scope: string;
	signed: string[];
	refused: string[];
}

const CASES: Record<string, Case> = {
	'a public region (cn-north-4)': {
		credential: { region: 'cn-north-4' },
		scope:
			'https://vpc.cn-north-4.myhuaweicloud.com, https://elb.cn-north-4.myhuaweicloud.com and any https://<service>.cn-north-4.myhuaweicloud.com',
		signed: [
			'https://vpc.cn-north-4.myhuaweicloud.com',
			'https://VPC.cn-north-4.myhuaweicloud.com:443',
			'https://elb.cn-north-4.myhuaweicloud.com',
			'https://ecs.cn-north-4.myhuaweicloud.com',
		],
		refused: [
			'http://vpc.cn-north-4.myhuaweicloud.com',
			'https://vpc.cn-north-4.myhuaweicloud.com:8443',
			'https://vpc.cn-south-1.myhuaweicloud.com',
			'https://vpc.cn-north-4.myhuaweicloud.eu',
			'https://iam.myhuaweicloud.com',
			'https://a.b.cn-north-4.myhuaweicloud.com',
			'https://vpc.cn-north-4.myhuaweicloud.com.example.com',
			'https://vpccn-north-4.myhuaweicloud.com',
			'https://vpc.cn-north-4.myhuaweicloud.com.',
			'https://example.com',
			'http://127.0.0.1:9780',
			'ftp://vpc.cn-north-4.myhuaweicloud.com',
		],
	},
	'the EU sovereign site (eu-west-101)': {
		credential: { region: 'eu-west-101' },
		scope:
			'https://vpc.eu-west-101.myhuaweicloud.eu, https://elb.eu-west-101.myhuaweicloud.eu and any https://<service>.eu-west-101.myhuaweicloud.eu',
		signed: ['https://vpc.eu-west-101.myhuaweicloud.eu', 'https://elb.eu-west-101.myhuaweicloud.eu', 'https://ims.eu-west-101.myhuaweicloud.eu'],
		refused: ['https://vpc.eu-west-101.myhuaweicloud.com', 'http://vpc.eu-west-101.myhuaweicloud.eu', 'https://myhuaweicloud.eu'],
	},
	'a custom https endpoint with a port and a base path': {
		credential: { region: CUSTOM_ENDPOINT, endpoint: 'https://vpc.hcs.example.com:8443/gateway' },
		scope: 'https://vpc.hcs.example.com:8443, https://elb.hcs.example.com:8443 and any https://<service>.hcs.example.com:8443',
		signed: ['https://vpc.hcs.example.com:8443', 'https://elb.hcs.example.com:8443', 'https://ecs.hcs.example.com:8443'],
		refused: [
			'https://ecs.hcs.example.com',
			'https://vpc.hcs.example.com',
			'http://vpc.hcs.example.com:8443',
			'https://hcs.example.com:8443',
			'https://other.example.com:8443',
			'https://vpc.cn-north-4.myhuaweicloud.com',
		],
	},
	'a custom endpoint with its own ELB endpoint': {
		credential: { region: CUSTOM_ENDPOINT, endpoint: 'https://vpc.example.com', elbEndpoint: 'https://lb.example.net/elb' },
		scope: 'https://vpc.example.com, https://lb.example.net and any https://<service>.example.com',
		signed: ['https://lb.example.net', 'https://dns.example.com'],
		refused: ['https://other.example.net', 'http://lb.example.net'],
	},
	'a custom endpoint one label above a public suffix (vpc.co.uk)': {
		credential: { region: CUSTOM_ENDPOINT, endpoint: 'https://vpc.co.uk' },
		scope: 'https://vpc.co.uk',
		signed: ['https://vpc.co.uk'],
		refused: ['https://elb.co.uk', 'https://example.co.uk'],
	},
	'a custom endpoint on a top-level domain (vpc.com)': {
		credential: { region: CUSTOM_ENDPOINT, endpoint: 'https://vpc.com' },
		scope: 'https://vpc.com',
		signed: ['https://vpc.com'],
		refused: ['https://elb.com', 'https://example.com'],
	},
	'a custom endpoint at an IP address': {
		credential: { region: CUSTOM_ENDPOINT, endpoint: 'https://10.0.0.5:8443' },
		scope: 'https://10.0.0.5:8443',
		signed: ['https://10.0.0.5:8443'],
		refused: ['https://10.0.0.6:8443', 'https://0.0.5:8443'],
	},
	'the loopback emulator over plain http, with its ELB endpoint on another port': {
		credential: { region: CUSTOM_ENDPOINT, endpoint: 'http://127.0.0.1:9780', elbEndpoint: 'http://127.0.0.1:9781' },
		scope: 'http://127.0.0.1:9780 and http://127.0.0.1:9781',
		signed: ['http://127.0.0.1:9780', 'http://127.0.0.1:9781'],
		refused: ['http://127.0.0.1:9782', 'http://localhost:9780', 'https://127.0.0.1:9780', 'http://[::1]:9780', 'http://10.0.0.1:9780'],
	},
};

describe.each(Object.entries(CASES))('signing absolute URLs for %s', (_, { credential, scope, signed, refused }) => {
	it.each(signed)('signs %s', (origin) => {
		const request = sign(credential, `${origin}${PATH}?limit=5`);
		const url = new URL(request.url);
		expect(url.origin).toBe(new URL(origin).origin);
		expect(url.pathname).toBe(`/v3/${PROJECT_ID}/vpc/traffic-mirror-sessions`);
		expect(request.headers?.Authorization).toMatch(/^SDK-HMAC-SHA256 /);
	});

	it.each(refused)('refuses %s, naming it and what the credential signs for', (origin) => {
		const { protocol, host } = new URL(origin);
		expect(() => sign(credential, `${origin}${PATH}`)).toThrow(
			`Refused to sign a request to ${protocol}//${host}: this Huawei Cloud credential signs only requests to ${scope}. Nothing was sent.`,
		);
	});
});

describe('relative URLs', () => {
	it('go to the credential\'s own endpoint, whatever it is', () => {
		for (const { credential } of Object.values(CASES)) {
			expect(() => sign(credential, PATH)).not.toThrow();
		}
	});
});
