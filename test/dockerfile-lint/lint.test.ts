import { lintDockerfiles } from '../../lib/dockerfile-lint';
import { DIGEST, IGNORE, project } from './project';

const CLEAN = `FROM node:22.11.0-alpine@${DIGEST}\nWORKDIR /app\nCOPY . .\nUSER 10001:10001\nCMD ["node", "server.js"]\n`;
const lines = (root: string, options: Parameters<typeof lintDockerfiles>[1] = {}) =>
  lintDockerfiles('dist', { cwd: root, ...options }).findings.map(f => `${f.file}:${f.line}: ${f.rule}: ${f.severity}`);

describe('which Dockerfiles the lint reads from dist/', () => {
  test('one Dockerfile built by two environments is linted once, with each use; the dockerfile is relative to the context', () => {
    const root = project({
      'app/web/.dockerignore': IGNORE,
      'app/web/docker/Web.Dockerfile': 'FROM node:22.11.0-alpine\nUSER 10001:10001\nCMD ["node"]\n',
      'dist/dev/compose.yaml': 'services:\n  web:\n    build:\n      context: ../../app/web\n      dockerfile: docker/Web.Dockerfile\n',
      'dist/staging/compose.yaml': 'services:\n  web:\n    build: { context: ../../app/web, dockerfile: docker/Web.Dockerfile }\n  admin:\n    build: { context: ../../app/web, dockerfile: docker/Web.Dockerfile }\n',
    });
    const report = lintDockerfiles('dist', { cwd: root });
    expect(report.dockerfiles.map(d => [d.file, d.context, d.uses.map(u => `${u.service}@${u.environment}:${u.how}`)])).toEqual([
      ['app/web/docker/Web.Dockerfile', 'app/web', ['web@dev:build', 'admin@staging:build', 'web@staging:build']],
    ]);
    expect(report.findings.map(f => [f.rule, f.severity, f.uses.map(u => `${u.service}@${u.environment}:${u.severity}`)])).toEqual([
      ['base-image-digest', 'warning', ['admin@staging:warning', 'web@staging:warning']],
    ]);
  });

  test('an environment that pulls the repository a build tags uses its Dockerfile at its own tier: a moving base is a prod error', () => {
    const root = project({
      'app/api/.dockerignore': IGNORE,
      'app/api/Dockerfile': 'FROM node:latest\nUSER 10001:10001\nCMD ["node"]\n',
      'dist/dev/compose.yaml': 'services:\n  api:\n    image: registry.example.com/shop/api:dev\n    build: ../../app/api\n',
      'dist/prod/compose.yaml': `services:\n  api:\n    image: registry.example.com/shop/api@${DIGEST}\n  db:\n    image: postgres:16.4\n`,
    });
    expect(lines(root)).toEqual(['app/api/Dockerfile:1: base-image-tag: error']);
    expect(lintDockerfiles('dist', { cwd: root }).dockerfiles[0]!.uses.map(u => `${u.service}@${u.environment}:${u.how}`)).toEqual(['api@dev:build', 'api@prod:pull']);
    expect(lines(root, { environment: 'dev' })).toEqual(['app/api/Dockerfile:1: base-image-tag: warning']);
  });

  test('the files of one folder are merged (compose.yaml first), and build args, targets and $$ are read as Compose reads them', () => {
    const root = project({
      'src/.dockerignore': IGNORE,
      'src/Dockerfile': 'ARG BASE\nFROM ${BASE} AS dev\nUSER 1000\nCMD ["x"]\nFROM scratch AS release\n',
      'dist/qa/compose.yaml': 'services:\n  app:\n    user: "1001"\n',
      'dist/qa/compose.override.yaml': `services:\n  app:\n    build:\n      context: ../../src\n      target: dev\n      args: ["BASE=node:22@${DIGEST}", "UNSET"]\n`,
    });
    const report = lintDockerfiles('dist', { cwd: root, tiers: { qa: 'staging' } });
    expect(report.dockerfiles[0]!.uses).toEqual([{ service: 'app', environment: 'qa', tier: 'staging', user: '1001', how: 'build', target: 'dev', args: { BASE: `node:22@${DIGEST}` } }]);
    expect(report.findings.map(f => `${f.line}: ${f.rule}: ${f.severity}: ${f.message}`)).toEqual([
      '3: user-matches-service: error: USER 1000 is not the user app in qa runs as (user: "1001"): files the image prepares for its user are not the service\'s',
    ]);
  });

  test('an environment not named like a tier is linted as prod unless its tier is given', () => {
    const root = project({
      'app/.dockerignore': IGNORE,
      'app/Dockerfile': `FROM node:22.11.0-alpine\nUSER 10001:10001\nCMD ["node"]\n`,
      'dist/qa/compose.yaml': 'services:\n  app:\n    build: ../../app\n',
    });
    expect(lines(root)).toEqual(['app/Dockerfile:1: base-image-digest: error']);
    expect(lines(root, { tiers: { qa: 'dev' } })).toEqual([]);
  });

  test('a missing context is an error on the Compose file; a remote context is a note', () => {
    const root = project({
      'dist/dev/compose.yaml': 'services:\n  a:\n    build: ../../nowhere\n  b:\n    build: https://github.com/acme/b.git#main\n',
    });
    const report = lintDockerfiles('dist', { cwd: root });
    expect(report.findings.map(f => `${f.file}:${f.line}: ${f.rule}: ${f.severity}: ${f.message}`)).toEqual([
      'dist/dev/compose.yaml:3: build-source: error: a in dev builds from the context nowhere, which is not a folder',
    ]);
    expect(report.notes.map(n => `${n.file}:${n.line}: ${n.message}`)).toEqual([
      'dist/dev/compose.yaml:5: b in dev builds from the remote context https://github.com/acme/b.git#main, which the lint does not fetch',
    ]);
  });

  test('a dockerfile_inline is linted under the Compose file\'s name', () => {
    const root = project({ 'ctx/.dockerignore': IGNORE, 'dist/dev/compose.yaml': 'services:\n  a:\n    build:\n      context: ../../ctx\n      dockerfile_inline: |\n        FROM alpine:3.20\n        MAINTAINER me\n        USER 1:1\n        CMD ["sh"]\n' });
    expect(lines(root)).toEqual(['dist/dev/compose.yaml#services.a.build.dockerfile_inline:2: no-maintainer: warning']);
  });

  test('dist/ without build sections lints nothing', () => {
    const report = lintDockerfiles('dist', { cwd: project({ 'dist/dev/compose.yaml': 'services:\n  db:\n    image: postgres:16.4\n' }) });
    expect(report).toEqual({ dockerfiles: [], findings: [], suppressed: [], notes: [], errors: 0, warnings: 0 });
  });
});

describe('severities per environment', () => {
  const root = project({
    'app/.dockerignore': IGNORE,
    'app/Dockerfile': `FROM node:22.11.0-alpine@${DIGEST}\nRUN npm config set fund false\nRUN npm ci\nUSER 10001:10001\nCMD ["node"]\n`,
    'dist/dev/compose.yaml': 'services:\n  app:\n    build: ../../app\n',
    'dist/prod/compose.yaml': 'services:\n  app:\n    build: ../../app\n',
  });

  test('a rule off in dev is left out there and reported for prod only', () => {
    const [finding] = lintDockerfiles('dist', { cwd: root }).findings;
    expect(finding).toMatchObject({ rule: 'chain-run', severity: 'warning', uses: [{ service: 'app', environment: 'prod', severity: 'warning' }] });
    expect(lintDockerfiles('dist', { cwd: root, environment: 'dev' }).findings).toEqual([]);
  });
});

describe('suppressions', () => {
  const lint = (dockerfile: string) => lintDockerfiles('dist', {
    cwd: project({ 'app/Dockerfile': dockerfile, 'app/.dockerignore': IGNORE, 'dist/prod/compose.yaml': 'services:\n  app:\n    build: ../../app\n' }),
  });

  test('a suppression on the line before the first instruction covers findings about the whole file', () => {
    const report = lintDockerfiles('dist', {
      cwd: project({ 'app/Dockerfile': `# twinstack-lint ignore=dockerignore reason="the context is a generated folder with only the binary"\n${CLEAN}`, 'dist/prod/compose.yaml': 'services:\n  app:\n    build: ../../app\n' }),
    });
    expect(report.findings).toEqual([]);
    expect(report.suppressed.map(s => [s.line, s.rule, s.reason])).toEqual([[2, 'dockerignore', 'the context is a generated folder with only the binary']]);
  });

  test('one comment may name several rules', () => {
    const report = lint(`FROM node:22.11.0-alpine@${DIGEST}\nUSER 10001:10001\n# twinstack-lint ignore=exec-form-cmd,no-maintainer reason="legacy image, replaced in Q3"\nCMD node server.js\n`);
    expect(report.findings).toEqual([]);
    expect(report.suppressed.map(s => s.rule)).toEqual(['exec-form-cmd']);
  });

  test('an unknown rule, no rule, or no reason is an error and suppresses nothing; an unused one is a note', () => {
    const report = lint(`FROM node:22.11.0-alpine@${DIGEST}\n# twinstack-lint ignore=exec-form reason="typo"\n# twinstack-lint reason="no rule"\nUSER 10001:10001\n# twinstack-lint ignore=chain-run reason="nothing to suppress"\nCMD ["node"]\n`);
    expect(report.findings.map(f => `${f.line}: ${f.rule}: ${f.message}`)).toEqual([
      '2: suppression: the suppression names exec-form, which is not a rule, so it suppresses nothing',
      '3: suppression: the suppression names no rule (ignore=<rule>), so it suppresses nothing',
    ]);
    expect(report.notes.map(n => `${n.line}: ${n.rule}: ${n.message}`)).toEqual(['5: suppression: the suppression of chain-run matches no finding on line 6']);
  });
});

describe('rules on cases the fixtures do not show', () => {
  const lint = (dockerfile: string, service = '', ignore: string | undefined = IGNORE) => lintDockerfiles('dist', {
    cwd: project({ 'app/Dockerfile': dockerfile, ...(ignore !== undefined ? { 'app/.dockerignore': ignore } : {}), 'dist/prod/compose.yaml': `services:\n  app:\n    build: ../../app\n${service}` }),
  });
  const messages = (report: ReturnType<typeof lint>) => [...report.findings, ...report.notes].map(f => `${f.rule}: ${f.message}`);

  test('a .dockerignore that misses node_modules, and one that excludes everything but src', () => {
    expect(messages(lint(CLEAN, '', '.git\n'))).toEqual(['dockerignore: app/.dockerignore does not exclude node_modules: it is sent to the builder, and COPY . copies it into the image']);
    expect(messages(lint(CLEAN, '', '*\n!src\n'))).toEqual([]);
    expect(messages(lint(CLEAN, '', '**/.git\n/node_modules/\n!.git/HEAD\n'))).toEqual([]);
    expect(messages(lint(CLEAN, '', '.git\nnode_modules\n!node_modules\n'))).toEqual(['dockerignore: app/.dockerignore does not exclude node_modules: it is sent to the builder, and COPY . copies it into the image']);
  });

  test('USER root and USER 0 run as root', () => {
    expect(messages(lint(`FROM node:22.11.0-alpine@${DIGEST}\nUSER 0:0\nCMD ["node"]\n`))).toEqual(['non-root-user: USER 0:0 is root: the container runs as root']);
  });

  test('a USER name against a numeric service user cannot be checked, and says so', () => {
    expect(messages(lint(`FROM node:22.11.0-alpine@${DIGEST}\nUSER node\nCMD ["node"]\n`, '    user: "10001:10001"\n'))).toEqual([
      'user-matches-service: USER node and the user app in prod runs as (user: "10001:10001") mix a name and a number for the user: a name maps to an id only in the image\'s /etc/passwd, so they cannot be compared here',
    ]);
    expect(messages(lint(`FROM node:22.11.0-alpine@${DIGEST}\nUSER node:node\nCMD ["node"]\n`, '    user: node\n'))).toEqual([]);
  });

  test('a FROM whose build arg has no value is a note, not a guess', () => {
    expect(messages(lint(`ARG TAG\nFROM node:\${TAG}\nUSER 1:1\nCMD ["node"]\n`))).toEqual([
      'base-image-tag: FROM node:${TAG}: build arg TAG has no default and no build.args value, so the base image cannot be checked',
    ]);
  });

  test('the install after COPY . . is found in pip, go and the others, and an install before it keeps the rule quiet', () => {
    expect(messages(lint(`FROM python:3.12.7-slim@${DIGEST}\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nUSER 1:1\nCMD ["python", "app.py"]\n`))).toEqual([
      'manifests-before-source: COPY . . copies the whole source before pip install on line 4: any change to any file re-runs the install',
    ]);
    expect(messages(lint(`FROM python:3.12.7-slim@${DIGEST}\nWORKDIR /code\nADD . /code\nRUN pip install -r requirements.txt\nUSER 1:1\nCMD ["uwsgi", "uwsgi.ini"]\n`))).toEqual([
      'copy-not-add: ADD . copies local content; ADD would also fetch URLs and unpack archives, COPY says only what happens',
      'manifests-before-source: ADD . /code copies the whole source before pip install on line 4: any change to any file re-runs the install',
    ]);
    expect(messages(lint(`FROM golang:1.23.4@${DIGEST}\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go mod download && go build -o /s\nUSER 1:1\nCMD ["/s"]\n`))).toEqual([]);
  });

  test('ENV in the old space form and several properties on one line: only secret names with values, never the value', () => {
    const report = lint(`FROM node:22.11.0-alpine@${DIGEST}\nENV DB_PASSWORD hunter2\nENV A=1 GITHUB_TOKEN= SESSION_SECRET=s3cret\nUSER 1:1\nCMD ["node"]\n`);
    expect(messages(report)).toEqual([
      'no-secrets-in-env-arg: ENV DB_PASSWORD has a value in the Dockerfile: it is stored in the image\'s configuration, readable by anyone who can pull it',
      'no-secrets-in-env-arg: ENV SESSION_SECRET has a value in the Dockerfile: it is stored in the image\'s configuration, readable by anyone who can pull it',
    ]);
    expect(JSON.stringify(report)).not.toMatch(/hunter2|s3cret/);
  });
});
