/**
 * The UI exactly as n8n receives it: every label, hint, option name, default and rule of the node and of the
 * credential. The parameters are generated from `fields/`, so a change anywhere there shows up here as a diff to
 * review; update with `npx jest test/node/description.snapshot -u` once the new text reads right.
 */
import { HuaweiCloudApi } from '../../credentials/HuaweiCloudApi.credentials';
import { HuaweiCloudVpc } from '../../nodes/HuaweiCloudVpc/HuaweiCloudVpc.node';

test('the node description', () => {
	expect(new HuaweiCloudVpc().description).toMatchSnapshot();
});

test('the credential fields', () => {
	expect(new HuaweiCloudApi().properties).toMatchSnapshot();
});
