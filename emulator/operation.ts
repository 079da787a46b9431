/** The contract between the router and the files under `resources/`: one function per API operation. */
import { Counters } from './counters';
import { EmulatorState } from './model';
import { EmulatorOptions } from './options';
import { JsonObject } from './validation';

export interface OperationContext {
	state: EmulatorState;
	counters: Counters;
	options: EmulatorOptions;
	/** The id in the path, for operations on one resource (already percent-decoded). */
	id: string;
	query: URLSearchParams;
	/** The body bytes as received; operations with a body parse and validate them. */
	body: Buffer;
	/** This request's time, formatted as the service formats timestamps. */
	timestamp: string;
}

/** A success answer; the server adds `request_id` to every body. */
export interface OperationResult {
	status: number;
	body?: JsonObject;
}

export type Operation = (context: OperationContext) => OperationResult;
