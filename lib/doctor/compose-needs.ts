import { parse } from 'yaml';
import { GPU_LABEL, parseGpuLabel } from '../labels/gpu-label';
import { GpuNeed } from './gpu-need';

/**
 * The GPU services of a rendered `compose.yaml`, read from the `twinstack.dev/gpu` label twinstack
 * writes on each (requirement and policy), so the doctor checks what was synthesized without running the app.
 */
export function composeGpuNeeds(composeText: string): GpuNeed[] {
  const services = parse(composeText)?.services ?? {};
  return Object.entries<any>(services).flatMap(([service, spec]) => {
    const text = spec?.labels?.[GPU_LABEL];
    if (text === undefined) return [];
    const label = parseGpuLabel(text);
    return [{
      service,
      vendor: label.vendor === 'amd' ? 'amd' : 'nvidia',
      count: label.count,
      deviceIds: label.deviceIds,
      product: label.product,
      minMemoryMiB: label.minMemoryMiB,
      migProfile: label.mig,
      minComputeCapability: label.minComputeCapability,
      policy: label.policy.startsWith('shared') ? 'shared' : label.policy as GpuNeed['policy'],
      replicas: spec.deploy?.replicas ?? 1,
    }];
  });
}
