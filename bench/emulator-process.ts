/**
 * The emulator in a process of its own, so that the client side measured here and the server side run on
 * different cores, as they would across a network, and the server's work is not billed to the client.
 */
import { startEmulator } from '../emulator/server';

startEmulator({ port: 0 }).then(
	(emulator) => {
		process.send?.({ url: emulator.url });
		process.on('disconnect', () => void emulator.close().finally(() => process.exit(0)));
	},
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
