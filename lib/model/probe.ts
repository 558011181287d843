import { durationProblems, durationSeconds } from './duration';
import { int32Rule, show } from './_rules';
import { keysOf, unknownFieldProblems } from './_known-keys';
import { Problem, problem } from './diagnostics';

export interface ProbeTimings {
  /** How often the check runs. @default '10s' */
  readonly interval?: string;
  /** How long one check may take. @default '1s' */
  readonly timeout?: string;
  /** Consecutive failures before the check counts as failed. @default 3 */
  readonly retries?: number;
  /** Grace period after start: Compose `start_period`, Kubernetes `initialDelaySeconds`. @default '0s' */
  readonly startPeriod?: string;
}

const TIMING_KEYS = keysOf<ProbeTimings>()(['interval', 'retries', 'startPeriod', 'timeout']);

export interface HttpProbeOptions extends ProbeTimings {
  /** Port number or name. @default - the service's only port */
  readonly port?: number | string;
  /**
   * The command Compose runs inside the image to make the same request (Compose has no HTTP check),
   * e.g. `['wget', '-q', '--spider', 'http://localhost:8080/healthz']`.
   *
   * @default - none: Compose gets no health check (a warning; an error in strict mode)
   */
  readonly command?: string[];
}

const HTTP_OPTION_KEYS = keysOf<HttpProbeOptions>()([...TIMING_KEYS, 'command', 'port']);

export interface TcpProbeOptions extends ProbeTimings {
  /** The command Compose runs for the same check, e.g. `['pg_isready', '-q']`. @default - none (see HttpProbeOptions.command) */
  readonly command?: string[];
}

const TCP_OPTION_KEYS = keysOf<TcpProbeOptions>()([...TIMING_KEYS, 'command']);

/** A health check: exec, HTTP or TCP, with timings. */
export class Probe {
  /** Runs a command in the container: the same on both targets. */
  public static exec(command: string[], timings: ProbeTimings = {}): Probe {
    return new Probe('exec', timings, { command });
  }

  /** An HTTP GET on a port; success is a 2xx or 3xx status. */
  public static http(path: string, options: HttpProbeOptions = {}): Probe {
    return new Probe('http', options, { path, port: options.port, command: options.command });
  }

  /** A TCP connection to a port. */
  public static tcp(port: number | string, options: TcpProbeOptions = {}): Probe {
    return new Probe('tcp', options, { port, command: options.command });
  }

  private constructor(
    public readonly kind: 'exec' | 'http' | 'tcp',
    public readonly timings: ProbeTimings,
    public readonly check: { readonly command?: string[]; readonly path?: string; readonly port?: number | string },
  ) {}

  public get intervalSeconds(): number {
    return durationSeconds(this.timings.interval ?? '10s') ?? 10;
  }

  public get timeoutSeconds(): number {
    return durationSeconds(this.timings.timeout ?? '1s') ?? 1;
  }

  public get retries(): number {
    return this.timings.retries ?? 3;
  }

  public get startPeriodSeconds(): number {
    return durationSeconds(this.timings.startPeriod ?? '0s') ?? 0;
  }

  /** @internal */
  public _validate(path: string): Problem[] {
    const known = { exec: TIMING_KEYS, http: HTTP_OPTION_KEYS, tcp: TCP_OPTION_KEYS }[this.kind];
    const problems = [
      ...unknownFieldProblems(path, this.timings, known),
      ...durationProblems(`${path}.interval`, this.timings.interval),
      ...durationProblems(`${path}.timeout`, this.timings.timeout),
      ...durationProblems(`${path}.startPeriod`, this.timings.startPeriod),
    ];
    const { retries } = this.timings;
    const retriesRule = retries === undefined ? undefined : int32Rule(retries, 1);
    if (retriesRule) problems.push(problem(`${path}.retries`, `${show(retries)} ${retriesRule}`));
    if (this.timings.interval !== undefined && this.intervalSeconds < 1) problems.push(problem(`${path}.interval`, 'must be at least 1s'));
    if (this.timings.timeout !== undefined && this.timeoutSeconds < 1) problems.push(problem(`${path}.timeout`, 'must be at least 1s'));
    if (this.kind === 'exec' && !(this.check.command?.length)) problems.push(problem(`${path}.command`, 'an exec check needs a command'));
    if (this.kind === 'http' && !String(this.check.path ?? '').startsWith('/')) problems.push(problem(`${path}.path`, `${show(this.check.path)} must start with /`));
    return problems;
  }
}

/** Health checks of a service. Readiness drives start order (Compose `healthcheck`, `service_healthy`). */
export interface HealthProps {
  /** Ready to receive traffic. Compose's `healthcheck` is this check. @default - none */
  readonly readiness?: Probe;
  /** Restarted when failing. Kubernetes only (Compose restarts on exit, not on a failing check). @default - none */
  readonly liveness?: Probe;
  /** Slow starts: liveness waits for it. Kubernetes only. @default - none */
  readonly startup?: Probe;
}

export const HEALTH_KEYS = keysOf<HealthProps>()(['liveness', 'readiness', 'startup']);
