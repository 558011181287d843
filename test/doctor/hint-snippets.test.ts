import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import * as hints from '../../lib/doctor/hints';
import { errorsOf } from '../support/models';

const ROOT = path.join(__dirname, '..', '..');

/** Every hint text the doctor can print, with sample arguments for the ones that take some. */
const HINT_TEXTS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(hints).filter(([, value]) => typeof value === 'string') as [string, string][]),
  pinHint: hints.pinHint([1, 2], 'NVIDIA-H100-80GB-HBM3'),
  hintTooFewGpus: hints.hintTooFewGpus(3),
  hintReplicas: hints.hintReplicas(4),
  hintMigProfiles: hints.hintMigProfiles('NVIDIA A100-SXM4-80GB', ['1g.10gb', '2g.20gb']),
  hintProduct: hints.hintProduct('NVIDIA-H100-80GB-HBM3'),
  hintMemory: hints.hintMemory(40960),
  hintComputeCapability: hints.hintComputeCapability('8.0'),
  hintMigDisabled: hints.hintMigDisabled([0], '1g.10gb'),
};

/** The model changes a hint recommends: its backticked code that is twinstack API, not a shell command. */
function snippetsOf(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map(m => m[1]).filter(code => code.startsWith('<service>.') || code.startsWith('gpu: '));
}

/**
 * An app with one GPU service in a `dev` environment that renders both targets, with the snippets in
 * their places: `<service>.…` as statements, `gpu: Gpu…` as the service's GPU, `gpu: { … }` as the environment's.
 */
function appWith(snippets: readonly string[]): string {
  const statements = snippets.filter(s => s.startsWith('<service>.')).map(s => `${s.replace(/<service>/g, 'inference').replace(/<env>/g, 'dev')};`);
  const serviceGpu = snippets.find(s => s.startsWith('gpu: Gpu.')) ?? 'gpu: Gpu.nvidia({ count: 1, mig: \'1g.10gb\' })';
  const environmentGpu = snippets.find(s => s.startsWith('gpu: {'));
  return [
    `import { App, Environment, Gpu, GpuPolicy, GpuSharing, Image, Service, Stack } from ${JSON.stringify(path.join(ROOT, 'lib'))};`,
    "export const app = new App({ outdir: 'unused' });",
    "const stack = new Stack(app, 'shop');",
    `new Environment(stack, 'dev', { ${environmentGpu ?? "gpu: { migStrategy: 'mixed' }"} });`,
    "const inference = new Service(stack, 'inference', {",
    "  image: Image.fromRegistry('ghcr.io/acme/inference', { tag: '1.0.0' }),",
    "  resources: { cpu: { request: '1', limit: '2' }, memory: { request: '1Gi', limit: '2Gi' } },",
    '  replicas: 2,',
    `  ${serviceGpu},`,
    '});',
    ...statements,
    '',
  ].join('\n');
}

describe('every model change the doctor recommends is real twinstack API', () => {
  const withSnippets = Object.entries(HINT_TEXTS).filter(([, text]) => snippetsOf(text).length > 0);
  const folder = fs.mkdtempSync(path.join(ROOT, '.test-dist-hints-'));
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
  const files = Object.fromEntries(withSnippets.map(([name, text]) => {
    const file = path.join(folder, `${name}.ts`);
    fs.writeFileSync(file, appWith(snippetsOf(text)));
    return [name, file];
  }));

  test('the hints recommend some (the extraction finds them)', () => {
    expect(withSnippets.map(([name]) => name).sort()).toEqual([
      'HINT_DEVICE_IDS', 'HINT_MIG_UNSUPPORTED', 'HINT_NO_DEVICES', 'HINT_NO_NVIDIA_SMI', 'HINT_NVIDIA_SMI_FAILED', 'USE_NO_GPU_ENVIRONMENT',
      'hintMigProfiles', 'hintReplicas', 'hintTooFewGpus', 'pinHint',
    ]);
  });

  test('each compiles', () => {
    const config = ts.parseJsonConfigFileContent(ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile).config, ts.sys, ROOT);
    const program = ts.createProgram(Object.values(files), { ...config.options, noUnusedLocals: false });
    const diagnostics = ts.getPreEmitDiagnostics(program).filter(d => d.file && Object.values(files).includes(d.file.fileName));
    expect(diagnostics.map(d => `${path.basename(d.file!.fileName)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)).toEqual([]);
  });

  test.each(withSnippets.map(([name]) => name))('%s runs and gives a model that synthesizes without errors', name => {
    const source = fs.readFileSync(files[name], 'utf8');
    const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
    const exports: { app?: Parameters<typeof errorsOf>[0] } = {};
    new Function('require', 'exports', outputText)(require, exports);
    expect(errorsOf(exports.app!)).toEqual([]);
  });
});
