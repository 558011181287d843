import * as fs from 'fs';
import * as http from 'http';
import { COMPOSE, Engine, HealthChecker, Result, run, runAsync } from './engine';

/** How long `up --wait` waits for every service to be healthy or done. */
export const WAIT_SECONDS = 120;

/** One Compose project of a synthesized Compose file, on the suite's engine. */
export class Project {
  constructor(
    private readonly engine: Engine,
    public readonly name: string,
    public readonly file: string,
    private readonly extraEnv: Record<string, string> = {},
  ) {}

  public compose(args: readonly string[], timeoutSeconds = WAIT_SECONDS + 30): Result {
    return run(COMPOSE, ['-f', this.file, ...args], { env: this.engine.env(this.extraEnv), timeoutSeconds });
  }

  /** `up -d --wait`, asynchronous: the health checker runs meanwhile */
  public up(): Promise<Result> {
    return runAsync(COMPOSE, ['-f', this.file, 'up', '--detach', '--wait', '--wait-timeout', String(WAIT_SECONDS)], { env: this.engine.env(this.extraEnv), timeoutSeconds: WAIT_SECONDS + 30 });
  }

  /** `down` with its volumes and orphans; a message unless it worked */
  public down(): string | undefined {
    const down = this.compose(['down', '--volumes', '--remove-orphans', '--timeout', '2']);
    return down.status === 0 ? undefined : `${this.name}: down failed: ${down.output}`;
  }

  public container(service: string): string {
    return `${this.name}-${service}-1`;
  }

  /** A shell script run in the service's container as the service's user (`docker compose exec`). */
  public execStatus(service: string, script: string): Result {
    return this.compose(['exec', '-T', service, 'sh', '-c', script], 30);
  }

  /** The same; fails the test with the output unless it exits 0. */
  public exec(service: string, script: string): string {
    const result = this.execStatus(service, script);
    if (result.status !== 0) throw new Error(`exec in ${service}: ${script}\nexit ${result.status}: ${result.output}`);
    return result.stdout.trim();
  }
}

export function httpGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { timeout: 5000 }, response => {
      let body = '';
      response.on('data', chunk => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('timeout', () => request.destroy(new Error(`${url}: no answer in 5 s`)));
    request.on('error', reject);
  });
}

/** Synthesizes each app with `dir` as the working directory: the model's relative paths are relative to it. */
export function synthIn(dir: string, apps: readonly (() => { synth(): void })[]): void {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    for (const app of apps) app().synth();
  } finally {
    process.chdir(cwd);
  }
}

/**
 * What every suite's afterAll does, whatever failed before: stops the health checker, takes each project down
 * with its volumes, stops the engine and removes the work folder; then throws everything that went wrong.
 */
export async function tearDown(parts: { health?: HealthChecker; projects: readonly (Project | undefined)[]; engine?: Engine; workdir?: string }): Promise<void> {
  await parts.health?.stop();
  const problems = parts.projects.flatMap(project => project?.down() ?? []);
  try {
    parts.engine?.stop();
  } catch (error) {
    problems.push(String(error));
  }
  if (parts.workdir) fs.rmSync(parts.workdir, { recursive: true, force: true });
  if (problems.length > 0) throw new Error(problems.join('\n'));
}
