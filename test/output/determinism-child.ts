// Run by determinism.test.ts in a child process under a given locale and time zone: synthesizes the example
// and a model whose orderings differ by locale into the folder given, and writes the errors of a model whose
// "did you mean" candidates tie.
import * as fs from 'fs';
import * as path from 'path';
import { App, Environment, Image, Port, Service, Stack } from '../../lib';
import { buildShop } from '../../main';
import { errorsOf } from '../support/models';

const outdir = process.argv[2];

const example = new App({ outdir: path.join(outdir, 'example') });
buildShop(example);
example.synth();

// Estonian sorts 'z' between 's' and 't'
const routes = new App({ outdir: path.join(outdir, 'routes') });
const stack = new Stack(routes, 'shop');
new Environment(stack, 'prod', { ingress: { host: 'shop.example.com' } });
for (const name of ['t', 'z', 's']) {
  new Service(stack, name, {
    image: Image.fromRegistry(`ghcr.io/acme/${name}`, { tag: '1.0.0' }),
    ports: [Port.tcp(8080, 'http')],
    resources: { cpu: { request: '100m', limit: '200m' }, memory: { request: '64Mi', limit: '128Mi' } },
    routes: [{ path: `/${name}`, localPort: 8000 + name.charCodeAt(0) }, { path: '/', host: `${name}.example.com`, localPort: 8000 + name.charCodeAt(0) }],
  });
}
routes.synth();

const elsewhere = new Environment(new Stack(new App({ outdir: 'unused' }), 'other'), 'sa', { tier: 'dev' });
const misspelled = new App({ outdir: 'unused' });
const shop = new Stack(misspelled, 'shop');
new Environment(shop, 'ta', { tier: 'dev' });
new Environment(shop, 'za', { tier: 'dev' });
new Service(shop, 'api', { image: Image.fromRegistry('ghcr.io/acme/api', { tag: '1.0.0' }) }).override(elsewhere, { replicas: 1 });
fs.writeFileSync(path.join(outdir, 'errors.txt'), errorsOf(misspelled).join('\n'));
