import { CronJob } from '../model/cron-job';
import { Problem, problem } from '../model/diagnostics';
import { Job } from '../model/job';
import { Protocol } from '../model/port';
import { byCodePoint } from '../model/_order';
import { show } from '../model/_rules';
import { Service } from '../model/service';
import { Condition, Workload } from '../model/workload';
import { MAX_LABEL_LENGTH, waitForContainerName } from '../names';

/** What each dependency may wait for: a Job's completion, a service's readiness or its port; and no cycle. */
export function dependencyProblems(workloads: readonly Workload[]): Problem[] {
  const problems = workloads.flatMap(workload => workload._dependencies.flatMap(d => conditionProblems(workload.name, d.target, d.condition)));
  return [...problems, ...cycleProblems(workloads)];
}

function conditionProblems(name: string, target: Workload, condition: Condition): Problem[] {
  const path = `services.${name}.dependsOn.${target.name}`;
  // Kubernetes names each run's Job apart, and Compose starts cron jobs only in their profile
  if (target instanceof CronJob) return [problem(path, `${show(target.name)} is a CronJob, which runs on a schedule; nothing can wait for it (depend on a Job)`)];
  const problems: Problem[] = [];
  if (condition === Condition.COMPLETED && !(target instanceof Job)) problems.push(problem(path, `condition 'completed' needs '${target.name}' to be a Job`));
  if (condition === Condition.HEALTHY && !(target instanceof Service && target.props.health?.readiness)) {
    problems.push(problem(path, `condition 'healthy' needs a health check on '${target.name}'`));
  }
  if (condition !== Condition.COMPLETED && target instanceof Job) problems.push(problem(path, `'${target.name}' is a Job; depend on it with condition 'completed'`));
  const initContainer = waitForContainerName(target.name);
  if (initContainer === name) problems.push(problem(path, `the init container name ${show(initContainer)} is the name of the service's own container (rename '${name}')`));
  if (initContainer.length > MAX_LABEL_LENGTH) problems.push(problem(path, `the init container name "${initContainer}" is ${initContainer.length} characters; at most ${MAX_LABEL_LENGTH} (shorten '${target.name}')`));
  if (condition !== Condition.COMPLETED && target instanceof Service && !(target.props.ports ?? []).some(p => p.protocol === Protocol.TCP)) {
    // the init container's wait is a TCP connect (nc -z)
    problems.push(problem(path, (target.props.ports ?? []).length === 0 ? `'${target.name}' has no port for Kubernetes to wait on` : `'${target.name}' has no TCP port for Kubernetes to wait on (the wait opens a TCP connection)`));
  }
  return problems;
}

/** `services.a.dependsOn: dependency cycle a -> b -> a`, visiting workloads in name order so the message is stable. */
function cycleProblems(workloads: readonly Workload[]): Problem[] {
  const state = new Map<Workload, 'visiting' | 'done'>();
  const problems: Problem[] = [];
  const visit = (workload: Workload, trail: Workload[]): void => {
    if (state.get(workload) === 'done') return;
    if (state.get(workload) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(workload)), workload];
      problems.push(problem(`services.${cycle[0].name}.dependsOn`, `dependency cycle ${cycle.map(w => w.name).join(' -> ')}`));
      return;
    }
    state.set(workload, 'visiting');
    for (const { target } of [...workload._dependencies].sort((a, b) => byCodePoint(a.target.name, b.target.name))) visit(target, [...trail, workload]);
    state.set(workload, 'done');
  };
  for (const workload of workloads) visit(workload, []);
  return problems;
}
