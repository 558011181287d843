import { computeParity, ParityReport } from '../parity/parity-report';
import { ReadBack } from '../parity/read-output';

/** A difference as the terminal and JSON show it. */
export interface Difference {
  readonly service: string;
  readonly setting: string;
  /** column label → value (null where absent) */
  readonly values: Record<string, string | null>;
}

export function columnLabel(readBack: ReadBack): string {
  return `${readBack.column.environment} · ${readBack.column.target}`;
}

/** Differences between the given read-backs, one entry per differing service setting. */
export function differences(readBacks: readonly ReadBack[]): Difference[] {
  const report: ParityReport = computeParity(readBacks);
  const labels = readBacks.map(columnLabel);
  return report.rows.map(row => ({
    service: row.service,
    setting: row.setting,
    values: Object.fromEntries(row.values.map((v, i) => [labels[i], v ?? null])),
  }));
}
