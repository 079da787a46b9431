import { trafficMirrorFilter } from './trafficMirrorFilter';
import { trafficMirrorFilterRule } from './trafficMirrorFilterRule';
import { trafficMirrorSession } from './trafficMirrorSession';
import type { Operation } from './node.type';

/** The node's resources by value: the router finds an operation as `resources[resource].operations[operation]`. */
export const resources = { trafficMirrorFilter, trafficMirrorFilterRule, trafficMirrorSession };

/**
 * The operation a `resource` and `operation` parameter name, or undefined. Own properties only: a parameter such as
 * `__proto__` or `constructor` must not reach an object's prototype.
 */
export function operationOf(resource: string, operation: string): Operation | undefined {
	if (!hasOwn(resources, resource)) return undefined;
	const operations: Record<string, Operation> = resources[resource as keyof typeof resources].operations;
	return hasOwn(operations, operation) ? operations[operation] : undefined;
}

function hasOwn(object: object, key: string): boolean {
	return Object.prototype.hasOwnProperty.call(object, key);
}

/** The fields a resource keeps with Simplify on; undefined for an unknown resource. */
export function simplifiedFieldsOf(resource: string): readonly string[] | undefined {
	return hasOwn(resources, resource) ? resources[resource as keyof typeof resources].simplified : undefined;
}
