import { spawn, spawnSync } from 'child_process';
import * as http from 'http';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const ENGINE_SCRIPT = path.join(ROOT, 'scripts', 'e2e-engine.sh');
export const COMPOSE = path.join(ROOT, '.tools', 'bin', 'docker-compose');

export interface Result {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr, trimmed, for messages */
  readonly output: string;
}

/** Runs a command to completion, at most `timeoutSeconds` (then it is killed and status is null). */
export function run(command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutSeconds?: number } = {}): Result {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    encoding: 'utf8',
    env: options.env ?? process.env,
    timeout: (options.timeoutSeconds ?? 60) * 1000,
    killSignal: 'SIGKILL',
    maxBuffer: 16 * 1024 * 1024,
  });
  const stdout = result.stdout ?? '';
  const stderr = `${result.stderr ?? ''}${result.error ? `\n${command}: ${result.error.message}` : ''}`;
  return { status: result.status, stdout, stderr, output: `${stdout}${stderr}`.trim() };
}

/** The same, asynchronously: the suite runs health checks while `up --wait` waits. */
export function runAsync(command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutSeconds?: number } = {}): Promise<Result> {
  return new Promise(resolve => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), (options.timeoutSeconds ?? 60) * 1000);
    child.on('error', error => (stderr += `\n${command}: ${error.message}`));
    child.on('close', status => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, output: `${stdout}${stderr}`.trim() });
    });
  });
}

/**
 * The engine the suite talks to: the private Podman service of scripts/e2e-engine.sh, or, with
 * TWINSTACK_E2E_DOCKER_HOST=unix:///…, an engine of your own (Docker Engine or Podman), which the suite then
 * neither starts nor stops. Everything goes through Compose and the Docker Engine API, which both serve.
 */
export class Engine {
  private constructor(public readonly url: string, public readonly owned: boolean) {}

  public static start(): Engine {
    const external = process.env.TWINSTACK_E2E_DOCKER_HOST;
    if (external) {
      if (!external.startsWith('unix://')) throw new Error(`TWINSTACK_E2E_DOCKER_HOST: ${external} must be unix:///path/to/socket`);
      return new Engine(external, false);
    }
    const started = run('bash', [ENGINE_SCRIPT, 'start'], { timeoutSeconds: 60 });
    if (started.status !== 0) throw new Error(`scripts/e2e-engine.sh start failed:\n${started.output}`);
    return new Engine(`unix://${started.stdout.trim().split('\n').pop()!}`, true);
  }

  /** Removes what the private engine holds and stops it, by PID; throws if anything is left. */
  public stop(): void {
    if (!this.owned) return;
    const stopped = run('bash', [ENGINE_SCRIPT, 'stop'], { timeoutSeconds: 240 });
    if (stopped.status !== 0) throw new Error(`scripts/e2e-engine.sh stop failed:\n${stopped.output}`);
  }

  /** What `docker-compose` needs to reach this engine, and nothing of the caller's DOCKER_* or COMPOSE_*. */
  public env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_HOST: this.url, ...extra };
  }

  /** GET on the engine's API; undefined for a 404. */
  public get(apiPath: string): Promise<any> {
    return new Promise((resolve, reject) => {
      const request = http.get({ socketPath: this.url.slice('unix://'.length), path: apiPath, timeout: 20000 }, response => {
        let body = '';
        response.on('data', chunk => (body += chunk));
        response.on('end', () => {
          if (response.statusCode === 404) resolve(undefined);
          else if (response.statusCode !== 200) reject(new Error(`GET ${apiPath}: ${response.statusCode} ${body}`));
          else resolve(body.startsWith('{') || body.startsWith('[') ? JSON.parse(body) : body);
        });
      });
      request.on('timeout', () => request.destroy(new Error(`GET ${apiPath}: no answer in 20 s`)));
      request.on('error', reject);
    });
  }

  /** The Docker API's view of one container (State.Status, State.Health, StartedAt, …). */
  public async inspect(container: string): Promise<any> {
    const found = await this.get(`/containers/${encodeURIComponent(container)}/json`);
    if (!found) throw new Error(`no container ${container}`);
    return found;
  }

  /** Names of the containers, running or not, that carry every label given. */
  public async containerNames(labels: Record<string, string>): Promise<string[]> {
    const filters = JSON.stringify({ label: Object.entries(labels).map(([k, v]) => `${k}=${v}`) });
    const list: { Names: string[] }[] = await this.get(`/containers/json?all=true&filters=${encodeURIComponent(filters)}`);
    return list.map(c => c.Names[0].replace(/^\//, '')).sort();
  }

  /** Podman's own API answers: health checks must be run for it where no systemd timer does. */
  public async isPodman(): Promise<boolean> {
    return (await this.get('/libpod/_ping').catch(() => undefined)) !== undefined;
  }

  public podmanAsync(args: readonly string[], timeoutSeconds = 60): Promise<Result> {
    return runAsync('podman', ['--remote', '--url', this.url, ...args], { timeoutSeconds, env: this.env() });
  }
}

/**
 * Without systemd, Podman never runs health checks on its own: this runs `podman healthcheck run` on every
 * container whose health is still `starting`, once a second, until `stop()`. Docker Engine runs them itself.
 */
export class HealthChecker {
  private stopped = false;
  private readonly loop: Promise<void>;

  constructor(private readonly engine: Engine) {
    this.loop = this.run();
  }

  public async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const starting = await this.engine.podmanAsync(['ps', '--filter', 'health=starting', '--format', '{{.Names}}'], 20);
      const names = starting.status === 0 ? starting.stdout.split('\n').filter(Boolean) : [];
      await Promise.all(names.map(name => this.engine.podmanAsync(['healthcheck', 'run', name], 20)));
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
  }
}
