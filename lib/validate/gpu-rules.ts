import { Diagnostics, problem } from '../model/diagnostics';
import { envIn } from '../model/_environment-fields';
import { Environment } from '../model/environment';
import { MIG_PROFILES } from '../model/gpu-catalog';
import { GpuPolicy } from '../model/gpu-policy';
import { scaleIn } from '../model/scaling';
import { Service } from '../model/service';
import { Target } from '../model/target';
import { Workload } from '../model/workload';
import { resolveGpu } from '../resolve/resolve-gpu';
import { gpusPerPod } from '../resolve/resolved-gpu';
import { UNTRANSLATABLE_WARNINGS } from '../target-support';

/**
 * A workload's GPU under one environment's GpuPolicy (default `required`) and GPU profile: sharing and MIG
 * the nodes offer, pinned devices, taints, capacity, and env vars the policy sets.
 */
export function gpuRules(workload: Workload, environment: Environment, diagnostics: Diagnostics): void {
  const gpu = workload.props.gpu;
  if (!gpu) return;
  const path = `services.${workload.name}.gpu`;
  const policy = workload._overridesIn(environment.name).gpu ?? GpuPolicy.required();
  const profile = environment.gpu;
  const sharing = policy.kind === 'shared' ? policy.sharing : undefined;
  const migProfile = sharing?.kind === 'mig' ? sharing.migProfile : gpu.props.mig;
  const deviceIds = gpu.props.deviceIds;
  // what resolution will give: the env vars the policy sets and what one pod holds
  const resolved = resolveGpu(gpu, policy, environment);
  envConflictRules(workload, resolved.env, policy, environment, diagnostics);
  if (policy.kind === 'cpu-fallback') return;

  if (gpu.vendor === 'amd' && sharing) diagnostics.error(problem(path, `GPU sharing (${sharing}) is NVIDIA-only`));
  if (sharing && sharing.kind !== 'mig' && (profile.sharing ?? 'none') !== sharing.kind) {
    diagnostics.error(problem(path, `policy shared(${sharing.kind}) but environment '${environment.name}' has sharing '${profile.sharing ?? 'none'}'`));
  }
  if (sharing && sharing.kind !== 'mig' && gpu.count > 1) {
    diagnostics.error(problem(`${path}.count`, `${gpu.count} shared GPUs are requested one at a time`));
  }
  if (migProfile !== undefined && gpu.count > 1) {
    // Kubernetes would get one slice and Compose whole GPUs; CUDA enumerates one MIG device per process anyway
    diagnostics.error(problem(`${path}.count`, `${gpu.count} MIG slices (${migProfile}) are requested one at a time (a process sees one MIG device)`));
  }
  if (migProfile !== undefined) {
    const strategy = profile.migStrategy ?? 'none';
    if (strategy === 'none') diagnostics.error(problem(path, `policy shared(mig) but environment '${environment.name}' has migStrategy 'none'`));
    const card = profile.migCard;
    if (card && !MIG_PROFILES[card]?.includes(migProfile)) {
      diagnostics.error(problem(path, `MIG profile '${migProfile}' does not exist on ${card} (valid: ${MIG_PROFILES[card].join(', ')})`));
    }
  }
  if (deviceIds && environment.renders(Target.KUBERNETES)) {
    const untranslatable = UNTRANSLATABLE_WARNINGS.gpuDeviceIds(path, deviceIds.length);
    if ((profile.deviceIdsOnKubernetes ?? 'error') === 'error') {
      diagnostics.error({ ...untranslatable, message: `${untranslatable.message} only if the environment's gpu.deviceIdsOnKubernetes is 'count'` });
    } else {
      diagnostics.untranslatable(untranslatable);
    }
  }
  const onKubernetes = resolved.gpu?.requestedOnKubernetes ?? false;
  if (environment.production && environment.renders(Target.KUBERNETES) && onKubernetes && profile.tolerateGpuTaint === false && !gpu.props.product) {
    diagnostics.warning(problem(path, `GPU pod may wait Pending on tainted GPU nodes or land on any GPU model (the environment's gpu.tolerateGpuTaint is false and no product is set)`));
  }
  const perReplica = gpusPerPod(resolved.gpu);
  const replicas = workload instanceof Service ? scaleIn(workload.props, workload._overridesIn(environment.name)).replicas : 1;
  const capacity = profile.capacity;
  if (capacity !== undefined && replicas * perReplica > capacity) {
    diagnostics.warning(problem(`services.${workload.name}`, `${replicas} replicas × ${perReplica} GPU exceed the ${capacity} GPUs declared`));
  }
}

/** The env vars a GPU policy sets must not contradict the workload's own. */
function envConflictRules(workload: Workload, env: Readonly<Record<string, string>>, policy: GpuPolicy, environment: Environment, diagnostics: Diagnostics): void {
  for (const [name, value] of Object.entries(env)) {
    const own = envIn(workload, environment.name)[name];
    if (own === undefined) continue;
    // a literal, or the value of a config; a secret's value is never known
    const ownValue = typeof own === 'string' ? own : own.from.config ? own.from.config.props.values?.[own.from.key!] ?? '' : undefined;
    if (ownValue !== value) diagnostics.error(problem(`services.${workload.name}.env.${name}`, `defined twice (service env, gpu policy ${policy})`));
  }
}
