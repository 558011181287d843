#!/usr/bin/env node
// The library is TypeScript run through tsx (no build step), like the cdk8s app itself.
require('tsx/cjs');
require('../lib/cli/main.ts').main(process.argv);
