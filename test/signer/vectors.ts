/**
 * SDK-HMAC-SHA256 test vectors, kept as data: produced by the official Node SDK's signer (AKSKSigner of
 * @huaweicloud/huaweicloud-sdk-core) with its clock frozen at 2024-01-02T03:04:05Z; sdk-differential.test.ts checks
 * that the SDK still produces them. They are numbered as first written down; there is no TV4.
 */
import type { QueryParameters } from '../../credentials/common/huaweiCloud/signer';

export const AK = 'HPUAEXAMPLEAK0000001';
export const SK = 'exampleSecretKey0123456789abcdefghijklmn';
export const PROJECT_ID = '7365fcd452924e398ec4cc1fe39c0d12';
export const ENDPOINT = 'https://vpc.cn-north-4.myhuaweicloud.com';
export const HOST = 'vpc.cn-north-4.myhuaweicloud.com';
export const SIGNING_DATE = new Date('2024-01-02T03:04:05Z');
export const SDK_DATE = '20240102T030405Z';
export const SESSION_ID = '16538eda-7e94-4b90-b5f3-a653f62dc817';
export const SECURITY_TOKEN = 'EXAMPLE-SECURITY-TOKEN';

export interface SignerVector {
	name: string;
	input: {
		method: string;
		/** Absolute URL without query string. */
		url: string;
		/** Query parameters in the (unsorted) order the caller gives them. */
		query?: QueryParameters;
		/** Headers present before signing (without `host`, which the signer derives from the URL). */
		headers: Record<string, string>;
		/** The exact body bytes, as `JSON.stringify` produces them. */
		body?: string;
		date: Date;
	};
	expected: {
		payloadHash: string;
		canonicalRequest: string;
		canonicalRequestSha256: string;
		stringToSign: string;
		signedHeaders: string;
		signature: string;
		authorization: string;
	};
}

const sessions = `${ENDPOINT}/v3/${PROJECT_ID}/vpc/traffic-mirror-sessions`;
const jsonHeaders = { 'Content-Type': 'application/json', 'X-Project-Id': PROJECT_ID };
const lines = (...parts: string[]) => parts.join('\n');
const stringToSign = (hash: string) => lines('SDK-HMAC-SHA256', SDK_DATE, hash);
const authorization = (signedHeaders: string, signature: string) =>
	`SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=${signedHeaders}, Signature=${signature}`;

const TV1_BODY =
	'{"traffic_mirror_session":{"name":"test-session","traffic_mirror_filter_id":"b765ba87-c0b4-4f1a-9ec3-d5b1d1ddb137",' +
	'"traffic_mirror_sources":["6134900d-31a6-4b71-8453-dbca7f26982a"],"traffic_mirror_target_id":' +
	'"c9f8acef-d550-4fbe-be7c-e8bfd3501dc1","traffic_mirror_target_type":"eni","priority":11}}';
const TV5_BODY = '{"traffic_mirror_session":{"traffic_mirror_sources":["2f2b6f5e-1f0f-4d6c-9a7e-0c4e2f3b1a01"]}}';
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const FOUR = 'content-type;host;x-project-id;x-sdk-date';
const FIVE = 'content-type;host;x-project-id;x-sdk-date;x-security-token';

export const VECTORS: SignerVector[] = [
	{
		name: 'TV1 POST create session',
		input: { method: 'POST', url: sessions, headers: { ...jsonHeaders }, body: TV1_BODY, date: SIGNING_DATE },
		expected: {
			payloadHash: '56895ff2daee60ab040d18fd69744f9972ad4e1515e6cebd41ccd3d9676443ff',
			canonicalRequest: lines(
				'POST',
				`/v3/${PROJECT_ID}/vpc/traffic-mirror-sessions/`,
				'',
				'content-type:application/json',
				`host:${HOST}`,
				`x-project-id:${PROJECT_ID}`,
				`x-sdk-date:${SDK_DATE}`,
				'',
				FOUR,
				'56895ff2daee60ab040d18fd69744f9972ad4e1515e6cebd41ccd3d9676443ff',
			),
			canonicalRequestSha256: '98d6e3192cba9c88b9b0176931cb647b9abc3f592cc850c6c7e4082d90eecb78',
			stringToSign: stringToSign('98d6e3192cba9c88b9b0176931cb647b9abc3f592cc850c6c7e4082d90eecb78'),
			signedHeaders: FOUR,
			signature: '42e3890b5ab194dcf9c24c90c37be038ffe59071363ea65dc0cda2f10ad13a2d',
			authorization: authorization(FOUR, '42e3890b5ab194dcf9c24c90c37be038ffe59071363ea65dc0cda2f10ad13a2d'),
		},
	},
	{
		name: 'TV2 GET list with query (unsorted input, space, non-ASCII)',
		input: {
			method: 'GET',
			url: sessions,
			query: {
				name: 'test session',
				description: '镜像',
				traffic_mirror_target_type: 'eni',
				limit: 10,
				marker: SESSION_ID,
			},
			headers: { ...jsonHeaders },
			date: SIGNING_DATE,
		},
		expected: {
			payloadHash: EMPTY,
			canonicalRequest: lines(
				'GET',
				`/v3/${PROJECT_ID}/vpc/traffic-mirror-sessions/`,
				`description=%E9%95%9C%E5%83%8F&limit=10&marker=${SESSION_ID}&name=test%20session&traffic_mirror_target_type=eni`,
				'content-type:application/json',
				`host:${HOST}`,
				`x-project-id:${PROJECT_ID}`,
				`x-sdk-date:${SDK_DATE}`,
				'',
				FOUR,
				EMPTY,
			),
			canonicalRequestSha256: '9753458df8490f7735b5309916bf90cc80be8e46277098babbd8603eb16ccf5f',
			stringToSign: stringToSign('9753458df8490f7735b5309916bf90cc80be8e46277098babbd8603eb16ccf5f'),
			signedHeaders: FOUR,
			signature: 'f8337741196de1c0c537315395d030e9a6d383989521135fc59a01b64328751f',
			authorization: authorization(FOUR, 'f8337741196de1c0c537315395d030e9a6d383989521135fc59a01b64328751f'),
		},
	},
	{
		name: 'TV3 GET show with temporary credentials (X-Security-Token)',
		input: {
			method: 'GET',
			url: `${sessions}/${SESSION_ID}`,
			headers: { ...jsonHeaders, 'X-Security-Token': SECURITY_TOKEN },
			date: SIGNING_DATE,
		},
		expected: {
			payloadHash: EMPTY,
			canonicalRequest: lines(
				'GET',
				`/v3/${PROJECT_ID}/vpc/traffic-mirror-sessions/${SESSION_ID}/`,
				'',
				'content-type:application/json',
				`host:${HOST}`,
				`x-project-id:${PROJECT_ID}`,
				`x-sdk-date:${SDK_DATE}`,
				`x-security-token:${SECURITY_TOKEN}`,
				'',
				FIVE,
				EMPTY,
			),
			canonicalRequestSha256: '839645d45b880d8705aa33ba12561d08c895f05c052900abb6fd994b20b05916',
			stringToSign: stringToSign('839645d45b880d8705aa33ba12561d08c895f05c052900abb6fd994b20b05916'),
			signedHeaders: FIVE,
			signature: '3c6f4e070743a359507e175462edd21b070d23c6db368eec616671ad336a0410',
			authorization: authorization(FIVE, '3c6f4e070743a359507e175462edd21b070d23c6db368eec616671ad336a0410'),
		},
	},
	{
		name: 'TV5 PUT add-sources',
		input: {
			method: 'PUT',
			url: `${sessions}/${SESSION_ID}/add-sources`,
			headers: { ...jsonHeaders },
			body: TV5_BODY,
			date: SIGNING_DATE,
		},
		expected: {
			payloadHash: 'cb6f60e56c870fcf7e0789965ed758a74b344be3b36dde10137f4aa2388bb65e',
			canonicalRequest: lines(
				'PUT',
				`/v3/${PROJECT_ID}/vpc/traffic-mirror-sessions/${SESSION_ID}/add-sources/`,
				'',
				'content-type:application/json',
				`host:${HOST}`,
				`x-project-id:${PROJECT_ID}`,
				`x-sdk-date:${SDK_DATE}`,
				'',
				FOUR,
				'cb6f60e56c870fcf7e0789965ed758a74b344be3b36dde10137f4aa2388bb65e',
			),
			canonicalRequestSha256: '1b2f4d05636f79149fae309815715480ee6131059757ea7a9a68aa877f302174',
			stringToSign: stringToSign('1b2f4d05636f79149fae309815715480ee6131059757ea7a9a68aa877f302174'),
			signedHeaders: FOUR,
			signature: 'b47e965cd4b08763afc6bd69a7d3438b4a85c60f533f90275d5a2c71a442fabe',
			authorization: authorization(FOUR, 'b47e965cd4b08763afc6bd69a7d3438b4a85c60f533f90275d5a2c71a442fabe'),
		},
	},
	{
		name: 'TV6 DELETE, minimal header set, date passed as header',
		input: {
			method: 'DELETE',
			url: `${sessions}/${SESSION_ID}`,
			headers: { 'X-Sdk-Date': SDK_DATE },
			date: SIGNING_DATE,
		},
		expected: {
			payloadHash: EMPTY,
			canonicalRequest: lines(
				'DELETE',
				`/v3/${PROJECT_ID}/vpc/traffic-mirror-sessions/${SESSION_ID}/`,
				'',
				`host:${HOST}`,
				`x-sdk-date:${SDK_DATE}`,
				'',
				'host;x-sdk-date',
				EMPTY,
			),
			canonicalRequestSha256: '968b39e8cc6469fa816512ea18c50a7434094fd9f8b6c01ad1b341ed3f9f86a1',
			stringToSign: stringToSign('968b39e8cc6469fa816512ea18c50a7434094fd9f8b6c01ad1b341ed3f9f86a1'),
			signedHeaders: 'host;x-sdk-date',
			signature: 'eaf256c8d7ef0c6a72ac33fad64744579a5a66bed8b09b7c97e52bce98527e4e',
			authorization: authorization(
				'host;x-sdk-date',
				'eaf256c8d7ef0c6a72ac33fad64744579a5a66bed8b09b7c97e52bce98527e4e',
			),
		},
	},
];
