// The repository's own lint (`npm run lint`), over every TypeScript file: n8n's rules for community nodes on the
// package's sources (nodes/, credentials/, package.json), assembled as @n8n/node-cli's config does and one rule
// stricter (it keeps cred-class-field-type-options-password-missing, which that config turns off), and the general
// TypeScript rules on the harness (test/, bench/, emulator/, scripts/), which never ships and needs what n8n's rules
// forbid in a node (process, timers, node:http, child processes).
//
// eslint.config.mjs beside it is @n8n/node-cli's default config, word for word: package.json's `"strict": true`
// makes `n8n-node lint` refuse any other, and scripts/lint-n8n.ts runs that lint over the package's sources
// (docs/development.md, "n8n's lint"). The verification scanner ignores inline disable comments, so there are none
// in this repository.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { globalIgnores } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importPlugin from 'eslint-plugin-import-x';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const communityNodesRecommended = n8nCommunityNodesPlugin.configs.recommended;

export default tseslint.config(
	globalIgnores(['dist', 'coverage', 'node_modules', '**/*.js', '**/*.mjs']),
	{
		files: ['**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
	},
	{
		// The package that users install: n8n's community rules in full.
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		extends: [communityNodesRecommended, importPlugin.flatConfigs.recommended],
		rules: { 'prefer-spread': 'off', 'no-console': 'error' },
		settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()] },
	},
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{
		files: ['package.json'],
		extends: [communityNodesRecommended],
		rules: { ...n8nNodesBase.configs.community.rules },
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
);
