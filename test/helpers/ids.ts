import { DEMO_PORTS } from '../../emulator/server';

/** Made-up resource IDs in the UUID form the API takes, `…-000000000000`, `…-000000000001` and so on. */
export const uuids = (count: number): string[] =>
	Array.from({ length: count }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);

/** An ID no resource has. */
export const MISSING_ID = uuids(1)[0];

/** Network interfaces of the emulator's demo network other than the fixture sessions' source, to add and remove. */
export const MORE_PORT_IDS = [DEMO_PORTS[1].id, DEMO_PORTS[2].id];

/** The ID of the emulator's demo network interface of this name (`ecs-web-01-eth0`, `analyser-eth0`, …). */
export function demoPortId(name: string): string {
	const found = DEMO_PORTS.find((port) => port.name === name);
	if (!found) throw new Error(`No demo port ${name}`);
	return found.id;
}
