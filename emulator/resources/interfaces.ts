/**
 * What a traffic mirror session names outside itself (Huawei Cloud's CreateTrafficMirrorSession API reference): its
 * sources are network interfaces (ports) of the project, and its target is one of those ports (`eni`) or a private
 * load balancer (`elb`). The service looks them up, so a session on an interface that does not exist is refused here
 * rather than stored.
 */
import { invalid, notFound } from '../errors';
import { EmulatorState } from '../model';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A network interface of the project, by ID. An unknown one is a 404 "Port … could not be found.", the answer of
 * the Neutron port look-up behind the VPC API (and of OpenStack's tap-as-a-service for a missing port); the real
 * traffic-mirroring API's status, code and wording are not known.
 */
export function existingPort(state: EmulatorState, id: string): string {
	if (!state.ports.get(id)) throw notFound('Port', id);
	return id;
}

/** Every source must be an existing network interface. */
export function existingSources(state: EmulatorState, sources: string[]): string[] {
	for (const source of sources) existingPort(state, source);
	return sources;
}

/**
 * The target of its type: an existing network interface for `eni`, an existing load balancer of the project for
 * `elb`. An unknown load balancer is a 404 like an unknown port (status, code and wording are a guess); one with a
 * public IP is accepted, as nothing documents that it is refused.
 */
export function checkTarget(state: EmulatorState, type: string, id: string, where: string): void {
	if (type === 'eni') existingPort(state, id);
	else if (!UUID.test(id)) throw invalid(`${where} must be the ID of a private load balancer; got "${id}".`);
	else if (!state.loadBalancers.get(id)) throw notFound('Loadbalancer', id);
}
