import { byCodePoint } from '../../model/_order';
import { ResolvedStack } from '../../resolve/resolved';
import { toSortedYaml } from '../../output/yaml';
import { RenderedFile } from '../rendered-file';
import { composeGpuOverlay, composeService } from './compose-service';
import { volumeOwnerName, volumeOwnerService } from './volume-owner';
import { escapeInterpolation } from './_interpolation';

/**
 * Renders one environment as `<env>/compose.yaml`: a Compose Specification file whose project
 * name is the environment's namespace. Services share the project's default network, so each
 * reaches the others as `<service>:<port>`, as in Kubernetes. Services whose GPU is optional in this
 * environment get their reservation in `<env>/compose.gpu.yaml`, an overlay of the same project.
 */
export function renderCompose(stack: ResolvedStack): RenderedFile[] {
  const services: Record<string, unknown> = {};
  const networks = connectionNetworks(stack);
  const copiedSecrets = new Set(stack.secrets.filter(s => s.compose && 'environment' in s.compose).map(s => s.name));
  for (const service of stack.workloads) {
    services[service.name] = { ...composeService(service, copiedSecrets), networks: networks.byService.get(service.name) };
    const owner = volumeOwnerService(service);
    if (owner) services[volumeOwnerName(service)] = owner;
  }
  const env = stack.environment.name;
  // inline content becomes a file beside compose.yaml: Compose would copy `content:` in, which Docker Engine
  // refuses under a read-only root (docker/compose#12031); a file is bind-mounted
  const inlineConfigs = stack.configs.filter(c => c.content !== undefined && c.composeFile === undefined);
  const document = {
    name: stack.environment.namespace,
    services,
    volumes: nonEmptyRecord(stack.volumes.map(v => [v.name, {}])),
    configs: nonEmptyRecord(stack.configs.filter(c => c.content !== undefined).map(c => [
      c.name,
      { file: c.composeFile ?? inlineConfigFile(c.name) },
    ])),
    secrets: nonEmptyRecord(stack.secrets.map(s => [s.name, s.compose ? { ...s.compose } : {}])),
    networks: nonEmptyRecord(networks.names.map(n => [n, {}])),
  };
  const main = escapeInterpolation(stripUndefined(document));
  const files: RenderedFile[] = [
    { path: `${env}/compose.yaml`, content: toSortedYaml(main), documents: [main] },
    ...inlineConfigs.map(c => ({ path: `${env}/${inlineConfigFile(c.name)}`, content: c.content! })),
  ];
  const overlay: Record<string, unknown> = {};
  for (const service of stack.workloads) {
    const entry = composeGpuOverlay(service);
    if (entry) overlay[service.name] = entry;
  }
  if (Object.keys(overlay).length > 0) {
    const overlayDocument = escapeInterpolation(stripUndefined({ services: overlay }));
    files.push({ path: `${env}/compose.gpu.yaml`, content: toSortedYaml(overlayDocument), documents: [overlayDocument] });
  }
  return files;
}

/** Where an inline config's content is written, relative to the environment's folder (a config name is a DNS label). */
function inlineConfigFile(name: string): string {
  return `configs/${name}`;
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

/**
 * Who may talk to whom, in Compose: once any connection is declared, each declared pair shares a
 * network of its own (`<client>_to_<server>`: `_` is in no service name, so no pair's network is named
 * like another pair's or like a service) and a service without connections gets a network of its
 * own, so only declared pairs can reach each other. Compose networks are symmetric and cover every
 * port; the direction and port limits exist in Kubernetes only (NetworkPolicy).
 */
function connectionNetworks(stack: ResolvedStack): { names: string[]; byService: Map<string, string[]> } {
  const byService = new Map<string, string[]>();
  if (!stack.restrictConnections) return { names: [], byService };
  const add = (service: string, network: string) => byService.set(service, [...new Set([...(byService.get(service) ?? []), network])].sort(byCodePoint));
  for (const client of stack.workloads) {
    for (const connection of client.connections) {
      const network = `${client.name}_to_${connection.to}`;
      add(client.name, network);
      add(connection.to, network);
    }
  }
  for (const service of stack.workloads) if (!byService.has(service.name)) add(service.name, service.name);
  return { names: [...new Set([...byService.values()].flat())].sort(byCodePoint), byService };
}
