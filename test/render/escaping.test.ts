import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { parse, parseAllDocuments } from 'yaml';
import { App, Config, Environment, Image, Mount, Port, Probe, Service, Stack, Target } from '../../lib';
import { composeBinary } from '../support/compose-cli';

/** Strings made of what interpolation and expansion read: `$`, `$$`, `$(VAR)`, `${VAR}`, `$VAR`. */
const LITERAL = fc.string({ unit: fc.constantFrom('$', '(', ')', '{', '}', 'A', 'b', '_', '1', ' ', '-'), maxLength: 16 });

interface Literals {
  readonly command: string;
  readonly arg: string;
  readonly env: string;
  readonly workingDir: string;
  readonly mountPath: string;
  readonly health: string;
  readonly content: string;
}

/** One service per sample, each string of the model in a field Compose interpolates or Kubernetes expands. */
function renderLiterals(samples: readonly Literals[]) {
  const app = new App({ outdir: 'unused' });
  const stack = new Stack(app, 'shop');
  new Environment(stack, 'dev', { targets: [Target.COMPOSE, Target.KUBERNETES] });
  samples.forEach((sample, i) => {
    const config = new Config(stack, `c${i}`, { content: sample.content });
    new Service(stack, `s${i}`, {
      image: Image.fromRegistry('ghcr.io/acme/app', { tag: '1.0.0' }),
      ports: [Port.tcp(8080)],
      resources: { cpu: { request: '250m', limit: '500m' }, memory: { request: '256Mi', limit: '512Mi' } },
      command: [sample.command],
      args: [sample.arg],
      env: { VALUE: sample.env },
      workingDir: `/w${sample.workingDir}`,
      mounts: [Mount.scratch(`/m${sample.mountPath}`), Mount.config(config, '/etc/c')],
      health: { readiness: Probe.exec([sample.health]) },
    });
  });
  const files = app.render().files;
  const composeText = files.find(f => f.path === 'dev/compose.yaml')!.content;
  const objects = parseAllDocuments(files.find(f => f.path === 'dev/kubernetes/shop.k8s.yaml')!.content).map(d => d.toJS());
  // inline config content is a file beside compose.yaml, which Compose does not interpolate
  const configFiles = Object.fromEntries(files.filter(f => f.path.startsWith('dev/configs/')).map(f => [f.path.slice('dev/'.length), f.content]));
  return { composeText, compose: parse(composeText), objects, configFiles };
}

/** Compose interpolation with no variable set: `$$` is `$`; any other `$` reads a variable (or is invalid). */
function composeReads(text: string): string {
  return text.replace(/\$(\$|[^$]|$)/g, (_match, next: string) => {
    if (next === '$') return '$';
    throw new Error(`Compose would interpolate ${JSON.stringify(text)}`);
  });
}

/** The kubelet's expansion (third_party/forked/golang/expansion), failing on any variable reference. */
function kubeletReads(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '$' || i + 1 === text.length) {
      out += text[i];
    } else if (text[i + 1] === '$') {
      out += '$';
      i++;
    } else if (text[i + 1] === '(' && text.indexOf(')', i + 2) >= 0) {
      throw new Error(`Kubernetes would expand ${JSON.stringify(text)}`);
    } else {
      out += text[i];
    }
  }
  return out;
}

function container(objects: any[], name: string) {
  return objects.find(o => o.kind === 'Deployment' && o.metadata.name === name).spec.template.spec.containers[0];
}

describe('every model string means itself on both targets', () => {
  test('property: Compose reads back each string after interpolation, Kubernetes after expansion', () => {
    fc.assert(fc.property(fc.record({ command: LITERAL, arg: LITERAL, env: LITERAL, workingDir: LITERAL, mountPath: LITERAL, health: LITERAL, content: LITERAL }), sample => {
      const { compose, objects, configFiles } = renderLiterals([sample]);
      const service = compose.services.s0;
      expect(composeReads(service.entrypoint[0])).toBe(sample.command);
      expect(composeReads(service.command[0])).toBe(sample.arg);
      expect(composeReads(service.environment.VALUE)).toBe(sample.env);
      expect(composeReads(service.working_dir)).toBe(`/w${sample.workingDir}`);
      expect(composeReads(service.volumes[0].target)).toBe(`/m${sample.mountPath}`);
      expect(composeReads(service.healthcheck.test[1])).toBe(sample.health);
      expect(compose.configs.c0).toEqual({ file: 'configs/c0' });
      expect(configFiles['configs/c0']).toBe(sample.content);
      for (const value of Object.values<string>(service.labels)) expect(composeReads(value)).toBe(value);

      const main = container(objects, 's0');
      expect(kubeletReads(main.command[0])).toBe(sample.command);
      expect(kubeletReads(main.args[0])).toBe(sample.arg);
      expect(kubeletReads(main.env[0].value)).toBe(sample.env);
      // not expanded by the kubelet: written as the model states them
      expect(main.workingDir).toBe(`/w${sample.workingDir}`);
      expect(main.volumeMounts[0].mountPath).toBe(`/m${sample.mountPath}`);
      expect(main.readinessProbe.exec.command).toEqual([sample.health]);
      expect(objects.find(o => o.kind === 'ConfigMap' && o.metadata.name === 'c0').data.c0).toBe(sample.content);
    }), { seed: 14, numRuns: 150 });
  });

  test('a shell\'s $$ reaches the shell as $$ on both targets', () => {
    const [sample] = [{ command: 'sh', arg: 'echo $$ $(date) ${HOME} $HOME $', env: '$$', workingDir: '/$x', mountPath: '/$$', health: 'test -e /tmp/$$', content: '$$' }];
    const { compose, objects } = renderLiterals([sample]);
    expect(compose.services.s0.command).toEqual(['echo $$$$ $$(date) $${HOME} $$HOME $$']);
    expect(compose.services.s0.working_dir).toBe('/w/$$x');
    expect(compose.services.s0.volumes[0].target).toBe('/m/$$$$');
    expect(compose.services.s0.healthcheck.test).toEqual(['CMD', 'test -e /tmp/$$$$']);
    expect(container(objects, 's0').args).toEqual(['echo $$$$ $$(date) $${HOME} $$HOME $$']);
    expect(container(objects, 's0').env).toEqual([{ name: 'VALUE', value: '$$$$' }]);
  });

  test('docker compose config (Compose\'s own interpolation) reads back every string as the model states it', () => {
    const samples = fc.sample(fc.record({ command: LITERAL, arg: LITERAL, env: LITERAL, workingDir: LITERAL, mountPath: LITERAL, health: LITERAL, content: LITERAL }), { seed: 14, numRuns: 40 });
    const { composeText, configFiles } = renderLiterals(samples);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'escaping-'));
    fs.writeFileSync(path.join(folder, 'compose.yaml'), composeText);
    fs.mkdirSync(path.join(folder, 'configs'));
    for (const [file, content] of Object.entries(configFiles)) fs.writeFileSync(path.join(folder, file), content);
    const result = spawnSync(composeBinary(), ['-f', 'compose.yaml', 'config', '--format', 'json'], { cwd: folder, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } });
    expect(result.stderr).toBe('');
    // `config` prints the interpolated file escaped again (`$` as `$$`), so that it can be read back
    const read = JSON.parse(result.stdout.replace(/\$\$/g, '$'));
    samples.forEach((sample, i) => {
      const service = read.services[`s${i}`];
      expect(service.entrypoint).toEqual([sample.command]);
      expect(service.command).toEqual([sample.arg]);
      expect(service.environment.VALUE).toBe(sample.env);
      expect(service.working_dir).toBe(`/w${sample.workingDir}`);
      expect(service.volumes[0].target).toBe(`/m${sample.mountPath}`);
      expect(service.healthcheck.test).toEqual(['CMD', sample.health]);
      expect(fs.readFileSync(read.configs[`c${i}`].file, 'utf8')).toBe(sample.content);
    });
  });
});
