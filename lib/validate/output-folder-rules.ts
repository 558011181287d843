import * as path from 'path';
import { envIn, mountsIn } from '../model/_environment-fields';
import { Problem, problem } from '../model/diagnostics';
import { Environment } from '../model/environment';
import { EnvValue } from '../model/env-value';
import { firstOfEachName } from '../model/_first-of-each-name';
import { Secret } from '../model/secret';
import { Workload } from '../model/workload';

/**
 * A secret file a workload reads in this environment that lies inside the output folder: the synth
 * replaces that folder as a whole, and whoever commits dist/ would commit the secret. `workloads` are the
 * well-typed ones, each name once (one whose props have the wrong run-time types is not read further).
 */
export function secretFileInsideOutdirProblems(secrets: readonly Secret[], workloads: readonly Workload[], environment: Environment, outdir: string): Problem[] {
  const used = new Set(workloads.flatMap(w => secretsReadBy(w, environment.name)));
  const problems: Problem[] = [];
  for (const secret of firstOfEachName(secrets).filter(s => used.has(s.name))) {
    const compose = secret._resolve(environment.name).compose;
    if (compose?.kind === 'file' && !path.relative(outdir, compose.reference).startsWith('..')) {
      problems.push(problem(`secrets.${secret.name}.compose`, `${compose.reference} is inside the output folder; keep secret files outside dist/ and gitignored`));
    }
  }
  return problems;
}

/** The secrets a workload mounts in one environment, and those its env vars read (mounted too). */
function secretsReadBy(workload: Workload, environment: string): string[] {
  const mounted = mountsIn(workload, environment).flatMap(m => (m.kind === 'secret' ? [m.options.secret!.name] : []));
  const read = Object.values(envIn(workload, environment)).flatMap(v => (v instanceof EnvValue && v.from.secret ? [v.from.secret.name] : []));
  return [...mounted, ...read];
}
