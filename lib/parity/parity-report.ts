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

export interface ParityReport {
  readonly columns: readonly ParityColumn[];
  readonly rows: readonly ParityRow[];
}

/** Settings PARITY.md lists wherever they are set, identical or not: what a reviewer must see. */
export const ALWAYS_LISTED: readonly string[] = ['security.runAsRoot'];

/**
 * Compares every service setting across the given columns and keeps the ones that differ,
 * including those present on one target only, and those `alwaysListed` wherever they are set.
 * Rows are ordered by service, then setting.
 */
export function computeParity(columns: readonly { readonly column: ParityColumn; readonly view: TargetView }[], alwaysListed: readonly string[] = []): ParityReport {
  const services = [...new Set(columns.flatMap(c => Object.keys(c.view)))].sort(byCodePoint);
  const rows: ParityRow[] = [];
  for (const service of services) {
    const settings = [...new Set(columns.flatMap(c => Object.keys(c.view[service] ?? {})))].sort(byCodePoint);
    for (const setting of settings) {
      const values = columns.map(c => c.view[service]?.[setting]);
      if (new Set(values).size > 1 || alwaysListed.includes(setting)) rows.push({ service, setting, values });
    }
  }
  return { columns: columns.map(c => c.column), rows };
}
