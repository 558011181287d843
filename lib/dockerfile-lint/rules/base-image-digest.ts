import { baseImages } from '../base-images';
import { parseImageRef } from '../image-ref';
import { DockerfileRule, RuleFinding, tiers } from '../rule';

export const baseImageDigest: DockerfileRule = {
  id: 'base-image-digest',
  summary: 'a prod build pins each base image by digest',
  rationale: 'A version tag can be pushed again (every patch release of `node:22-alpine` moves it), so two builds of one commit can differ. A digest names exactly one image; a tool such as Renovate or Dependabot keeps it current. A base without a tag at all is `base-image-tag`\'s finding, not this one.',
  fix: 'append the digest of the tag: `FROM node:22.11-alpine@sha256:<digest>` (`docker buildx imagetools inspect node:22.11-alpine` prints it)',
  severity: tiers('off', 'warning', 'error'),
  check(subject) {
    return baseImages(subject).flatMap((base): RuleFinding[] => {
      if (base.image === undefined) return [];
      const ref = parseImageRef(base.image);
      if (ref.digest !== undefined || ref.tag === undefined || ref.tag === 'latest') return [];
      return [{
        line: base.line, uses: base.uses,
        message: `FROM ${base.image} has no digest: the tag can be pushed again, so two builds of one commit may differ`,
        fix: `FROM ${base.image}@sha256:<digest> (docker buildx imagetools inspect ${base.image} prints it)`,
      }];
    });
  },
};
