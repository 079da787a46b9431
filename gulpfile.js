const { rmSync } = require('node:fs');
const { src, dest, parallel } = require('gulp');

// A build starts from an empty dist/: a file moved or removed in the sources must not stay behind and be packed.
exports.clean = (done) => {
	rmSync('dist', { recursive: true, force: true });
	done();
};

// The icons, beside the node and the credential in dist/. tsc emits the codex files (`*.node.json`, in tsconfig.json's
// include), as it does for `n8n-node build`.
const copyNodeIcons = () => src('nodes/**/*.{png,svg}').pipe(dest('dist/nodes'));
const copyCredentialIcons = () => src('credentials/**/*.{png,svg}', { allowEmpty: true }).pipe(dest('dist/credentials'));

exports['build:icons'] = parallel(copyNodeIcons, copyCredentialIcons);
