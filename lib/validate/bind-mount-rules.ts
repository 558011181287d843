import * as path from 'path';
import { mountsIn } from '../model/_environment-fields';
import { Problem, problem } from '../model/diagnostics';
import { Environment } from '../model/environment';
import { show } from '../model/_rules';
import { Target } from '../model/target';
import { Workload } from '../model/workload';

/**
 * The bind mounts of one environment: only Compose renders them, so an environment that renders
 * Kubernetes is an error that names the way out; and a source is a folder of the project (the synth's
 * working directory) outside the output folder, which the synth replaces whole.
 * @param outdir where the app writes its output
 */
export function bindMountProblems(workloads: readonly Workload[], environment: Environment, outdir: string): Problem[] {
  const project = process.cwd();
  const problems: Problem[] = [];
  for (const workload of workloads) {
    mountsIn(workload, environment.name).forEach((mount, i) => {
      if (mount.kind !== 'bind') return;
      const where = `services.${workload.name}.mounts[${i}]`;
      const source = mount.options.source!;
      const declared = `Mount.bind(${show(source)}, ${show(mount.path)})`;
      if (environment.renders(Target.KUBERNETES)) {
        problems.push(problem(where, `${declared} cannot render on Kubernetes, which environment '${environment.name}' renders (a pod mounts no folder of the project): declare it only for an environment whose targets are [Target.COMPOSE] alone, with ${workload.name}.override(<that environment>, { mounts: [${declared}] })`));
      }
      // an absolute or empty source is the mount's own error
      if (typeof source !== 'string' || source === '' || path.isAbsolute(source)) return;
      const absolute = path.resolve(project, source);
      if (isOutside(project, absolute)) {
        problems.push(problem(`${where}.source`, `${show(source)} is outside the project ${project} (a bind mount's source is a folder of the project, so that the Compose file finds it on every machine)`));
      } else if (!isOutside(path.resolve(project, outdir), absolute)) {
        problems.push(problem(`${where}.source`, `${show(source)} is inside the output folder ${outdir}, which the synth replaces whole (mount a folder of the project outside it)`));
      }
    });
  }
  return problems;
}

/** Whether `file` (absolute) is outside `folder` (absolute). */
export function isOutside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative.startsWith('..') || path.isAbsolute(relative);
}
