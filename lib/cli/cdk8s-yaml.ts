import * as fs from 'fs';
import { parse } from 'yaml';

/** What the CLI reads from ./cdk8s.yaml: the command that runs the app, and where `cdk8s synth` writes. */
export interface Cdk8sYaml {
  readonly app?: string;
  readonly output?: string;
}

export function readCdk8sYaml(file = 'cdk8s.yaml'): Cdk8sYaml {
  if (!fs.existsSync(file)) return {};
  let parsed: any;
  try {
    parsed = parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // cdk8s itself reports a broken cdk8s.yaml; the CLI's defaults fall back as without one
    return {};
  }
  const text = (key: string) => typeof parsed?.[key] === 'string' && parsed[key] !== '' ? parsed[key] as string : undefined;
  return { app: text('app'), output: text('output') };
}

/** The rendered output the commands read by default: cdk8s.yaml's `output`, else cdk8s's default, dist. */
export function defaultDist(): string {
  return readCdk8sYaml().output ?? 'dist';
}
