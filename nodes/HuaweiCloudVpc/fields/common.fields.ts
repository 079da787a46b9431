import type { Constraint } from './constraints';

// Rules shared by sessions, filters and filter rules (spec §2).
export const NAME_RULE: Constraint = {
	kind: 'text',
	minLength: 1,
	maxLength: 64,
	pattern: /^[A-Za-z0-9\p{Script=Han}_.-]+$/u,
	patternRule: 'letters A–Z, digits, Chinese characters, underscores, hyphens and dots',
};

export const DESCRIPTION_RULE: Constraint = { kind: 'text', minLength: 0, maxLength: 255, forbidden: ['<', '>'] };
