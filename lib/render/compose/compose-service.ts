import { composeBytes, composeCpus } from '../../model/quantity';
import { ResolvedService } from '../../model/resolved';
import { ResolvedRange } from '../../model/resources';

/** A Compose service object (Compose Specification), built from one resolved service. */
export function composeService(service: ResolvedService): Record<string, unknown> {
  const security = service.security;
  return {
    image: service.image,
    pull_policy: service.pullPolicy === 'Always' ? 'always' : 'missing',
    entrypoint: service.command?.map(escapeDollar),
    command: service.args?.map(escapeDollar),
    environment: nonEmpty(Object.fromEntries(Object.entries(service.env).map(([k, v]) => [k, escapeDollar(v)]))),
    working_dir: service.workingDir,
    expose: nonEmpty(service.ports.map(p => (p.protocol === 'TCP' ? `${p.number}` : `${p.number}/${p.protocol.toLowerCase()}`))),
    deploy: {
      replicas: service.replicas,
      resources: nonEmpty({
        limits: nonEmpty(composeResources(service, 'limit')),
        reservations: nonEmpty(composeResources(service, 'request')),
      }),
    },
    labels: { ...service.labels },
    user: `${security.user}:${security.group}`,
    read_only: security.readOnlyRootFilesystem,
    cap_drop: ['ALL'],
    security_opt: ['no-new-privileges:true'],
  };
}

function composeResources(service: ResolvedService, field: keyof ResolvedRange): Record<string, unknown> {
  const cpu = service.resources.cpu[field];
  const memory = service.resources.memory[field];
  return {
    cpus: cpu ? composeCpus(cpu.value) : undefined,
    memory: memory ? composeBytes(memory.value) : undefined,
  };
}

/** Compose interpolates `$VAR`; model values are literal, so `$` is written `$$`. */
export function escapeDollar(value: string): string {
  return value.replace(/\$/g, '$$$$');
}

function nonEmpty<T extends object>(value: T): T | undefined {
  const present = Array.isArray(value) ? value.length : Object.values(value).filter(v => v !== undefined).length;
  return present > 0 ? value : undefined;
}
