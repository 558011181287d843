import * as fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { buildModel } from '../support/arbitrary-build';
import { arbitraryModel } from '../support/arbitrary-model';
import { propertyParameters } from '../support/arbitrary-parameters';
import { composeConfig } from '../support/compose-cli';
import { freshOutdir } from '../support/example';

// docker-compose config takes a tenth of a second per file: only the longer run in .ci/run asks for it
const withComposeCli = process.env.TWINSTACK_PROPERTY_RUNS !== undefined ? test : test.skip;

describe('every generated model', () => {
  withComposeCli('writes Compose files that docker-compose config accepts, with their GPU overlays', () => {
    fc.assert(fc.property(arbitraryModel(), spec => {
      const outdir = freshOutdir();
      try {
        const { app } = buildModel(spec, outdir);
        for (const file of app.synth().paths.filter(p => p.endsWith('/compose.yaml'))) {
          const main = path.join(outdir, file);
          const overlay = main.replace(/compose\.yaml$/, 'compose.gpu.yaml');
          expect({ file, ...composeConfig(main) }).toEqual({ file, ok: true, output: '' });
          if (fs.existsSync(overlay)) expect({ file: overlay, ...composeConfig(main, overlay) }).toEqual({ file: overlay, ok: true, output: '' });
        }
      } finally {
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    }), propertyParameters(20));
  });
});
