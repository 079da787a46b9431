import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { signHuaweiCloudRequest } from './common/huaweiCloud/authentication';
import { CUSTOM_ENDPOINT, VPC_REGIONS, type VpcRegion } from './common/huaweiCloud/endpoint';

/** E.g. "Asia Pacific: Singapore (ap-southeast-3)", or "Chinese Mainland: cn-east-4" where the city is not known. */
function regionOption({ id, area, location }: VpcRegion): INodePropertyOptions {
	return { name: `${area}: ${location ? `${location} (${id})` : id}`, value: id };
}

export class HuaweiCloudApi implements ICredentialType {
	name = 'huaweiCloudApi';

	displayName = 'Huawei Cloud API';

	icon = { light: 'file:huaweiCloudApi.svg', dark: 'file:huaweiCloudApi.dark.svg' } as const;

	documentationUrl = 'https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-provide-aksk.html';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Key ID (AK)',
			name: 'accessKeyId',
			type: 'string',
			default: '',
			required: true,
			description: 'From My Credentials → Access Keys in the Huawei Cloud console',
		},
		{
			displayName: 'Secret Access Key (SK)',
			name: 'secretAccessKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The secret of the access key, in the credentials.csv downloaded when the key was created; Huawei Cloud shows it only then. It signs each request and is never sent.',
		},
		{
			displayName: 'Security Token',
			name: 'securityToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only for temporary AK/SK obtained from IAM; leave empty for permanent access keys',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			// Found the way a person looks for a region: by part of the world, then city, in alphabetical order of the
			// names shown (the ID stays in the name, so typing it finds the region too); the custom endpoint last. Compared
			// by code unit: localeCompare would set up ICU's collator while the credential loads.
			options: [
				...VPC_REGIONS.map(regionOption).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
				{ name: 'Custom Endpoint', value: CUSTOM_ENDPOINT, description: 'Huawei Cloud Stack, another site, or a local emulator' },
			],
			default: 'cn-north-4',
			description: 'The region whose VPC endpoint (https://vpc.{region}.myhuaweicloud.com) receives the requests',
		},
		{
			displayName: 'Endpoint',
			name: 'endpoint',
			type: 'string',
			default: '',
			placeholder: 'https://vpc.my-region.example.com',
			displayOptions: { show: { region: [CUSTOM_ENDPOINT] } },
			description: 'Base URL of the VPC API; must be https, except loopback addresses such as http://127.0.0.1:9780',
		},
		{
			displayName: 'ELB Endpoint',
			name: 'elbEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://elb.my-region.example.com',
			displayOptions: { show: { region: [CUSTOM_ENDPOINT] } },
			description:
				'Base URL of the ELB API, where the Traffic Mirror Target picker lists load balancers. Leave it empty when it is the Endpoint with "vpc." changed to "elb.".',
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			required: true,
			description: 'The ID of the project of the region, from My Credentials → API Credentials in the console',
		},
	];

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => signHuaweiCloudRequest(credentials, requestOptions);

	// No declarative `test`: n8n would prefer it to the node's `huaweiCloudApiTest` (methods/credentialTest.ts), which
	// tells the causes of a refusal apart and sends the test once.
}
