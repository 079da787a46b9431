/**
 * transport/huaweiError.ts: the one reader of Huawei's error bodies, behind the node's API errors
 * (transport/request.ts) and the credential's Test button (methods/credentialTest.ts).
 */
import { huaweiErrorOf } from '../../nodes/HuaweiCloudVpc/transport/huaweiError';

test.each<[string, unknown, ReturnType<typeof huaweiErrorOf>]>([
	[
		'VPC v3 and the API gateway: error_code, error_msg, request_id',
		{ error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information', request_id: 'r-1' },
		{ code: 'APIGW.0301', text: 'Incorrect IAM authentication information', requestId: 'r-1' },
	],
	['older APIs: code and message', { code: 'VPC.0002', message: 'Bad port' }, { code: 'VPC.0002', text: 'Bad port' }],
	['a code and message nested under "error"', { error: { code: 'VPC.0409', message: 'In use' } }, { code: 'VPC.0409', text: 'In use' }],
	[
		'error_code and error_msg before code and message, and those before the nested ones',
		{ error_code: 'A', code: 'B', message: 'second', error: { code: 'C', message: 'third' } },
		{ code: 'A', text: 'second' },
	],
	['empty strings and other types are absent', { error_code: '', code: 7, error_msg: '', message: 'kept', request_id: '' }, { text: 'kept' }],
	['JSON of another shape', { traffic_mirror_sessions: [] }, {}],
	['a list', [{ error_code: 'X' }], {}],
	['a string, even of JSON: the body is read once parsed', '{"error_code":"X"}', {}],
	['no body', undefined, {}],
])('%s', (_, body, expected) => {
	// toEqual takes a part that is undefined for one that is left out.
	expect(huaweiErrorOf(body)).toEqual(expected);
});
