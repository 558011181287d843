import { baseImages } from '../base-images';
import { onDockerHub, parseImageRef } from '../image-ref';
import { OFFICIAL_IMAGES, VERIFIED_PUBLISHERS } from '../official-images';
import { DockerfileRule, RuleFinding, tiers } from '../rule';

export const officialBaseImage: DockerfileRule = {
  id: 'official-base-image',
  summary: 'a base image that has a Docker Official Image is that image (or one from a Docker Verified Publisher)',
  rationale: 'Docker Official Images are reviewed, rebuilt for security fixes and documented; `someuser/node` is whatever its owner last pushed. The rule knows a small vendored list of official names and verified publishers, and leaves images of other registries alone.',
  fix: 'use the official image (`FROM node:<version>`), or an image of a Docker Verified Publisher',
  severity: tiers('warning', 'warning', 'error'),
  check(subject) {
    return baseImages(subject).flatMap((base): RuleFinding[] => {
      if (base.image === undefined) return [];
      const ref = parseImageRef(base.image);
      const parts = ref.name.split('/');
      const official = parts[parts.length - 1]!;
      if (!onDockerHub(ref) || parts.length < 2 || parts[0] === 'library' || VERIFIED_PUBLISHERS.has(parts[0]!) || !OFFICIAL_IMAGES.has(official)) return [];
      return [{
        line: base.line, uses: base.uses,
        message: `FROM ${base.image}: ${official} is a Docker Official Image and ${ref.name} is not; nobody but its owner reviews what it ships`,
        fix: `FROM ${official}:${ref.tag ?? '<version>'}@sha256:<digest of the official image> (or an image of a Docker Verified Publisher)`,
      }];
    });
  },
};
