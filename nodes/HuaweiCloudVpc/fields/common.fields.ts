import type { Constraint } from './constraints';

// Rules shared by sessions, filters and filter rules: Huawei Cloud's VPC API reference gives the same for each (e.g.
// https://support.huaweicloud.com/intl/en-us/api-vpc/CreateTrafficMirrorSession.html).
export const NAME_RULE: Constraint = {
	kind: 'text',
	minLength: 1,
	maxLength: 64,
	pattern: /^[A-Za-z0-9\p{Script=Han}_.-]+$/u,
	patternRule: 'letters A–Z, digits, Chinese characters, underscores, hyphens and dots',
};

export const DESCRIPTION_RULE: Constraint = { kind: 'text', minLength: 0, maxLength: 255, forbidden: ['<', '>'] };
