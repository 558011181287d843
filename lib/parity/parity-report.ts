import { byCodePoint } from '../model/_order';
import { TargetView } from './service-view';

/** One rendered target of one environment. */
export interface ParityColumn {
  readonly environment: string;
  readonly target: string;
}

/** A setting of a service whose value is not the same in every column; undefined where it is absent. */
export interface ParityRow {
  readonly service: string;
  readonly setting: string;
  readonly values: readonly (string | undefined)[];
}

/** The patches (escape hatches) one column's output of a service, or of the environment itself, went through, read back from it. */
export interface ParityPatch {
  /** the service, or `ENVIRONMENT_PATCHES` for the environment's own patches */
  readonly service: string;
  readonly column: ParityColumn;
  readonly reasons: string;
}

export interface ParityReport {
  readonly columns: readonly ParityColumn[];
  readonly rows: readonly ParityRow[];
  /** every patched service and column, listed apart: a declared difference even where all columns agree */
  readonly patches?: readonly ParityPatch[];
}

/** Settings PARITY.md lists wherever they are set, identical or not: what a reviewer must see. */
export const ALWAYS_LISTED: readonly string[] = ['security.addCapabilitiesReason', 'security.runAsRoot'];
/** What PARITY.md names the environment's own patches after: no service can have this name. */
export const ENVIRONMENT_PATCHES = '(environment)';
/** The setting the readers put a patched output's reasons under. */
export const PATCHES_SETTING = 'patches';

/**
 * Compares every service setting across the given columns and keeps the ones that differ,
 * including those present on one target only, and those `alwaysListed` wherever they are set.
 * Rows are ordered by service, then setting.
 */
export function computeParity(columns: readonly { readonly column: ParityColumn; readonly view: TargetView; readonly environmentPatches?: string }[], alwaysListed: readonly string[] = []): ParityReport {
  const services = [...new Set(columns.flatMap(c => Object.keys(c.view)))].sort(byCodePoint);
  const rows: ParityRow[] = [];
  for (const service of services) {
    const settings = [...new Set(columns.flatMap(c => Object.keys(c.view[service] ?? {})))].sort(byCodePoint);
    for (const setting of settings.filter(s => s !== PATCHES_SETTING)) {
      const values = columns.map(c => c.view[service]?.[setting]);
      if (values.some(v => v !== values[0]) || alwaysListed.includes(setting)) rows.push({ service, setting, values });
    }
  }
  const environmentPatches = columns.flatMap(({ column, environmentPatches: reasons }) => (reasons === undefined ? [] : [{ service: ENVIRONMENT_PATCHES, column, reasons }]));
  const patches = [...environmentPatches, ...services.flatMap(service => columns.flatMap(({ column, view }) => {
    const reasons = view[service]?.[PATCHES_SETTING];
    return reasons === undefined ? [] : [{ service, column, reasons }];
  }))];
  return { columns: columns.map(c => c.column), rows, ...(patches.length > 0 ? { patches } : {}) };
}
