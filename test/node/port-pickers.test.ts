/**
 * The mirror sources' option list (getPorts) against the emulator's ports: it reads every page of the ports API.
 * The mirror target's list is in target-picker.test.ts.
 */
import { DEMO_PORTS } from '../../emulator/server';
import { getPorts } from '../../nodes/HuaweiCloudVpc/methods/loadOptions';
import { startApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { loadOptionsContext, shutDownEngine, TestCredentialsHelper } from '../helpers/engine';

let api: ApiFixture;
beforeEach(async () => {
	api = await startApiFixture();
});
afterEach(async () => await api.close());
afterAll(() => shutDownEngine());

const context = () => loadOptionsContext(api.credentials());

test('the sources list offers every port by name and address, sorted, with its ID as the value', async () => {
	const options = await getPorts.call(context());
	expect(options).toEqual(
		[...DEMO_PORTS]
			.map((port) => ({
				name: `${port.name || port.id} (${port.fixed_ips.map((fixedIp) => fixedIp.ip_address).join(', ')})`,
				value: port.id,
			}))
			.sort((a, b) => a.name.localeCompare(b.name)),
	);
});

test('the sources list reads past the first page of the ports API, with the credential read once', async () => {
	for (let index = 0; index < 150; index++) api.emulator.addPort({ name: `extra-${String(index).padStart(3, '0')}` });
	const credentialsHelper = new TestCredentialsHelper(api.credentials());
	const options = await getPorts.call(loadOptionsContext(api.credentials(), credentialsHelper));
	expect(options).toHaveLength(DEMO_PORTS.length + 150);
	expect(new Set(options.map((option) => option.value)).size).toBe(DEMO_PORTS.length + 150);
	expect(api.emulator.counters().requests.byOperation).toMatchObject({ ListPorts: 2 });
	expect(credentialsHelper.reads).toBe(1);
});
