/**
 * Signing: signatures per second of this package's signer against the official SDK's `AKSKSigner.sign`, on the
 * same requests (as in test/signer/sdk-differential.test.ts: the SDK takes `data` and hashes its JSON, ours takes
 * that JSON string, so the JSON.stringify is timed on both sides). Also the credential's whole signing path, which
 * is what the node runs per request (URL from the credential, query folded in, then the signer).
 */
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import type { ICredential } from '@huaweicloud/huaweicloud-sdk-core/auth/ICredential';

import { EMULATOR_DEFAULTS } from '../emulator/defaults';
import { PROJECT_PLACEHOLDER, signHuaweiCloudRequest } from '../credentials/common/huaweiCloud/authentication';
import { signRequest } from '../credentials/common/huaweiCloud/signer';
import { SESSIONS_PATH } from '../nodes/HuaweiCloudVpc/actions/trafficMirrorSession/session.resource';
import { median, rotated } from './stats';
import { sessionBody } from './workload';

const { accessKeyId, secretAccessKey, projectId } = EMULATOR_DEFAULTS;
const ENDPOINT = 'https://vpc.cn-north-4.myhuaweicloud.com';
const SESSION_ID = 'b765ba87-c0b4-4f1a-9ec3-d5b1d1ddb137';
const FILTER_ID = '6134900d-31a6-4b71-8453-dbca7f26982a';

interface Sample {
	method: string;
	/** Path after `/v3/{project_id}`. */
	path: string;
	query: Record<string, string | number>;
	data?: object;
}

/** The node's typical requests: create, list with a filter and a marker, show, update, delete. */
const REQUESTS: Sample[] = [
	{ method: 'POST', path: SESSIONS_PATH, query: {}, data: sessionBody(FILTER_ID) },
	{ method: 'GET', path: SESSIONS_PATH, query: { limit: 2000, marker: SESSION_ID, name: 'web mirror' } },
	{ method: 'GET', path: `${SESSIONS_PATH}/${SESSION_ID}`, query: {} },
	{ method: 'PUT', path: `${SESSIONS_PATH}/${SESSION_ID}`, query: {}, data: { traffic_mirror_session: { priority: 12 } } },
	{ method: 'DELETE', path: `${SESSIONS_PATH}/${SESSION_ID}`, query: {} },
];
const HEADERS = { 'Content-Type': 'application/json', 'X-Project-Id': projectId };

const sdkCredential = { getAk: () => accessKeyId, getSk: () => secretAccessKey } as unknown as ICredential;
const keys = { accessKeyId, secretAccessKey };
const credentials = { accessKeyId, secretAccessKey, projectId, region: 'cn-north-4' };
const absolute = (sample: Sample) => `${ENDPOINT}/v3/${projectId}${sample.path}`;

const signers = {
	ours: (sample: Sample) =>
		signRequest(
			{
				method: sample.method,
				url: absolute(sample),
				query: sample.query,
				headers: { ...HEADERS },
				body: sample.data === undefined ? undefined : JSON.stringify(sample.data),
			},
			keys,
		),
	sdk: (sample: Sample) =>
		AKSKSigner.sign(
			{ method: sample.method, endpoint: absolute(sample), queryParams: { ...sample.query }, headers: { ...HEADERS }, data: sample.data },
			sdkCredential,
		),
	credential: (sample: Sample) =>
		signHuaweiCloudRequest(credentials, {
			method: sample.method as 'GET',
			url: `/v3/${PROJECT_PLACEHOLDER}${sample.path}`,
			qs: sample.query,
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			body: sample.data === undefined ? undefined : JSON.stringify(sample.data),
		}),
};
type SignerName = keyof typeof signers;

export type SigningResult = Record<SignerName, number>;

const BATCH = 2_000;
const ROUNDS = 9;

function signaturesPerSecond(name: SignerName): number {
	const sign = signers[name];
	const start = performance.now();
	for (let i = 0; i < BATCH; i++) sign(REQUESTS[i % REQUESTS.length]);
	return (BATCH / (performance.now() - start)) * 1000;
}

export function measureSigning(): SigningResult {
	const names = Object.keys(signers) as SignerName[];
	for (const name of names) signaturesPerSecond(name);
	const rates = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<SignerName, number[]>;
	for (let round = 0; round < ROUNDS; round++) {
		for (const name of rotated(names, round)) rates[name].push(signaturesPerSecond(name));
	}
	return Object.fromEntries(names.map((name) => [name, median(rates[name])])) as SigningResult;
}
