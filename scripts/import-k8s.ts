/**
 * `npm run import`: generates imports/k8s.ts exactly as `cdk8s import k8s@1.28.0` does, offline.
 *
 * cdk8s-cli downloads the Kubernetes definitions from GitHub; this script runs the same cdk8s-cli
 * import code, answering that one download with the vendored copy in schemas/kubernetes-1.28.
 * Any other download is refused, so the generator can never reach the network.
 */
import * as fs from 'fs';
import * as path from 'path';

const K8S_VERSION = '1.28.0';
const DEFINITIONS_URL = `https://raw.githubusercontent.com/cdk8s-team/cdk8s/master/kubernetes-schemas/v${K8S_VERSION}/_definitions.json`;
export const VENDORED_DEFINITIONS = path.join(__dirname, '..', 'schemas', 'kubernetes-1.28', '_definitions.json');

/** cdk8s-cli exports no import API, so its modules are loaded by file. */
function cdk8sCli(module: string): any {
  return require(path.join(path.dirname(require.resolve('cdk8s-cli/package.json')), 'lib', module));
}

export async function generateK8sImports(outdir: string): Promise<void> {
  // Patch the module export before the importer calls it (it reads `util_1.download` at call time).
  const util = cdk8sCli('util');
  const download = util.download;
  util.download = async (url: string): Promise<string> => {
    if (url !== DEFINITIONS_URL) throw new Error(`import-k8s: refusing to download ${url} (offline generator)`);
    return fs.readFileSync(VENDORED_DEFINITIONS, 'utf8');
  };
  try {
    const { ImportKubernetesApi } = cdk8sCli('import/k8s');
    const { Language } = cdk8sCli('import/base');
    const importer = new ImportKubernetesApi({ apiVersion: K8S_VERSION });
    const log = console.log;
    console.log = () => undefined; // the importer prints the module name
    try {
      await importer.import({ outdir, targetLanguage: Language.TYPESCRIPT, classNamePrefix: 'Kube' });
    } finally {
      console.log = log;
    }
  } finally {
    util.download = download;
  }
}

if (require.main === module) {
  generateK8sImports(path.join(__dirname, '..', 'imports')).catch(error => {
    console.error(error);
    process.exit(1);
  });
}
