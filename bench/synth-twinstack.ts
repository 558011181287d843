/**
 * One benchmark process: builds the twinstack app and synthesizes it into an outdir.
 *
 *   node --require tsx/cjs bench/synth-twinstack.ts <k8s-one|full> <n> <outdir>
 *
 * 'twinstack' is the compiled package (build/, by its own name) under plain node and with
 * TSX_TSCONFIG_PATH=bench/tsconfig.package.json; the sources through tsx with the repository's tsconfig (its paths).
 *
 * k8s-one: only the prod environment, Kubernetes only. full: dev, staging, prod x Compose and Kubernetes.
 * Prints one JSON line with phase timings (ms since process start) and maxRSS (KiB) on stdout.
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App, Target } from 'twinstack';
import { generateStack } from './generate-stack';
import { SINGLE_ENVIRONMENT } from './spec';

function main(): void {
  const [variant, nText, outdir] = process.argv.slice(2);
  const n = Number(nText);
  if ((variant !== 'k8s-one' && variant !== 'full') || !Number.isInteger(n) || !outdir) {
    throw new Error('usage: synth-twinstack.ts <k8s-one|full> <n> <outdir>');
  }
  const tImported = performance.now(); // node + tsx bootstrap + module loading
  const app = new App({ outdir });
  generateStack(app, n, variant === 'k8s-one' ? { environments: [SINGLE_ENVIRONMENT], targets: [Target.KUBERNETES] } : {});
  const tBuilt = performance.now();
  const result = app.synth(); // validate, resolve, render, PARITY.md, atomic write
  const tSynth = performance.now();
  process.stdout.write(`${JSON.stringify({
    phases: {
      startup: tImported,
      build: tBuilt - tImported,
      synth: tSynth - tBuilt,
    },
    files: result.paths.length,
    bytes: result.paths.reduce((sum, file) => sum + fs.statSync(path.join(outdir, file)).size, 0),
    maxRssKiB: process.resourceUsage().maxRSS,
  })}\n`);
}

main();
