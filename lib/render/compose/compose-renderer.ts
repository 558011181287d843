import { ResolvedStack } from '../../model/resolved';
import { toSortedYaml } from '../../output/yaml';
import { RenderedFile } from '../rendered-file';
import { composeGpuOverlay, composeService, escapeDollar } from './compose-service';

/**
 * Renders one environment as `<env>/compose.yaml`: a Compose Specification file whose project
 * name is the environment's namespace. Services share the project's default network, so each
 * reaches the others as `<service>:<port>`, as in Kubernetes. Services whose GPU is optional in this
 * environment get their reservation in `<env>/compose.gpu.yaml`, an overlay of the same project.
 */
export function renderCompose(stack: ResolvedStack): RenderedFile[] {
  const services: Record<string, unknown> = {};
  for (const service of stack.services) services[service.name] = composeService(service);
  const document = {
    name: stack.environment.namespace,
    services,
    volumes: nonEmptyRecord(stack.volumes.map(v => [v.name, {}])),
    configs: nonEmptyRecord(stack.configs.filter(c => c.content !== undefined).map(c => [
      c.name,
      c.composeFile !== undefined ? { file: c.composeFile } : { content: escapeDollar(c.content!) },
    ])),
    secrets: nonEmptyRecord(stack.secrets.map(s => [s.name, s.compose ? { ...s.compose } : {}])),
  };
  const files = [{ path: `${stack.environment.name}/compose.yaml`, content: toSortedYaml(stripUndefined(document)) }];
  const overlay: Record<string, unknown> = {};
  for (const service of stack.services) {
    const entry = composeGpuOverlay(service);
    if (entry) overlay[service.name] = entry;
  }
  if (Object.keys(overlay).length > 0) {
    files.push({ path: `${stack.environment.name}/compose.gpu.yaml`, content: toSortedYaml(stripUndefined({ services: overlay })) });
  }
  return files;
}

/** `yaml` writes `key: null` for undefined values inside objects; drop them instead. */
function stripUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripUndefined);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, stripUndefined(v)]));
  }
  return value;
}

function nonEmptyRecord(entries: [string, unknown][]): Record<string, unknown> | undefined {
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
