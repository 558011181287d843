'use strict';
// The example shop's API, a stand-in: `serve` answers the health checks and /api, `migrate` and `report`
// (the migration job and the nightly report of main.ts) say what they would do and exit.
const http = require('http');

const [command = 'serve', ...rest] = process.argv.slice(2);
const option = (name, fallback) => {
  const at = rest.indexOf(`--${name}`);
  return at === -1 ? fallback : rest[at + 1];
};

if (command === 'serve') {
  const port = Number(option('port', '8080'));
  const server = http.createServer((request, response) => {
    const ok = ['/healthz', '/livez'].includes(request.url) || request.url.startsWith('/api');
    response.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(ok ? { service: 'shop-api', path: request.url } : { error: 'not found' }));
  });
  server.listen(port, () => console.log(`shop-api listening on :${port}`));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
} else if (command === 'migrate' || command === 'report') {
  console.log(`shop-api ${command} ${rest.join(' ')}: nothing to do in the stand-in`);
} else {
  console.error(`shop-api: unknown command ${command} (serve, migrate, report)`);
  process.exit(2);
}
