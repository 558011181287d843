import { portNameRule, portNumberRule, show } from './_rules';
import { Problem, problem } from './diagnostics';

export enum Protocol {
  TCP = 'TCP',
  UDP = 'UDP',
  SCTP = 'SCTP',
}

/** A port a service listens on. Other services reach it as `<service>:<number>` on both targets. */
export class Port {
  /** @example Port.tcp(8080, 'http') */
  public static tcp(number: number, name?: string): Port {
    return new Port(number, Protocol.TCP, name);
  }

  public static udp(number: number, name?: string): Port {
    return new Port(number, Protocol.UDP, name);
  }

  public static sctp(number: number, name?: string): Port {
    return new Port(number, Protocol.SCTP, name);
  }

  private constructor(
    public readonly number: number,
    public readonly protocol: Protocol,
    public readonly name?: string,
  ) {}

  /** @internal problems for this port at `path` (e.g. `services.api.ports[0]`) */
  public _validate(path: string): Problem[] {
    const problems: Problem[] = [];
    const numberRule = portNumberRule(this.number);
    if (numberRule) problems.push(problem(`${path}.port`, `${show(this.number)} ${numberRule}`));
    if (this.name !== undefined) {
      const nameRule = portNameRule(this.name);
      if (nameRule) problems.push(problem(`${path}.name`, `${show(this.name)} ${nameRule}`));
    }
    if (!Object.values(Protocol).includes(this.protocol)) {
      problems.push(problem(`${path}.protocol`, `${show(this.protocol)} must be one of TCP, UDP, SCTP`));
    }
    return problems;
  }
}
