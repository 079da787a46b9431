/** Shared set-up of the emulator tests: an official-SDK client, and raw signed requests for what the SDK cannot send. */
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import { Logger4jInstance } from '@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger';
import { v3 } from '@huaweicloud/huaweicloud-sdk-vpc';

import { EMULATOR_DEFAULTS } from '../../emulator/defaults';
import { TrafficMirrorFilter, TrafficMirrorFilterRule, TrafficMirrorSession } from '../../emulator/model';
import { RunningEmulator } from '../../emulator/server';
import { QueryParameters, signRequest } from '../../credentials/common/huaweiCloud/signer';

// The SDK logs every failed call with its full axios config to stdout; the error tests fail calls on purpose.
Logger4jInstance.level = 'off';

export const { accessKeyId: AK, secretAccessKey: SK, projectId: PROJECT_ID } = EMULATOR_DEFAULTS;

/** The ids of the example in Huawei Cloud's CreateTrafficMirrorSession API reference, also two seeded demo ports'. */
export const SOURCE_PORT_ID = '6134900d-31a6-4b71-8453-dbca7f26982a';
export const TARGET_PORT_ID = 'c9f8acef-d550-4fbe-be7c-e8bfd3501dc1';

export function sdkClient(
	emulator: RunningEmulator,
	credentials: { ak?: string; sk?: string; projectId?: string; securityToken?: string } = {},
): v3.VpcClient {
	const basic = new BasicCredentials()
		.withAk(credentials.ak ?? AK)
		.withSk(credentials.sk ?? SK)
		.withProjectId(credentials.projectId ?? PROJECT_ID);
	if (credentials.securityToken) basic.withSecurityToken(credentials.securityToken);
	return v3.VpcClient.newBuilder().withCredential(basic).withEndpoint(emulator.url).build();
}

/** The SDK's exceptions carry these (ClientRequestException / ServerResponseException). */
export interface SdkError {
	httpStatusCode: number;
	errorCode?: string;
	errorMsg?: string;
	requestId?: string;
}

/** That example's session as the SDK builds it: the first demo port mirrored to the analyser port via `filterId`. */
export function seedSessionOption(filterId: string, name: string): v3.CreateTrafficMirrorSessionOption {
	return new v3.CreateTrafficMirrorSessionOption()
		.withName(name)
		.withTrafficMirrorFilterId(filterId)
		.withTrafficMirrorSources([SOURCE_PORT_ID])
		.withTrafficMirrorTargetId(TARGET_PORT_ID)
		.withTrafficMirrorTargetType('eni');
}

export function createSessionRequest(option: v3.CreateTrafficMirrorSessionOption): v3.CreateTrafficMirrorSessionRequest {
	return new v3.CreateTrafficMirrorSessionRequest().withBody(
		new v3.CreateTrafficMirrorSessionRequestBody().withTrafficMirrorSession(option),
	);
}

export async function sdkError(promise: Promise<unknown>): Promise<SdkError> {
	try {
		await promise;
	} catch (error) {
		return error as SdkError;
	}
	throw new Error('The call succeeded but was expected to fail.');
}

export interface RawAnswer {
	status: number;
	headers: Headers;
	text: string;
	json: () => Record<string, unknown>;
}

/** Signed headers as fetch takes them: fetch sets Host itself, to the same value that was signed. */
export const withoutHost = (headers: Record<string, string>) =>
	Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'host'));

/** A request signed with the project's signer, with the exact body and headers given. */
export async function signedRequest(
	emulator: RunningEmulator,
	method: string,
	path: string,
	options: {
		query?: QueryParameters;
		body?: string | object;
		headers?: Record<string, string>;
		keys?: { accessKeyId: string; secretAccessKey: string };
		signingDate?: Date;
	} = {},
): Promise<RawAnswer> {
	const body = options.body === undefined || typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
	const url = new URL(path, emulator.url);
	for (const [key, value] of Object.entries(options.query ?? {})) {
		for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
			url.searchParams.append(key, String(item));
		}
	}
	const signed = signRequest(
		{ method, url: url.toString(), headers: { 'Content-Type': 'application/json', ...options.headers }, body },
		options.keys ?? { accessKeyId: AK, secretAccessKey: SK },
		options.signingDate,
	);
	// Never followed: a redirect is an answer to look at, and following it would carry the signature elsewhere.
	const response = await fetch(url, { method, headers: withoutHost(signed.headers), body, redirect: 'manual' });
	const text = await response.text();
	return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

export const v3Path = (suffix: string) => `/v3/${PROJECT_ID}/vpc/${suffix}`;

export async function control(emulator: RunningEmulator, method: string, path: string, body?: object) {
	const response = await fetch(`${emulator.url}/__emulator/${path}`, {
		method,
		headers: { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/**
 * The SDK declares response classes with private snake_case fields, but hands back the parsed JSON as a plain
 * object (plus `httpStatusCode`): these are the shapes it really returns.
 */
export interface Answered {
	httpStatusCode: number;
	request_id: string;
}
export interface PageInfo {
	previous_marker?: string;
	current_count: number;
	next_marker?: string;
}
export type FilterWithRules = TrafficMirrorFilter & {
	ingress_rules: TrafficMirrorFilterRule[];
	egress_rules: TrafficMirrorFilterRule[];
};
export type SessionAnswer = Answered & { traffic_mirror_session: TrafficMirrorSession };
export type SessionsAnswer = Answered & { traffic_mirror_sessions: TrafficMirrorSession[]; page_info: PageInfo };
export type FilterAnswer = Answered & { traffic_mirror_filter: FilterWithRules };
export type FiltersAnswer = Answered & { traffic_mirror_filters: FilterWithRules[]; page_info: PageInfo };
export type RuleAnswer = Answered & { traffic_mirror_filter_rule: TrafficMirrorFilterRule };
export type RulesAnswer = Answered & { traffic_mirror_filter_rules: TrafficMirrorFilterRule[]; page_info: PageInfo };

export async function wire<T>(call: Promise<object>): Promise<T> {
	return (await call) as unknown as T;
}
