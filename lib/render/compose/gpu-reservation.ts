import { ResolvedWorkload } from '../../resolve/resolved';
import { ResolvedGpu } from '../../resolve/resolved-gpu';

/** The device nodes ROCm containers need; Compose has no count for AMD GPUs, so the container gets every host GPU. */
const AMD_DEVICE_NODES = ['/dev/kfd', '/dev/dri'];

/** A service's GPU as Compose writes it: a device reservation (`deploy.resources.reservations.devices`) and device nodes. */
export interface ComposeGpu {
  readonly devices?: unknown[];
  readonly deviceNodes?: string[];
}

/** The GPU fields of the service in `compose.yaml`: none when the GPU is optional (the overlay has them) or the service runs on CPU. */
export function composeGpu(service: ResolvedWorkload): ComposeGpu {
  return service.gpu?.onCompose === 'required' ? reservationOf(service.gpu) : {};
}

/**
 * The `compose.gpu.yaml` overlay entry of a service whose GPU is optional: only the reservation,
 * merged by `docker compose -f compose.yaml -f compose.gpu.yaml`.
 */
export function composeGpuOverlay(service: ResolvedWorkload): Record<string, unknown> | undefined {
  if (service.gpu?.onCompose !== 'optional') return undefined;
  const { devices, deviceNodes } = reservationOf(service.gpu);
  return devices ? { deploy: { resources: { reservations: { devices } } } } : { devices: deviceNodes };
}

/**
 * NVIDIA: one device request with an explicit count or device ids (a count-less reservation means "all GPUs"
 * or "none" depending on the engine); a policy that shares the GPU gets one whole GPU. AMD: the device nodes.
 */
function reservationOf(gpu: ResolvedGpu): ComposeGpu {
  if (gpu.vendor === 'amd') return { deviceNodes: [...AMD_DEVICE_NODES] };
  const pinned = gpu.deviceIds && !gpu.sharedByPolicy ? gpu.deviceIds : undefined;
  return {
    devices: [{
      capabilities: ['gpu'],
      count: pinned ? undefined : gpu.sharedByPolicy ? 1 : gpu.count,
      device_ids: pinned ? [...pinned] : undefined,
      driver: 'nvidia',
    }],
  };
}
