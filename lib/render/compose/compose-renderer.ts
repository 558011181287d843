import * as path from 'path';
import { byCodePoint } from '../../model/_order';
import { pairNetworkName } from '../../names';
import { ResolvedStack } from '../../resolve/resolved';
import { toSortedYaml } from '../../output/yaml';
import { RenderedFile } from '../rendered-file';
import { composeService } from './compose-service';
import { composeGpuOverlay } from './gpu-reservation';
import { applyComposePatches, applyEnvironmentComposePatches } from './patches';
import { volumeOwnerName, volumeOwnerService } from './volume-owner';
import { composeData } from './_interpolation';

/**
 * Renders one environment as `<env>/compose.yaml`: a Compose Specification file whose project
 * name is the environment's namespace. Services share the project's default network, so each
 * reaches the others as `<service>:<port>`, as in Kubernetes. Services whose GPU is optional in this
 * environment get their reservation in `<env>/compose.gpu.yaml`, an overlay of the same project.
 *
 * @param outdir the output folder the files are written to (their paths are relative to it): Compose
 * reads a config's or secret's file, and a bind mount's folder, relative to the folder of the Compose file
 */
export function renderCompose(stack: ResolvedStack, outdir: string): RenderedFile[] {
  const mainPath = `${stack.environment.name}/compose.yaml`;
  const fromComposeFolder = (file: string) => relativeTo(path.dirname(path.join(outdir, mainPath)), file);
  const services: Record<string, unknown> = {};
  const networks = connectionNetworks(stack);
  const copiedSecrets = new Set(stack.secrets.filter(s => s.compose && 'environment' in s.compose).map(s => s.name));
  for (const service of stack.workloads) {
    services[service.name] = applyComposePatches({ ...composeService(service, fromComposeFolder, copiedSecrets), networks: networks.byService.get(service.name) }, stack, service);
    const owner = volumeOwnerService(service);
    if (owner) services[volumeOwnerName(service)] = owner;
  }
  const env = stack.environment.name;
  // inline content becomes a file beside compose.yaml: Compose would copy `content:` in, which Docker Engine
  // refuses under a read-only root (docker/compose#12031); a file is bind-mounted
  const inlineConfigs = stack.configs.filter(c => c.content !== undefined && c.file === undefined);
  const document: Record<string, unknown> = {
    name: stack.environment.namespace,
    services,
    volumes: nonEmptyRecord(stack.volumes.map(v => [v.name, {}])),
    configs: nonEmptyRecord(stack.configs.filter(c => c.content !== undefined).map(c => [
      c.name,
      { file: c.file !== undefined ? fromComposeFolder(c.file) : inlineConfigFile(c.name) },
    ])),
    secrets: nonEmptyRecord(stack.secrets.map(s => [
      s.name,
      !s.compose ? {} : 'file' in s.compose ? { file: fromComposeFolder(s.compose.file) } : { environment: s.compose.environment },
    ])),
    networks: nonEmptyRecord(networks.names.map(n => [n, {}])),
  };
  const main = composeData(applyEnvironmentComposePatches(document, stack));
  const files: RenderedFile[] = [
    { path: mainPath, content: toSortedYaml(main), documents: [main] },
    ...inlineConfigs.map(c => ({ path: `${env}/${inlineConfigFile(c.name)}`, content: c.content! })),
  ];
  const overlay: Record<string, unknown> = {};
  for (const service of stack.workloads) {
    const entry = composeGpuOverlay(service);
    if (entry) overlay[service.name] = entry;
  }
  if (Object.keys(overlay).length > 0) {
    const overlayDocument = composeData({ services: overlay });
    files.push({ path: `${env}/compose.gpu.yaml`, content: toSortedYaml(overlayDocument), documents: [overlayDocument] });
  }
  return files;
}

/** Where an inline config's content is written, relative to the environment's folder (a config name is a DNS label). */
function inlineConfigFile(name: string): string {
  return `configs/${name}`;
}

/**
 * A file as Compose resolves it from `folder`, always with `/`. Both are resolved against the working
 * directory, so a declared relative file gives the same path on every machine.
 */
function relativeTo(folder: string, file: string): string {
  return path.relative(path.resolve(folder), path.resolve(file)).split(path.sep).join('/');
}

function nonEmptyRecord(entries: [string, unknown][]): Record<string, unknown> | undefined {
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/**
 * Who may talk to whom, in Compose: once any connection is declared, each pair that may talk (a declared
 * connection, or a dependency the dependant waits on, as on Kubernetes) shares a network of its own
 * (`pairNetworkName`) and a service without connections gets a network of its own, so only those pairs
 * can reach each other. Compose networks are symmetric and cover every
 * port; the direction and port limits exist in Kubernetes only (NetworkPolicy).
 */
function connectionNetworks(stack: ResolvedStack): { names: string[]; byService: Map<string, string[]> } {
  const byService = new Map<string, string[]>();
  if (!stack.restrictConnections) return { names: [], byService };
  const add = (service: string, network: string) => byService.set(service, [...new Set([...(byService.get(service) ?? []), network])].sort(byCodePoint));
  for (const client of stack.workloads) {
    for (const connection of client.connections) {
      const network = pairNetworkName(client.name, connection.to);
      add(client.name, network);
      add(connection.to, network);
    }
  }
  for (const service of stack.workloads) if (!byService.has(service.name)) add(service.name, service.name);
  return { names: [...new Set([...byService.values()].flat())].sort(byCodePoint), byService };
}
