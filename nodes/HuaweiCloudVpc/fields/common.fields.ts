import type { Constraint } from './constraints';

// Rules shared by sessions, filters and filter rules (spec §2).
export const NAME_RULE: Constraint = {
	kind: 'text',
	minLength: 1,
	maxLength: 64,
	pattern: /^[\p{L}\p{N}_.-]+$/u,
	patternRule: 'letters, digits, Chinese characters, "_", "-" and "." only',
};

export const DESCRIPTION_RULE: Constraint = { kind: 'text', minLength: 0, maxLength: 255, forbidden: ['<', '>'] };
