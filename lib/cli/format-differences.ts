import pc from 'picocolors';
import { Difference } from './differences';

/** Terminal text: one block per service, one line per setting, values side by side. */
export function formatDifferences(list: readonly Difference[], color: boolean): string {
  const c = pc.createColors(color);
  if (list.length === 0) return `${c.green('no differences')}\n`;
  const lines: string[] = [];
  let service: string | undefined;
  for (const difference of list) {
    if (difference.service !== service) {
      service = difference.service;
      lines.push(c.bold(`services.${service}`));
    }
    const values = Object.entries(difference.values).map(([label, value]) => `${c.dim(`${label}:`)} ${value === null ? c.yellow('(absent)') : value}`);
    lines.push(`  ${c.cyan(difference.setting)}  ${values.join('  ')}`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
