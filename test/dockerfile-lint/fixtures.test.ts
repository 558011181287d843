import * as fs from 'fs';
import * as path from 'path';
import { lintDockerfiles, LINT_RULES } from '../../lib/dockerfile-lint';
import { distForFixture, FIXTURES } from './fixture-dist';

const ROOT = path.join(__dirname, '..', '..');
const at = (rule: string, which: 'pass' | 'fail', file = 'Dockerfile') => path.relative(ROOT, path.join(FIXTURES, rule, which, file));

/** Each rule's failing fixture, linted as one prod service: every finding, as `file:line: rule: message`, and its fix. */
const FAILING: Record<string, readonly (readonly [line: string, fix: string])[]> = {
  'build-source': [[
    `{compose}:5: build-source: app in prod builds with the Dockerfile ${at('build-source', 'fail')}, which does not exist (a dockerfile is relative to the context)`,
    'point build.dockerfile at the Dockerfile, relative to build.context',
  ]],
  'dockerignore': [[
    `${at('dockerignore', 'fail')}:1: dockerignore: no .dockerignore in the build context ${path.dirname(at('dockerignore', 'fail'))}: .git, node_modules and local files such as .env are sent to the builder, and COPY . copies them into the image`,
    `add ${at('dockerignore', 'fail', '.dockerignore')} with the lines .git and node_modules`,
  ]],
  'base-image-tag': [
    [`${at('base-image-tag', 'fail')}:1: base-image-tag: FROM golang has no tag, which means golang:latest: it moves, so the same Dockerfile builds another image tomorrow`, 'FROM golang:<version> (and @sha256:<digest> for prod builds)'],
    [`${at('base-image-tag', 'fail')}:6: base-image-tag: FROM alpine:latest follows the moving latest tag: the same Dockerfile builds another image tomorrow`, 'FROM alpine:<version> (and @sha256:<digest> for prod builds)'],
  ],
  'base-image-digest': [
    [`${at('base-image-digest', 'fail')}:1: base-image-digest: FROM node:22.11.0-alpine has no digest: the tag can be pushed again, so two builds of one commit may differ`, 'FROM node:22.11.0-alpine@sha256:<digest> (docker buildx imagetools inspect node:22.11.0-alpine prints it)'],
    [`${at('base-image-digest', 'fail')}:8: base-image-digest: FROM node:22.11.0-alpine has no digest: the tag can be pushed again, so two builds of one commit may differ`, 'FROM node:22.11.0-alpine@sha256:<digest> (docker buildx imagetools inspect node:22.11.0-alpine prints it)'],
  ],
  'official-base-image': [[
    `${at('official-base-image', 'fail')}:1: official-base-image: FROM someuser/node:22@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945: node is a Docker Official Image and someuser/node is not; nobody but its owner reviews what it ships`,
    'FROM node:22@sha256:<digest of the official image> (or an image of a Docker Verified Publisher)',
  ]],
  'apt-update-with-install': [[
    `${at('apt-update-with-install', 'fail')}:2: apt-update-with-install: apt-get update runs in a RUN without apt-get install: its layer is cached, so a later install reads stale package lists`,
    'move it into the RUN that installs: RUN apt-get update && apt-get install -y --no-install-recommends <packages> && rm -rf /var/lib/apt/lists/*',
  ]],
  'apt-lists-removed': [[
    `${at('apt-lists-removed', 'fail')}:2: apt-lists-removed: apt-get install leaves the package lists (/var/lib/apt/lists) in the layer`,
    'end the same RUN with && rm -rf /var/lib/apt/lists/*',
  ]],
  'apt-no-install-recommends': [[
    `${at('apt-no-install-recommends', 'fail')}:2: apt-no-install-recommends: apt-get install without --no-install-recommends also installs the recommended packages`,
    'apt-get install -y --no-install-recommends <packages>',
  ]],
  'copy-not-add': [[
    `${at('copy-not-add', 'fail')}:2: copy-not-add: ADD server.sh copies local content; ADD would also fetch URLs and unpack archives, COPY says only what happens`,
    'COPY server.sh /usr/local/bin/',
  ]],
  'chain-run': [[
    `${at('chain-run', 'fail')}:5: chain-run: RUN follows the RUN on line 4 with the same flags: each RUN adds a layer`,
    'append it to the RUN on line 4 with && (a \\ at the end of a line continues it)',
  ]],
  'manifests-before-source': [[
    `${at('manifests-before-source', 'fail')}:3: manifests-before-source: COPY . . copies the whole source before npm ci on line 4: any change to any file re-runs the install`,
    'COPY package.json package-lock.json ./ and RUN npm ci --omit=dev first, then COPY . .',
  ]],
  'non-root-user': [[
    `${at('non-root-user', 'fail')}:1: non-root-user: the last stage has no USER: the container runs as the base image's user, root for most images`,
    'end the stage with a numeric non-root user: USER 10001:10001 (create it with useradd or adduser if the image lacks it)',
  ]],
  'user-matches-service': [[
    `${at('user-matches-service', 'fail')}:4: user-matches-service: USER 1000:1000 is not the user app in prod runs as (user: "10001:10001"): files the image prepares for its user are not the service's`,
    'make them the same: USER 10001:10001 here, or user: "1000:1000" on the service',
  ]],
  'no-maintainer': [[
    `${at('no-maintainer', 'fail')}:2: no-maintainer: MAINTAINER is deprecated`,
    'LABEL org.opencontainers.image.authors="shop-team@example.com"',
  ]],
  'exec-form-cmd': [[
    `${at('exec-form-cmd', 'fail')}:5: exec-form-cmd: CMD node server.js is in shell form: /bin/sh -c is PID 1 and does not pass SIGTERM on, so the container is killed at the stop timeout instead of shutting down`,
    'CMD ["node", "server.js"]',
  ]],
  'no-secrets-in-env-arg': [
    [`${at('no-secrets-in-env-arg', 'fail')}:2: no-secrets-in-env-arg: ARG NPM_TOKEN has a default value: build args are stored in the image's history (docker history)`, 'remove the default and read the secret in the one RUN that needs it: RUN --mount=type=secret,id=npm_token …'],
    [`${at('no-secrets-in-env-arg', 'fail')}:3: no-secrets-in-env-arg: ENV API_TOKEN has a value in the Dockerfile: it is stored in the image's configuration, readable by anyone who can pull it`, 'remove it and give API_TOKEN at run time from a secret (EnvValue.fromSecret)'],
  ],
  'build-target': [[
    `${at('build-target', 'fail')}:1: build-target: app in prod builds target "development", which is not a stage of this Dockerfile (stages: build, runtime)`,
    'build.target: runtime, or add FROM … AS development',
  ]],
  'suppression': [
    [`${at('suppression', 'fail')}:5: suppression: the suppression of exec-form-cmd gives no reason, so it suppresses nothing`, '# twinstack-lint ignore=exec-form-cmd reason="<why this is fine here>"'],
    [`${at('suppression', 'fail')}:6: exec-form-cmd: CMD node server.js --port $PORT is in shell form: /bin/sh -c is PID 1 and does not pass SIGTERM on, so the container is killed at the stop timeout instead of shutting down`, 'CMD ["node", "server.js", "--port", "$PORT"]'],
  ],
};

function lint(rule: string, which: 'pass' | 'fail') {
  const dist = distForFixture(path.join(FIXTURES, rule, which));
  const report = lintDockerfiles(dist, { cwd: ROOT });
  const compose = path.relative(ROOT, path.join(dist, 'prod', 'compose.yaml'));
  return { report, lines: report.findings.map(f => [`${f.file}:${f.line}: ${f.rule}: ${f.message}`, f.fix] as const), compose };
}

describe('every lint rule has a passing and a failing fixture Dockerfile', () => {
  test('each registered rule has both folders and an expected message, and nothing else is there', () => {
    const ids = LINT_RULES.map(r => r.id).sort();
    expect(fs.readdirSync(FIXTURES).sort()).toEqual(ids);
    for (const id of ids) expect(fs.readdirSync(path.join(FIXTURES, id)).sort()).toEqual(['fail', 'pass']);
    expect(Object.keys(FAILING).sort()).toEqual(ids);
  });

  test.each(LINT_RULES.map(r => r.id))('%s: the passing fixture has no finding and no note in prod', rule => {
    const { report } = lint(rule, 'pass');
    expect(report.findings).toEqual([]);
    expect(report.notes).toEqual([]);
  });

  test.each(LINT_RULES.map(r => r.id))('%s: the failing fixture reports exactly its messages, as errors or warnings in prod', rule => {
    const { lines, compose, report } = lint(rule, 'fail');
    expect(lines).toEqual(FAILING[rule]!.map(([line, fix]) => [line.replace('{compose}', compose), fix]));
    const severity = LINT_RULES.find(r => r.id === rule)!.severity.prod;
    expect(report.findings.filter(f => f.rule === rule).map(f => f.severity)).toEqual(FAILING[rule]!.filter(([line]) => line.includes(`: ${rule}: `)).map(() => severity));
  });
});
