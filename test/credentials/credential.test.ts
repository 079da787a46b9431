import type { INodeProperties } from 'n8n-workflow';

import { HuaweiCloudApi } from '../../credentials/HuaweiCloudApi.credentials';
import { HuaweiCloudVpc } from '../../nodes/HuaweiCloudVpc/HuaweiCloudVpc.node';
import { CUSTOM_ENDPOINT } from '../../credentials/common/huaweiCloud/endpoint';
import { SDK_REGIONS } from '../helpers/sdk-regions';

const credential = new HuaweiCloudApi();
const property = (name: string): INodeProperties => {
	const found = credential.properties.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`the credential has no field ${name}`);
	return found;
};

describe('the credential type', () => {
	it('is the one the node asks for', () => {
		expect(new HuaweiCloudVpc().description.credentials).toEqual([
			{ name: credential.name, required: true, testedBy: 'huaweiCloudApiTest' },
		]);
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
