/**
 * Reading `nvidia-smi --query-gpu` CSV output.
 * @see https://docs.nvidia.com/deploy/nvidia-smi/ (`--help-query-gpu` lists the fields)
 */

/** The fields `twinstack doctor` asks nvidia-smi for, in column order. */
export const NVIDIA_SMI_QUERY_FIELDS = [
  'index',
  'uuid',
  'name',
  'memory.total',
  'compute_cap',
  'driver_version',
  'mig.mode.current',
] as const;

/** The full argument list: `nvidia-smi --query-gpu=<fields> --format=csv,noheader,nounits`. */
export const NVIDIA_SMI_ARGS: readonly string[] = [
  `--query-gpu=${NVIDIA_SMI_QUERY_FIELDS.join(',')}`,
  '--format=csv,noheader,nounits',
];

/** `mig.mode.current`: `Enabled`, `Disabled`, or `[N/A]` on GPUs without MIG. */
export type MigMode = 'enabled' | 'disabled' | 'unsupported';

/** One physical GPU as nvidia-smi reports it. */
export interface GpuInfo {
  /** nvidia-smi index; what Compose `device_ids` and `count` refer to */
  readonly index: number;
  /** `GPU-xxxxxxxx-…` */
  readonly uuid: string;
  /** marketing name, e.g. `NVIDIA H100 80GB HBM3`, `Tesla T4` */
  readonly name: string;
  /** total framebuffer memory in MiB; undefined where nvidia-smi says `[N/A]` (unified-memory parts) */
  readonly memoryMiB?: number;
  /** e.g. `9.0`; undefined where nvidia-smi says `[N/A]` */
  readonly computeCapability?: string;
  readonly driverVersion: string;
  readonly migMode: MigMode;
}

const UNAVAILABLE = /^\[(N\/A|Not Supported|Unknown Error|Insufficient Permissions)\]$/i;

/**
 * Parses the output of `nvidia-smi` run with {@link NVIDIA_SMI_ARGS}: one line per GPU, comma-separated.
 * Accepts `\r\n` line endings, surrounding whitespace and blank lines; `[N/A]` / `[Not Supported]` become
 * undefined (memory, compute capability) or `unsupported` (MIG mode).
 *
 * @throws Error naming the line number and the content when a line does not have the queried shape
 */
export function parseNvidiaSmi(csv: string): GpuInfo[] {
  const gpus: GpuInfo[] = [];
  csv.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    gpus.push(parseLine(line, i + 1));
  });
  return gpus;
}

function parseLine(line: string, lineNumber: number): GpuInfo {
  const fail = (why: string): never => {
    throw new Error(`nvidia-smi output line ${lineNumber}: ${why}: "${line}"`);
  };
  const fields = line.split(',').map(field => field.trim());
  if (fields.length !== NVIDIA_SMI_QUERY_FIELDS.length) {
    fail(`expected ${NVIDIA_SMI_QUERY_FIELDS.length} comma-separated fields (${NVIDIA_SMI_QUERY_FIELDS.join(', ')}), got ${fields.length}`);
  }
  const [index, uuid, name, memory, computeCap, driverVersion, migMode] = fields;
  if (index === 'index') fail('this is a CSV header; run nvidia-smi with --format=csv,noheader,nounits');
  if (!/^\d+$/.test(index)) fail(`index '${index}' is not a whole number`);
  for (const [field, value] of [['uuid', uuid], ['name', name], ['driver_version', driverVersion]] as const) {
    if (value === '' || UNAVAILABLE.test(value)) fail(`${field} is missing`);
  }
  return {
    index: Number(index),
    uuid,
    name,
    memoryMiB: parseMemory(memory, fail),
    computeCapability: parseComputeCapability(computeCap, fail),
    driverVersion,
    migMode: parseMigMode(migMode, fail),
  };
}

function parseMemory(value: string, fail: (why: string) => never): number | undefined {
  if (UNAVAILABLE.test(value)) return undefined;
  const match = /^(\d+)(?:\s*MiB)?$/.exec(value);
  return match ? Number(match[1]) : fail(`memory.total '${value}' is not a number of MiB`);
}

function parseComputeCapability(value: string, fail: (why: string) => never): string | undefined {
  if (UNAVAILABLE.test(value)) return undefined;
  return /^\d+\.\d+$/.test(value) ? value : fail(`compute_cap '${value}' is not <major>.<minor>`);
}

function parseMigMode(value: string, fail: (why: string) => never): MigMode {
  if (UNAVAILABLE.test(value)) return 'unsupported';
  switch (value.toLowerCase()) {
    case 'enabled': return 'enabled';
    case 'disabled': return 'disabled';
    default: return fail(`mig.mode.current '${value}' is not Enabled, Disabled or [N/A]`);
  }
}

/**
 * The GPU Feature Discovery product label (`nvidia.com/gpu.product`) for an nvidia-smi name: characters other than
 * letters, digits, `-`, `_`, `.` and space are dropped, runs of spaces become one dash.
 *
 * @example productLabel('NVIDIA H100 80GB HBM3') // 'NVIDIA-H100-80GB-HBM3'
 * @example productLabel('Tesla T4') // 'Tesla-T4'
 * @see NVIDIA/k8s-device-plugin, gpu-feature-discovery `sanitise()`
 */
export function productLabel(name: string): string {
  return name.replace(/[^A-Za-z0-9\-_. ]/g, '').trim().split(/\s+/).filter(Boolean).join('-');
}

/** Compares two compute capabilities numerically (`8.9` < `9.0` < `10.0`); negative, zero or positive. */
export function compareComputeCapability(a: string, b: string): number {
  const [aMajor, aMinor] = a.split('.').map(Number);
  const [bMajor, bMinor] = b.split('.').map(Number);
  return aMajor !== bMajor ? aMajor - bMajor : aMinor - bMinor;
}
