import type { IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
// n8n's own HTTP helper, as the credential dialog's Test uses it after `authenticate`.
import {
	httpRequest,
	removeEmptyBody,
} from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions';

import { HuaweiCloudApi } from '../../credentials/HuaweiCloudApi.credentials';
import { HuaweiCloudVpc } from '../../nodes/HuaweiCloudVpc/HuaweiCloudVpc.node';
import { CUSTOM_ENDPOINT } from '../../nodes/HuaweiCloudVpc/transport/endpoint';
import { startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { SDK_REGIONS } from '../helpers/sdk-regions';

const credential = new HuaweiCloudApi();
const property = (name: string): INodeProperties => {
	const found = credential.properties.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`the credential has no field ${name}`);
	return found;
};

describe('the credential type', () => {
	it('is the one the node asks for', () => {
		expect(new HuaweiCloudVpc().description.credentials).toEqual([{ name: credential.name, required: true }]);
	});

	it('offers every region of the official SDK, and a custom endpoint', () => {
		const values = (property('region').options ?? []).map((option) => ('value' in option ? option.value : undefined));
		expect([...values].sort()).toEqual([...SDK_REGIONS.map(({ id }) => id), CUSTOM_ENDPOINT].sort());
	});

	it('lists the regions by part of the world, then city, in the alphabetical order of their names; the custom endpoint last', () => {
		const names = (property('region').options ?? []).map((option) => option.name);
		expect(names.pop()).toBe('Custom Endpoint');
		expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
		expect(names.slice(0, 3)).toEqual(['Africa: Cairo (af-north-1)', 'Africa: Johannesburg (af-south-1)', 'Asia Pacific: Bangkok (ap-southeast-2)']);
		expect(names).toContain('Chinese Mainland: cn-east-4');
		expect(names[names.length - 1]).toBe('Middle East: Riyadh (me-east-1)');
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
