import { GpuNeed } from './gpu-need';
import {
  HINT_MIG_UNSUPPORTED, hintComputeCapability, hintMemory, hintMigDisabled, hintMigProfiles, hintProduct, pinHint,
} from './hints';
import { migProfilesFor } from './mig-profiles';
import { compareComputeCapability, GpuInfo, productLabel } from './nvidia-smi';
import type { Problem } from './assess';

/** What one check found: problems that keep the service from running, notes that do not. */
export interface Outcome {
  readonly problems: Problem[];
  readonly notes: string[];
}

/** A check of the GPUs a service was given (`selected`) against its need; `host` is every GPU, for hints. */
export type Check = (need: GpuNeed, selected: readonly GpuInfo[], host: readonly GpuInfo[]) => Outcome;

export const checkProduct: Check = (need, selected, host) => {
  if (need.product === undefined) return { problems: [], notes: [] };
  // GFD adds -SHARED (time-slicing) or -MIG-<profile> (single strategy) to the label; the card underneath is what counts here.
  const wanted = need.product.replace(/-SHARED$/, '').replace(/-MIG-.*$/, '');
  const matches = (gpu: GpuInfo) => productLabel(gpu.name) === wanted;
  const wrong = selected.filter(gpu => !matches(gpu));
  if (wrong.length === 0) return { problems: [], notes: [] };
  return { problems: [{
    check: 'product',
    message: `needs ${wanted}; ${wrong.map(gpu => `GPU ${gpu.index} is ${productLabel(gpu.name)}`).join(', ')}`,
    hint: alternativeHint(need, host.filter(matches), wanted,
      hintProduct(wanted)),
  }], notes: [] };
};

export const checkMemory: Check = (need, selected, host) => {
  const min = need.minMemoryMiB;
  if (min === undefined) return { problems: [], notes: [] };
  const unknown = selected.filter(gpu => gpu.memoryMiB === undefined);
  const notes = unknown.map(gpu => `memory of ${describe(gpu)} is not reported; needs at least ${min} MiB`);
  const big = (gpu: GpuInfo) => gpu.memoryMiB !== undefined && gpu.memoryMiB >= min;
  const small = selected.filter(gpu => gpu.memoryMiB !== undefined && gpu.memoryMiB < min);
  if (small.length === 0) return { problems: [], notes };
  return { problems: [{
    check: 'memory',
    message: `needs at least ${min} MiB per GPU; ${small.map(gpu => `GPU ${gpu.index} has ${gpu.memoryMiB} MiB`).join(', ')}`,
    hint: alternativeHint(need, host.filter(big), `at least ${min} MiB`,
      hintMemory(min)),
  }], notes };
};

export const checkComputeCapability: Check = (need, selected, host) => {
  const min = need.minComputeCapability;
  if (min === undefined) return { problems: [], notes: [] };
  const notes = selected.filter(gpu => gpu.computeCapability === undefined)
    .map(gpu => `compute capability of ${describe(gpu)} is not reported; needs at least ${min}`);
  const enough = (gpu: GpuInfo) => gpu.computeCapability !== undefined && compareComputeCapability(gpu.computeCapability, min) >= 0;
  const low = selected.filter(gpu => gpu.computeCapability !== undefined && !enough(gpu));
  if (low.length === 0) return { problems: [], notes };
  return { problems: [{
    check: 'compute-capability',
    message: `needs compute capability ${min} or higher; ${low.map(gpu => `GPU ${gpu.index} (${gpu.name}) has ${gpu.computeCapability}`).join(', ')}`,
    hint: alternativeHint(need, host.filter(enough), `compute capability ${min} or higher`,
      hintComputeCapability(min)),
  }], notes };
};

export const checkMig: Check = (need, selected, host) => {
  const profile = need.migProfile;
  if (profile === undefined) return { problems: [], notes: [] };
  const problems: Problem[] = [];
  const notes: string[] = [];
  const unsupported = selected.filter(gpu => gpu.migMode === 'unsupported');
  const disabled = selected.filter(gpu => gpu.migMode === 'disabled');
  if (unsupported.length > 0) {
    problems.push({ check: 'mig', message: `needs MIG profile ${profile}; ${unsupported.map(describe).join(', ')} cannot do MIG`, hint: HINT_MIG_UNSUPPORTED });
  }
  if (disabled.length > 0) {
    const enabled = host.filter(gpu => gpu.migMode === 'enabled' && offers(gpu, profile) !== false);
    const enable = hintMigDisabled(disabled.map(gpu => gpu.index), profile);
    problems.push({
      check: 'mig',
      message: `needs MIG profile ${profile}; MIG is disabled on ${disabled.map(describe).join(', ')}`,
      hint: enabled.length > 0 && need.count !== undefined
        ? `${enable}; or use another GPU: ${pinHint(enabled.slice(0, need.count).map(gpu => gpu.index), 'MIG enabled')}`
        : enable,
    });
  }
  for (const gpu of selected.filter(g => g.migMode === 'enabled')) {
    const offered = migProfilesFor(gpu);
    if (offered && !offered.includes(profile)) {
      problems.push({
        check: 'mig',
        message: `needs MIG profile ${profile}; ${describe(gpu)} does not offer it`,
        hint: hintMigProfiles(gpu.name, offered),
      });
    } else {
      notes.push(`GPU ${gpu.index} has MIG enabled; nvidia-smi --query-gpu does not list MIG instances, check that a ${profile} instance exists with \`nvidia-smi -L\``);
    }
  }
  return { problems, notes };
};

function offers(gpu: GpuInfo, profile: string): boolean | undefined {
  return migProfilesFor(gpu)?.includes(profile);
}

/** Point at other GPUs on the host that would pass a check, or fall back to a general hint. */
function alternativeHint(need: GpuNeed, passing: readonly GpuInfo[], what: string, otherwise: string): string {
  const wanted = need.count ?? need.deviceIds?.length ?? 1;
  if (passing.length < wanted) return otherwise;
  return pinHint(passing.slice(0, wanted).map(gpu => gpu.index), what);
}

/** `GPU 0 (NVIDIA H100 80GB HBM3)` */
export function describe(gpu: GpuInfo): string {
  return `GPU ${gpu.index} (${gpu.name})`;
}
