/**
 * `npm run import`: generates imports/k8s.ts exactly as `cdk8s import k8s@1.28.0` does, but offline.
 *
 * Why not just run `cdk8s import k8s@1.28.0`? That command downloads the Kubernetes definitions from
 * GitHub on every run (no cache, no offline switch), and it also appends the import to cdk8s.yaml.
 * So this script runs cdk8s-cli's own import code (the same `importDispatch` its `import` command
 * calls, minus the cdk8s.yaml write) and answers its one download, through cdk8s-cli's `download`
 * helper, with the byte-identical copy vendored in schemas/kubernetes-1.28. Any other download
 * is refused, so the generator can never reach the network. The output is deterministic:
 * test/imports.test.ts checks that it matches the committed imports/k8s.ts byte for byte.
 */
import * as fs from 'fs';
import * as path from 'path';

export const K8S_VERSION = '1.28.0';
/** The one URL cdk8s-cli's ImportKubernetesApi fetches for `k8s@1.28.0` (see cdk8s-cli/lib/import/k8s.js). */
export const DEFINITIONS_URL = `https://raw.githubusercontent.com/cdk8s-team/cdk8s/master/kubernetes-schemas/v${K8S_VERSION}/_definitions.json`;
export const VENDORED_DEFINITIONS = path.join(__dirname, '..', 'schemas', 'kubernetes-1.28', '_definitions.json');

/**
 * cdk8s-cli's `exports` map hides lib/, so its modules are loaded by file path. Requiring the same
 * resolved file as cdk8s-cli's own `require('../util')` yields the same module object, which is what
 * makes the patch below visible to the importer.
 */
function cdk8sCli(module: string): any {
  return require(path.join(path.dirname(require.resolve('cdk8s-cli/package.json')), 'lib', module));
}

/** Stands in for cdk8s-cli's `download(url)`: the vendored definitions for DEFINITIONS_URL, an error for anything else. */
export async function offlineDownload(url: string): Promise<string> {
  if (url !== DEFINITIONS_URL) throw new Error(`import-k8s: refusing to download ${url}: the generator is offline and only knows ${DEFINITIONS_URL}`);
  return fs.readFileSync(VENDORED_DEFINITIONS, 'utf8'); // what download() returns: the body as a UTF-8 string
}

/** Writes `<outdir>/k8s.ts`, the output of `cdk8s import k8s@1.28.0 --language typescript --output <outdir>`. */
export async function generateK8sImports(outdir: string): Promise<void> {
  const util = cdk8sCli('util');
  const { importDispatch } = cdk8sCli('import/dispatch');
  // The importer looks up `util_1.download` when it calls it, so replacing the export is enough.
  const download = util.download;
  util.download = offlineDownload;
  const log = console.log;
  console.log = () => undefined; // ImportBase.import prints each module name ("k8s") to stdout
  try {
    await importDispatch([util.parseImports(`k8s@${K8S_VERSION}`)], {}, {
      outdir,
      targetLanguage: cdk8sCli('import/base').Language.TYPESCRIPT,
      save: false, // the CLI would also add "k8s@1.28.0" to cdk8s.yaml's imports; we don't want that side effect
    });
  } finally {
    console.log = log;
    util.download = download;
  }
}

if (require.main === module) {
  generateK8sImports(path.join(__dirname, '..', 'imports')).catch(error => {
    console.error(error);
    process.exit(1);
  });
}
