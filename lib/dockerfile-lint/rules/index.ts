import { LintRule, DockerfileRule, tiers } from '../rule';
import { aptListsRemoved } from './apt-lists-removed';
import { aptNoInstallRecommends } from './apt-no-install-recommends';
import { aptUpdateWithInstall } from './apt-update-with-install';
import { baseImageDigest } from './base-image-digest';
import { baseImageTag } from './base-image-tag';
import { buildTarget } from './build-target';
import { chainRun } from './chain-run';
import { copyNotAdd } from './copy-not-add';
import { dockerignore } from './dockerignore';
import { execFormCmd } from './exec-form-cmd';
import { manifestsBeforeSource } from './manifests-before-source';
import { noMaintainer } from './no-maintainer';
import { noSecretsInEnvArg } from './no-secrets-in-env-arg';
import { nonRootUser } from './non-root-user';
import { officialBaseImage } from './official-base-image';
import { userMatchesService } from './user-matches-service';

/** The rules that read a Dockerfile, in the order the docs list them. */
export const DOCKERFILE_RULES: readonly DockerfileRule[] = [
  dockerignore, baseImageTag, baseImageDigest, officialBaseImage, aptUpdateWithInstall, aptListsRemoved, aptNoInstallRecommends,
  copyNotAdd, chainRun, manifestsBeforeSource, nonRootUser, userMatchesService, noMaintainer, execFormCmd, noSecretsInEnvArg,
  buildTarget,
];

/** Reported by the lint itself, before a Dockerfile is parsed: the build's context or Dockerfile is missing. */
export const BUILD_SOURCE: LintRule = {
  id: 'build-source',
  summary: 'every `build:` names a context folder and a Dockerfile that exist',
  rationale: 'A missing context or Dockerfile fails `docker compose build`; the lint reports it against the Compose file. The Compose Specification resolves `context` from the Compose file\'s folder and `dockerfile` from the context. A context that is a URL (a git repository) is not read, and is listed as a note.',
  fix: 'point `build.context` at the folder the image is built from and `build.dockerfile` at its Dockerfile, relative to the context',
  severity: tiers('error', 'error', 'error'),
};

/** Reported by the lint itself: a suppression comment that names no rule or gives no reason. */
export const SUPPRESSION: LintRule = {
  id: 'suppression',
  summary: 'a suppression names known rules and gives a reason',
  rationale: 'A suppression is a decision a reviewer should be able to read: `# twinstack-lint ignore=<rule>[,<rule>] reason="<why>"` on the line before the instruction (before the first instruction for findings about the whole file). Without a reason, or naming an unknown rule, it suppresses nothing.',
  fix: 'write `# twinstack-lint ignore=<rule> reason="<why this is fine here>"`',
  severity: tiers('error', 'error', 'error'),
};

/** Every rule the lint reports, for the docs and the fixtures. */
export const LINT_RULES: readonly LintRule[] = [BUILD_SOURCE, ...DOCKERFILE_RULES, SUPPRESSION];
