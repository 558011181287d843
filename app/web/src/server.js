'use strict';
// The example shop's web front end, a stand-in: one page that names the API it talks to.
const http = require('http');

const at = process.argv.indexOf('--port');
const port = Number(at === -1 ? '3000' : process.argv[at + 1]);
const page = `<!doctype html><title>shop</title><p>The shop. API: ${process.env.API_URL ?? 'unset'}</p>\n`;
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  response.end(page);
});
server.listen(port, () => console.log(`shop-web listening on :${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
