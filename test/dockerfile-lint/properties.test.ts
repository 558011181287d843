import * as fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { lintDockerfiles } from '../../lib/dockerfile-lint';
import { propertyParameters } from '../support/arbitrary-parameters';
import { DIGEST, project } from './project';

/** Instructions, good and bad, each one line: the Dockerfiles are any sequence of them after a FROM. */
const INSTRUCTION = fc.constantFrom(
  'FROM node:latest AS build', `FROM node:22.11.0-alpine@${DIGEST}`, 'FROM someuser/python:3.12', 'FROM scratch', 'FROM build', 'ARG TAG',
  'RUN apt-get update', 'RUN apt-get update && apt-get install -y curl', 'RUN npm ci', 'RUN echo hi', 'RUN --mount=type=cache,target=/root/.npm npm ci',
  'COPY . .', 'COPY package.json package-lock.json ./', 'ADD app.js /app/', 'ADD https://example.com/a.tgz /opt/',
  'USER root', 'USER 10001:10001', 'USER node', 'MAINTAINER someone', 'CMD node server.js', 'CMD ["node", "server.js"]',
  'ENTRYPOINT sh -c run', 'ENV API_TOKEN=abc', 'ENV NODE_ENV=production', 'ARG NPM_TOKEN=xyz', 'WORKDIR /app', 'EXPOSE 8080',
);
const DOCKERFILE = fc.tuple(fc.constantFrom('FROM node:latest', `FROM node:22.11.0-alpine@${DIGEST}`, 'FROM ${TAG}'), fc.array(INSTRUCTION, { maxLength: 12 }))
  .map(([from, rest]) => [from, ...rest]);
const SERVICE = fc.record({ user: fc.constantFrom(undefined, '10001:10001', '1000', 'node'), target: fc.constantFrom(undefined, 'build') });

function lint(lines: readonly string[], service: { user?: string | undefined; target?: string | undefined }, ignore = true) {
  const build = service.target ? `{ context: ../../app, target: ${service.target} }` : '../../app';
  const root = project({
    'app/Dockerfile': `${lines.join('\n')}\n`,
    ...(ignore ? { 'app/.dockerignore': '.git\nnode_modules\n' } : {}),
    'dist/dev/compose.yaml': `services:\n  app:\n    build: ${build}\n${service.user ? `    user: "${service.user}"\n` : ''}`,
    'dist/prod/compose.yaml': `services:\n  app:\n    build: ${build}\n${service.user ? `    user: "${service.user}"\n` : ''}`,
  });
  try {
    return lintDockerfiles('dist', { cwd: root });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe('the Dockerfile lint, on generated Dockerfiles', () => {
  test('reports each finding on a line of the Dockerfile, sorted, the same on every run', () => {
    fc.assert(fc.property(DOCKERFILE, SERVICE, fc.boolean(), (lines, service, ignore) => {
      const report = lint(lines, service, ignore);
      for (const f of [...report.findings, ...report.notes]) {
        expect(f.file).toBe(path.join('app', 'Dockerfile'));
        expect(f.line >= 1 && f.line <= lines.length).toBe(true);
      }
      expect(report.errors + report.warnings).toBe(report.findings.length);
      expect(lint(lines, service, ignore)).toEqual(report);
    }), propertyParameters(30));
  });

  test('a suppression with a reason on the line before each finding suppresses exactly the findings', () => {
    fc.assert(fc.property(DOCKERFILE, SERVICE, (lines, service) => {
      const report = lint(lines, service, false);
      const rulesAt = new Map<number, Set<string>>();
      for (const f of report.findings) rulesAt.set(f.line, new Set([...(rulesAt.get(f.line) ?? []), f.rule]));
      const suppressed = lines.flatMap((line, i) => {
        const rules = rulesAt.get(i + 1);
        return rules ? [`# twinstack-lint ignore=${[...rules].sort().join(',')} reason="generated"`, line] : [line];
      });
      const again = lint(suppressed, service, false);
      expect(again.findings).toEqual([]);
      // messages may name other lines (the comments move them), so compare the rule and the instruction
      const at = (file: readonly string[], f: { line: number; rule: string }) => `${f.rule}: ${file[f.line - 1]}`;
      expect(again.suppressed.map(s => at(suppressed, s)).sort()).toEqual(report.findings.map(f => at(lines, f)).sort());
    }), propertyParameters(30));
  });
});
