/**
 * Create's "If Name Exists" against the emulator, and every attempt signed afresh by the credential.
 */
import * as authentication from '../../credentials/common/huaweiCloud/authentication';
import { runNode, shutDownEngine } from '../helpers/engine';
import { sessionCreateParameters } from '../helpers/parameters';
import { startSignatureServer } from '../helpers/signature-server';
import { namedItems, startFaultyApi, type FaultyApi } from './helpers';

let api: FaultyApi;
afterEach(async () => await api?.close());
afterAll(() => shutDownEngine());

async function createTwice(ifNameExists?: string) {
	api = await startFaultyApi();
	const parameters = sessionCreateParameters(api.filterId, ifNameExists ? { ifNameExists } : {});
	const first = await api.run(parameters, namedItems(1));
	const second = await api.run(parameters, namedItems(1));
	return { first, second };
}

test('Create Another (the default) creates a second session of the same name', async () => {
	const { first, second } = await createTwice();
	expect(first.error ?? second.error).toBeUndefined();
	expect(second.items[0].json.id).not.toBe(first.items[0].json.id);
	expect(api.createsByName()).toEqual({ 'item-000': 2 });
	// Nothing but the creates: no run lists what exists before its create.
	expect(api.requestsOf('ListTrafficMirrorSessions')).toBe(0);
});

test('Return Existing outputs the session made by the first run and creates nothing', async () => {
	const { first, second } = await createTwice('returnExisting');
	expect(second.error).toBeUndefined();
	expect(second.items[0].json).toMatchObject({ id: first.items[0].json.id, name: 'item-000' });
	expect(second.items[0].pairedItem).toEqual({ item: 0 });
	expect(api.createsByName()).toEqual({ 'item-000': 1 });
});

test('Fail names the existing session and creates nothing', async () => {
	const { first, second } = await createTwice('fail');
	expect(second.error?.message).toBe(`A traffic mirror session named "item-000" already exists (ID ${first.items[0].json.id as string})`);
	expect(second.error?.context).toMatchObject({ itemIndex: 0 });
	expect(api.createsByName()).toEqual({ 'item-000': 1 });
});

test('the look-up matches the whole name only', async () => {
	api = await startFaultyApi();
	const parameters = sessionCreateParameters(api.filterId, { ifNameExists: 'fail' });
	await api.run(parameters, [{ name: 'web-01' }]);
	const result = await api.run(parameters, [{ name: 'web-0' }]);
	expect(result.error).toBeUndefined();
	expect(api.createsByName()).toEqual({ 'web-01': 1, 'web-0': 1 });
});

test('with Create Another, a same-named session made for another target does not pass for the lost create', async () => {
	api = await startFaultyApi();
	await api.run(sessionCreateParameters(api.filterId, { priority: 7 }), namedItems(1));
	api.emulator.setFaults({ script: [{ status: 503, when: 'before' }] });
	const result = await api.runCreate(namedItems(1));
	expect(result.error).toBeUndefined();
	expect(result.items[0].json).toMatchObject({ name: 'item-000', priority: 1 });
	expect(api.createsByName()).toEqual({ 'item-000': 2 });
});

test('every attempt is signed afresh by the credential, and every signature is valid', async () => {
	const server = await startSignatureServer();
	const sign = jest.spyOn(authentication, 'signHuaweiCloudRequest');
	try {
		const throttled = { status: 429, body: { error_code: 'APIGW.0308', error_msg: 'throttled', request_id: 'r' } };
		const created = { status: 201, body: { traffic_mirror_session: { id: 'b1e0c0de-0000-4000-8000-000000000201' }, request_id: 'r' } };
		server.respondWith(throttled, throttled, created);
		const result = await runNode({
			parameters: sessionCreateParameters('b765ba87-c0b4-4f1a-9ec3-d5b1d1ddb137'),
			credentials: server.credentials(),
			items: namedItems(1),
		});
		expect(result.error).toBeUndefined();
		expect(server.requests.map((request) => request.method)).toEqual(['POST', 'POST', 'POST']);
		expect(server.requests.every((request) => request.signatureValid)).toBe(true);
		expect(sign).toHaveBeenCalledTimes(3);
	} finally {
		sign.mockRestore();
		await server.close();
	}
});
