import { byCodePoint } from '../model/_order';
import { ServiceView, TargetView } from './service-view';

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
  const patches: ParityPatch[] = columns.flatMap(({ column, environmentPatches: reasons }) => (reasons === undefined ? [] : [{ service: ENVIRONMENT_PATCHES, column, reasons }]));
  for (const service of services) {
    const views = columns.map(c => c.view[service]);
    // most settings are the same everywhere: only the few that make a row are sorted
    for (const setting of listedSettings(views, alwaysListed).sort(byCodePoint)) rows.push({ service, setting, values: views.map(view => view?.[setting]) });
    columns.forEach(({ column }, i) => {
      const reasons = views[i]?.[PATCHES_SETTING];
      if (reasons !== undefined) patches.push({ service, column, reasons });
    });
  }
  return { columns: columns.map(c => c.column), rows, ...(patches.length > 0 ? { patches } : {}) };
}

/** The settings of one service (its view in each column, undefined where absent) that differ between columns or are always listed; each once, unordered. */
function listedSettings(views: readonly (ServiceView | undefined)[], alwaysListed: readonly string[]): string[] {
  const listed: string[] = [];
  views.forEach((view, i) => {
    for (const setting of Object.keys(view ?? {})) {
      if (setting === PATCHES_SETTING || inAnyBefore(views, i, setting)) continue;
      if (alwaysListed.includes(setting) || !sameInEvery(views, setting, view![setting])) listed.push(setting);
    }
  });
  return listed;
}

/** Whether a view before the `end`th has this setting: a setting is compared where it first appears. */
function inAnyBefore(views: readonly (ServiceView | undefined)[], end: number, setting: string): boolean {
  for (let i = 0; i < end; i++) {
    if (views[i] !== undefined && Object.hasOwn(views[i]!, setting)) return true;
  }
  return false;
}

function sameInEvery(views: readonly (ServiceView | undefined)[], setting: string, value: string): boolean {
  for (const view of views) {
    if (view?.[setting] !== value) return false;
  }
  return true;
}
