const { rmSync } = require('node:fs');
const { src, dest, parallel } = require('gulp');

// A build starts from an empty dist/: a file moved or removed in the sources must not stay behind and be packed.
exports.clean = (done) => {
	rmSync('dist', { recursive: true, force: true });
	done();
};

// tsc compiles only TypeScript: the icons (and the node's codex file) are copied into dist/ beside the node and the credential.
const copyNodeIcons = () => src('nodes/**/*.{png,svg,node.json}').pipe(dest('dist/nodes'));
const copyCredentialIcons = () => src('credentials/**/*.{png,svg}', { allowEmpty: true }).pipe(dest('dist/credentials'));

exports['build:icons'] = parallel(copyNodeIcons, copyCredentialIcons);
