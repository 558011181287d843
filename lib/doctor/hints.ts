/**
 * "What to do" texts for failed doctor checks, kept in one place so the wording stays consistent. The
 * model changes they recommend are code in backticks, real twinstack API: `<service>` stands for the
 * service's variable in the app and `<env>` for the environment (a test compiles and runs each one).
 */

/** Links used in hints. */
export const DRIVER_INSTALL_URL = 'https://docs.nvidia.com/datacenter/tesla/driver-installation-guide/';
export const TOOLKIT_INSTALL_URL = 'https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/install-guide.html';

/** Common tail: the way out for hosts that should not need a GPU. */
export const USE_NO_GPU_ENVIRONMENT =
  "or, where a service can do without a GPU in this environment, say so in the app: `<service>.override('<env>', { gpu: GpuPolicy.optional() })` or `<service>.override('<env>', { gpu: GpuPolicy.cpuFallback() })`";

export const HINT_NO_NVIDIA_SMI =
  `On a host with an NVIDIA GPU, install the NVIDIA driver (it ships nvidia-smi): ${DRIVER_INSTALL_URL}; ${USE_NO_GPU_ENVIRONMENT}.`;

export const HINT_NVIDIA_SMI_FAILED =
  'The NVIDIA driver is installed but not working: check that its kernel module is loaded (`lsmod | grep nvidia`), ' +
  'reinstall the driver for the running kernel, or reboot after a driver or kernel update; ' +
  `${USE_NO_GPU_ENVIRONMENT}.`;

export const HINT_OLD_DRIVER =
  'This nvidia-smi does not know a queried field (compute_cap needs a recent driver): update the NVIDIA driver.';

export const HINT_NO_DEVICES =
  `The driver sees no GPU: check that the GPU is attached to this machine or VM (\`lspci | grep -i nvidia\`); ${USE_NO_GPU_ENVIRONMENT}.`;

export const HINT_NO_TOOLKIT =
  `Install the NVIDIA Container Toolkit (${TOOLKIT_INSTALL_URL}), then run ` +
  '`sudo nvidia-ctk runtime configure --runtime=docker` and `sudo systemctl restart docker`. ' +
  'Without it Docker stops with: could not select device driver "nvidia" with capabilities: [[gpu]]. ' +
  '(Docker Desktop on Windows needs no toolkit: its WSL 2 backend brings GPU support.)';

export const HINT_AMD =
  'twinstack doctor probes NVIDIA GPUs only: check the AMD GPUs with `rocm-smi` and that /dev/kfd and /dev/dri exist.';

/** Pinned devices are not per environment, and environments that render Kubernetes must allow them. */
const PINNED_ON_KUBERNETES = "(pinned devices apply in every environment; one that renders Kubernetes needs `gpu: { deviceIdsOnKubernetes: 'count' }`)";

export const HINT_DEVICE_IDS =
  `Use indices or UUIDs that \`nvidia-smi -L\` lists on this host in the service's GPU: \`gpu: Gpu.nvidia({ deviceIds: ['0'] })\` ${PINNED_ON_KUBERNETES}.`;

/** Points at GPUs on the host that would pass: `GPU 1 fits (NVIDIA-H100-80GB-HBM3): pin it … Gpu.nvidia({ deviceIds: ['1'] })`. */
export function pinHint(indices: readonly number[], fits: string): string {
  const ids = indices.map(index => `'${index}'`).join(', ');
  const gpus = indices.length === 1 ? `GPU ${indices[0]} fits` : `GPUs ${indices.join(', ')} fit`;
  return `${gpus} (${fits}): pin ${indices.length === 1 ? 'it' : 'them'} in the service's GPU, \`gpu: Gpu.nvidia({ deviceIds: [${ids}] })\` ${PINNED_ON_KUBERNETES}`;
}

export function hintTooFewGpus(perContainer: number): string {
  return `Docker gives a container with count: N the GPUs 0…N-1, so N cannot exceed the GPUs on the host: lower count in the service's GPU (\`gpu: Gpu.nvidia({ count: 1 })\`, every environment), run it without a GPU here (\`<service>.override('<env>', { gpu: GpuPolicy.optional() })\`), or use a host with at least ${perContainer} GPUs.`;
}

export function hintReplicas(total: number): string {
  return `Compose runs every replica on this one host: lower replicas for this environment (\`<service>.override('<env>', { replicas: 1 })\`), or use a host with at least ${total} GPUs.`;
}

export function hintMigDisabled(indices: readonly number[], profile: string): string {
  const i = indices.join(',');
  return `Enable MIG (\`sudo nvidia-smi -i ${i} -mig 1\`, then reset the GPU or reboot) and create a ${profile} instance (\`sudo nvidia-smi mig -i ${i} -cgi ${profile} -C\`)`;
}

export const HINT_MIG_UNSUPPORTED =
  "MIG needs an A30, A100, H100 or H200-class GPU: use a host with one, or, where the MIG slice is this environment's policy, give the service a whole GPU here (`<service>.override('<env>', { gpu: GpuPolicy.required() })`)";

/** The product, memory and compute-capability checks: what to do when no GPU on the host passes. */
export function hintProduct(product: string): string {
  return `Run this environment on a host with ${product} GPUs, or leave product out of the service's GPU (every environment; Compose cannot select a model)`;
}

export function hintMemory(minMemoryMiB: number): string {
  return `Use a host whose GPUs have at least ${minMemoryMiB} MiB, or lower minMemoryMiB in the service's GPU (every environment)`;
}

export function hintComputeCapability(min: string): string {
  return `Use a host with a newer GPU (compute capability ${min} or higher), or build the image for this GPU and lower minComputeCapability in the service's GPU (every environment)`;
}

/** A MIG card that does not offer the profile: the profiles it does offer, as a per-environment policy. */
export function hintMigProfiles(card: string, offered: readonly string[]): string {
  return `${card} offers ${offered.join(', ')}: use one of those in this environment, e.g. \`<service>.override('<env>', { gpu: GpuPolicy.shared(GpuSharing.mig('${offered[0]}')) })\``;
}
