/**
 * n8n's load-options context (for resource-locator lists and option lists) is not part of an engine run, so this
 * stands in for it: it signs with the credential's own signing function and sends with fetch, as n8n's HTTP helper
 * would, and answers in the full-response shape the transport asks for.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import { signHuaweiCloudRequest } from '../../nodes/HuaweiCloudVpc/transport/authentication';

export function loadOptionsContext(credentials: ICredentialDataDecryptedObject): ILoadOptionsFunctions {
	return {
		getNode: () => ({ name: 'Huawei Cloud VPC', type: 'huaweiCloudVpc', typeVersion: 1, position: [0, 0], parameters: {}, id: '1' }),
		getCredentials: async () => credentials,
		helpers: {
			httpRequestWithAuthentication: async (_credential: string, options: IHttpRequestOptions) => {
				const signed = signHuaweiCloudRequest(credentials, options);
				const headers = Object.fromEntries(
					Object.entries(signed.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'host'),
				) as Record<string, string>;
				const response = await fetch(signed.url, { method: signed.method, headers, body: signed.body as string | undefined });
				return { body: await response.text(), headers: Object.fromEntries(response.headers), statusCode: response.status };
			},
		},
	} as unknown as ILoadOptionsFunctions;
}
