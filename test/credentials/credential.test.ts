import type { IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
// n8n's own HTTP helper, as the credential dialog's Test uses it after `authenticate`.
import {
	httpRequest,
	removeEmptyBody,
} from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions';

import { HuaweiCloudApi } from '../../credentials/HuaweiCloudApi.credentials';
import { CUSTOM_ENDPOINT, VPC_REGIONS } from '../../nodes/HuaweiCloudVpc/transport/endpoint';
import { startApiFixture, type ApiFixture } from '../helpers/api-fixture';

const credential = new HuaweiCloudApi();
const property = (name: string): INodeProperties => {
	const found = credential.properties.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`the credential has no field ${name}`);
	return found;
};

describe('the credential type', () => {
	it('is huaweiCloudApi, shown as "Huawei Cloud API"', () => {
		expect(credential.name).toBe('huaweiCloudApi');
		expect(credential.displayName).toBe('Huawei Cloud API');
	});

	it('exposes the fields the issue lists, in order', () => {
		expect(credential.properties.map(({ name }) => name)).toEqual([
			'accessKeyId',
			'secretAccessKey',
			'securityToken',
			'region',
			'endpoint',
			'projectId',
		]);
	});

	it('hides the secret key and the security token as password fields; AK, SK and project are required', () => {
		expect(property('secretAccessKey').typeOptions).toEqual({ password: true });
		expect(property('securityToken').typeOptions).toEqual({ password: true });
		expect(property('securityToken').required).toBeFalsy();
		for (const name of ['accessKeyId', 'secretAccessKey', 'projectId']) expect(property(name).required).toBe(true);
	});

	it('offers every VPC region plus a custom endpoint, and shows the endpoint only for the custom choice', () => {
		const values = (property('region').options ?? []).map((option) => ('value' in option ? option.value : undefined));
		expect(values).toEqual(expect.arrayContaining([CUSTOM_ENDPOINT, ...VPC_REGIONS.map(({ id }) => id)]));
		expect(values).toHaveLength(VPC_REGIONS.length + 1);
		expect(property('region').default).toBe('cn-north-4');
		expect(property('endpoint').displayOptions).toEqual({ show: { region: [CUSTOM_ENDPOINT] } });
	});

	it('tests itself with a list of one traffic mirror session', () => {
		expect(credential.test.request).toEqual({
			method: 'GET',
			url: '/v3/{project_id}/vpc/traffic-mirror-sessions',
			qs: { limit: 1 },
		});
	});
});

describe("the credential's test request, signed by authenticate, against the emulator", () => {
	let api: ApiFixture;
	beforeAll(async () => {
		api = await startApiFixture({ securityToken: 'TEMPORARY-TOKEN' });
	});
	afterAll(async () => await api.close());

	/** As n8n's routing sends a credential test: empty qs/headers/body defaults, the test request, a full response. */
	async function sendTestRequest(overrides: Record<string, string> = {}) {
		const options: IHttpRequestOptions = {
			qs: {},
			headers: {},
			body: {},
			...credential.test.request,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		} as IHttpRequestOptions;
		removeEmptyBody(options);
		const signed = await credential.authenticate(api.credentials(overrides), options);
		const response = (await httpRequest(signed)) as { statusCode: number; body: unknown };
		const json = typeof response.body === 'string' ? JSON.parse(response.body) : response.body;
		return { status: response.statusCode, json: json as Record<string, unknown> };
	}

	it('is accepted with the right AK/SK, token and project', async () => {
		const answer = await sendTestRequest();
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({ traffic_mirror_sessions: [] });
	});

	it('is refused with 401 APIGW.0301 when the secret key is wrong', async () => {
		const answer = await sendTestRequest({ secretAccessKey: 'not-the-secret-key' });
		expect(answer.status).toBe(401);
		expect(answer.json.error_code).toBe('APIGW.0301');
	});

	it('is refused when the security token is missing for temporary keys', async () => {
		const answer = await sendTestRequest({ securityToken: '' });
		expect(answer.status).toBe(401);
	});
});
