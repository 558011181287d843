#!/usr/bin/env node
// The compiled library (build/, made by `npm run build`, which `npm ci` and `npm pack` run).
require('../build/lib/cli/main.js').main(process.argv);
