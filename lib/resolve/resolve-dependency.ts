import { CronJob } from '../model/cron-job';
import { Diagnostics } from '../model/diagnostics';
import { Job } from '../model/job';
import { show } from '../model/_rules';
import { Service } from '../model/service';
import { Condition, Workload } from '../model/workload';
import { ResolvedDependency } from './resolved-orchestration';

/** What `name` waits for before it starts, and the port a Kubernetes init container waits on. */
export function resolveDependency(name: string, target: Workload, condition: Condition, diagnostics: Diagnostics): ResolvedDependency {
  const path = `services.${name}.dependsOn.${target.name}`;
  if (target instanceof CronJob) {
    // Kubernetes names each run's Job apart, and Compose starts cron jobs only in their profile
    diagnostics.errors.push(`${path}: ${show(target.name)} is a CronJob, which runs on a schedule; nothing can wait for it (depend on a Job)`);
    return { name: target.name, condition, port: undefined };
  }
  if (condition === Condition.COMPLETED && !(target instanceof Job)) {
    diagnostics.errors.push(`${path}: condition 'completed' needs '${target.name}' to be a Job`);
  }
  if (condition === Condition.HEALTHY && !(target instanceof Service && target.props.health?.readiness)) {
    diagnostics.errors.push(`${path}: condition 'healthy' needs a health check on '${target.name}'`);
  }
  if (condition !== Condition.COMPLETED && target instanceof Job) {
    diagnostics.errors.push(`${path}: '${target.name}' is a Job; depend on it with condition 'completed'`);
  }
  const initContainer = `wait-for-${target.name}`;
  if (initContainer === name) diagnostics.errors.push(`${path}: the init container name ${show(initContainer)} is the name of the service's own container (rename '${name}')`);
  if (initContainer.length > 63) diagnostics.errors.push(`${path}: the init container name "${initContainer}" is ${initContainer.length} characters; at most 63 (shorten '${target.name}')`);
  const port = target instanceof Service ? (target.props.ports ?? [])[0]?.number : undefined;
  if (condition !== Condition.COMPLETED && target instanceof Service && port === undefined) {
    diagnostics.errors.push(`${path}: '${target.name}' has no port for Kubernetes to wait on`);
  }
  return { name: target.name, condition, port };
}
