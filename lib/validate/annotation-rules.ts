import { Problem, problem } from '../model/diagnostics';
import { CronJob } from '../model/cron-job';
import { securityIn } from '../model/_environment-fields';
import { Environment } from '../model/environment';
import { GpuPolicy } from '../model/gpu-policy';
import { resolveSecurity } from '../model/security';
import { Service } from '../model/service';
import { annotationBytesRule, utf8Bytes } from '../model/_size-limits';
import { Target } from '../model/target';
import { Workload } from '../model/workload';
import { resolveGpu } from '../resolve/resolve-gpu';
import { gpuLabel } from '../labels/gpu-label';
import { securityReasonLabels } from '../labels/root-label';

/**
 * The annotations twinstack writes on a workload's controller object (the GPU requirement, the reasons for
 * root and for capabilities), with the functions the renderer writes them with: at most 256 KiB on one object, keys and values.
 * The Ingress's are checked with the environment (lib/model/route.ts); no other object is annotated.
 */
export function workloadAnnotationProblems(workload: Workload, environment: Environment): Problem[] {
  if (!environment.renders(Target.KUBERNETES)) return [];
  const gpu = workload.props.gpu && resolveGpu(workload.props.gpu, workload._overridesIn(environment.name).gpu ?? GpuPolicy.required(), environment).gpu;
  const security = resolveSecurity('', securityIn(workload, environment.name), []);
  const annotations = { ...gpuLabel({ gpu }), ...securityReasonLabels({ security }) };
  const bytes = Object.entries(annotations).reduce((sum, [key, value]) => sum + utf8Bytes(key) + utf8Bytes(value), 0);
  const rule = annotationBytesRule(bytes);
  if (!rule) return [];
  const field = security.runAsRoot !== undefined ? 'security.runAsRoot' : security.addCapabilitiesReason !== undefined ? 'security.addCapabilitiesReason' : 'gpu';
  const where = `services.${workload.name}.${field}`;
  return [problem(where, `the annotations of ${controllerKind(workload)} ${workload.name} (${Object.keys(annotations).join(', ')}) ${rule}`)];
}

function controllerKind(workload: Workload): string {
  if (workload instanceof Service) return workload.props.stateful ? 'StatefulSet' : 'Deployment';
  return workload instanceof CronJob ? 'CronJob' : 'Job';
}
