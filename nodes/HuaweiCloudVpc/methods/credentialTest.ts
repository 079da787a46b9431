/**
 * The credential's Test button. n8n's generic test would say only "Authorization failed - please check your
 * credentials", and, being sent through n8n's authenticated request helper, a refused signature would be sent a
 * second time (five wrong signatures in a row lock an AK). This test lists one traffic mirror session, signed by
 * the node's own signer and sent once, and reads Huawei's answer: which of the usual causes it is, its error code,
 * and what to do.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { PROJECT_PLACEHOLDER, signHuaweiCloudRequest } from '../../../credentials/common/huaweiCloud/authentication';
import { CUSTOM_ENDPOINT, resolveEndpoint } from '../../../credentials/common/huaweiCloud/endpoint';
import { huaweiErrorOf } from '../transport/huaweiError';
import { IAM_ACTIONS } from '../transport/iam';
import { redactText, secretsOf } from '../transport/redact';
import { isObject, parseJson } from '../transport/request';

const TEST_PATH = '/vpc/traffic-mirror-sessions';
const TEST_TIMEOUT_MS = 30_000;

/** What came back from the test request (n8n's full response), as far as the diagnosis needs it. */
export interface TestAnswer {
	statusCode: number;
	body: unknown;
}

/** What the diagnosis needs to know of the credential, without its secrets. */
export interface TestedCredential {
	endpoint: string;
	projectId: string;
	region: string;
	hasSecurityToken: boolean;
}

export async function huaweiCloudApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const result = await testCredential(this, data);
	// Huawei's message may echo the security token (a refused signature echoes the signed request), in any spelling:
	// the diagnosis reads it whole, and what the test says carries none of it.
	return { ...result, message: redactText(result.message, secretsOf(data)) };
}

async function testCredential(
	context: ICredentialTestFunctions,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	let signed;
	let tested: TestedCredential;
	try {
		tested = describeCredential(data);
		signed = signHuaweiCloudRequest(data, {
			method: 'GET',
			url: `/v3/${PROJECT_PLACEHOLDER}${TEST_PATH}`,
			qs: { limit: 1 },
			headers: { Accept: 'application/json' },
		});
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
	// The credential test context offers n8n's `request` helper only (its `httpRequest` is not there): the request
	// goes out once, already signed, with no re-authentication and no redirect followed.
	const { request } = context.helpers;
	let answer: TestAnswer;
	try {
		answer = (await request({
			uri: signed.url,
			method: 'GET',
			headers: signed.headers,
			json: false,
			simple: false,
			resolveWithFullResponse: true,
			followRedirect: false,
			timeout: TEST_TIMEOUT_MS,
		})) as TestAnswer;
	} catch (error) {
		return { status: 'Error', message: unreachable(error, tested.endpoint) };
	}
	return diagnoseTestAnswer(answer, tested);
}

function describeCredential(data: ICredentialDataDecryptedObject): TestedCredential {
	const region = typeof data.region === 'string' && data.region ? data.region : CUSTOM_ENDPOINT;
	return {
		endpoint: resolveEndpoint(data),
		projectId: String(data.projectId ?? '').trim(),
		region,
		hasSecurityToken: String(data.securityToken ?? '').trim() !== '',
	};
}

/** The test's verdict on Huawei's answer: the cause, with Huawei's code and message, and what to do. */
export function diagnoseTestAnswer(answer: TestAnswer, credential: TestedCredential): INodeCredentialTestResult {
	const status = answer.statusCode;
	const body = typeof answer.body === 'string' ? parseJson(answer.body) : answer.body;
	const { code, requestId, text: fullText } = huaweiErrorOf(body);
	// A refused signature echoes the gateway's canonical request: long, and no help to a person.
	const text = fullText?.replace(/, SignedHeaders:.*$/s, '');
	const said = code ? ` (${[code, text].filter(Boolean).join(': ')})` : '';
	const withRequestId = (message: string) => (requestId ? `${message} Request ID: ${requestId}.` : message);
	const error = (message: string): INodeCredentialTestResult => ({ status: 'Error', message: withRequestId(message) });
	const where = credential.region === CUSTOM_ENDPOINT ? 'this endpoint' : `region ${credential.region}`;

	if (status >= 200 && status < 300) {
		if (isObject(body) && Array.isArray(body.traffic_mirror_sessions)) {
			return {
				status: 'OK',
				message: `Connected: the access key, project ${credential.projectId} and ${credential.endpoint} work`,
			};
		}
		return notHuawei(status, credential);
	}
	if (status >= 300 && status < 400) {
		return {
			status: 'Error',
			message: `${credential.endpoint} answered with a redirect (HTTP ${status}), which Huawei Cloud's API never does, so it was not followed: check Region or Endpoint`,
		};
	}
	if (!code) return notHuawei(status, credential);
	const message = (text ?? '').toLowerCase();
	const isProjectCode = code === 'VPC.0007' || /^APIGW?\.0310$/.test(code);
	if (isProjectCode || (/^APIGW?\.030[15]$/.test(code) && message.includes('project'))) {
		return error(
			`The Project ID is not a project of this access key's account in ${where}${said}. Copy the ID of the project of ${where} from My Credentials, API Credentials in the Huawei Cloud console.`,
		);
	}
	if (/^APIGW?\.0301$/.test(code)) {
		if (/ak \S+ not exist/.test(message)) {
			return error(
				`Huawei Cloud does not know this Access Key ID${said}. Check it for typos; a deleted key, or a key of another Huawei Cloud site, is refused too. Create one under My Credentials, Access Keys.`,
			);
		}
		if (message.includes('reach the limit')) {
			return error(
				`Huawei Cloud has locked this access key for 5 minutes after 5 wrong signatures in a row${said}. Wait, then test again with the right Secret Access Key.`,
			);
		}
		if (message.includes('signature expired')) {
			return error(
				`Huawei Cloud refused the request's time${said}: this n8n server's clock is more than 15 minutes off. Set the clock right (NTP), then test again.`,
			);
		}
		if (message.includes('x-security-token not found')) {
			return error(
				`This is a temporary access key, and it needs its Security Token${said}. Paste the token that came with the key.`,
			);
		}
		if (/token/.test(message)) {
			return error(
				credential.hasSecurityToken
					? `Huawei Cloud cannot use the Security Token${said}: it has expired, or it belongs to other temporary keys. Get a new temporary access key with its token from IAM; for a permanent key, leave Security Token empty.`
					: `Huawei Cloud expected a Security Token${said}. Temporary access keys need the token that came with them.`,
			);
		}
		if (message.includes('signature')) {
			return error(
				`The signature does not match${said}: the Secret Access Key is not the one of this Access Key ID. Paste it again from the key's credentials.csv. 5 wrong signatures in a row lock the key for 5 minutes.`,
			);
		}
		return error(`Huawei Cloud refused the access key${said}. Check the Access Key ID, the Secret Access Key and the Security Token.`);
	}
	if (status === 403 || /^APIGW?\.030[246]$/.test(code)) {
		return error(
			`The access key works, but it may not list traffic mirror sessions${said}. Grant its IAM user the action ${IAM_ACTIONS.ListTrafficMirrorSessions} for ${where} (docs/reference.md, IAM actions, lists what each operation needs).`,
		);
	}
	if (/^APIGW?\.0101$/.test(code)) {
		return error(
			`${credential.endpoint} is a Huawei Cloud API gateway, but it has no VPC traffic mirroring API${said}. Check Region; a custom Endpoint must be the VPC endpoint, such as https://vpc.cn-north-4.myhuaweicloud.com.`,
		);
	}
	if (status === 429) return error(`Huawei Cloud throttled the test${said}. Test again in a few seconds.`);
	if (status >= 500) return error(`Huawei Cloud could not answer the test (HTTP ${status}${said.replace(/^ \(/, ', ').replace(/\)$/, '')}). Try again later.`);
	return error(`Huawei Cloud refused the test with HTTP ${status}${said}.`);
}

function notHuawei(status: number, credential: TestedCredential): INodeCredentialTestResult {
	return {
		status: 'Error',
		message: `${credential.endpoint} answered HTTP ${status}, but not as Huawei Cloud's VPC API does (no Huawei error code, no list of sessions): check Region or Endpoint. A custom Endpoint must be the VPC endpoint, such as https://vpc.cn-north-4.myhuaweicloud.com.`,
	};
}

/** A test that got no HTTP answer: the host, the port or the certificate. */
function unreachable(error: unknown, endpoint: string): string {
	const details = (error ?? {}) as IDataObject;
	const cause = (details.cause ?? {}) as IDataObject;
	const code = [details.code, cause.code].find((value): value is string => typeof value === 'string');
	switch (code) {
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return `The host of ${endpoint} cannot be found (${code}): check Region or Endpoint.`;
		case 'ECONNREFUSED':
			return `${endpoint} refused the connection (${code}): nothing listens there; check Endpoint.`;
		case 'ECONNABORTED':
		case 'ETIMEDOUT':
			return `${endpoint} did not answer within ${TEST_TIMEOUT_MS / 1000} seconds (${code}): check Endpoint and this server's network.`;
		default:
			if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
				return `The TLS certificate of ${endpoint} is not trusted (${code}): it is not Huawei Cloud's, or a proxy replaces it.`;
			}
			return `Could not reach ${endpoint}${code ? ` (${code})` : ''}: ${(error as Error)?.message ?? 'unknown error'}`;
	}
}
