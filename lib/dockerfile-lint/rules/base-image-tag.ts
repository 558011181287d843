import { baseImages } from '../base-images';
import { parseImageRef } from '../image-ref';
import { DockerfileRule, RuleFinding, tiers } from '../rule';

export const baseImageTag: DockerfileRule = {
  id: 'base-image-tag',
  summary: 'every base image names a version: no `latest`, no missing tag',
  rationale: '`latest` (what no tag means) moves: the same Dockerfile builds a different image tomorrow, a rebuild can pull a new major version, and nothing in the repository shows that it changed. `FROM scratch` and `FROM <earlier stage>` are not images and are fine.',
  fix: 'name a version tag (`FROM node:22.11-alpine`), and for prod builds its digest as well',
  severity: tiers('warning', 'error', 'error'),
  check(subject) {
    return baseImages(subject).flatMap((base): RuleFinding[] => {
      if (base.image === undefined) {
        return [{
          line: base.line, uses: base.uses, unchecked: true,
          message: `FROM ${base.written}: build arg ${base.missing} has no default and no build.args value, so the base image cannot be checked`,
          fix: `give ARG ${base.missing} a default before the first FROM, or set it in the service's build.args`,
        }];
      }
      const ref = parseImageRef(base.image);
      if (ref.digest !== undefined || (ref.tag !== undefined && ref.tag !== 'latest')) return [];
      const shown = base.image === base.written ? base.image : `${base.written} (${base.image})`;
      return [{
        line: base.line, uses: base.uses,
        message: ref.tag === undefined
          ? `FROM ${shown} has no tag, which means ${ref.name}:latest: it moves, so the same Dockerfile builds another image tomorrow`
          : `FROM ${shown} follows the moving latest tag: the same Dockerfile builds another image tomorrow`,
        fix: `FROM ${ref.registry ? `${ref.registry}/` : ''}${ref.name}:<version> (and @sha256:<digest> for prod builds)`,
      }];
    });
  },
};
