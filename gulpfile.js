const { src, dest, parallel } = require('gulp');

// tsc compiles only TypeScript: the icons (and the node's codex file) are copied into dist/ beside the node and the credential.
const copyNodeIcons = () => src('nodes/**/*.{png,svg,node.json}').pipe(dest('dist/nodes'));
const copyCredentialIcons = () => src('credentials/**/*.{png,svg}', { allowEmpty: true }).pipe(dest('dist/credentials'));

exports['build:icons'] = parallel(copyNodeIcons, copyCredentialIcons);
