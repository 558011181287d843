import { DockerfileRule, tiers } from '../rule';
import { lineOf } from '../stages';

export const noMaintainer: DockerfileRule = {
  id: 'no-maintainer',
  summary: 'no `MAINTAINER` (deprecated); the author is a label',
  rationale: 'MAINTAINER has been deprecated since Docker 1.13; the OCI annotation `org.opencontainers.image.authors` is what registries and scanners read.',
  fix: '`LABEL org.opencontainers.image.authors="<name or e-mail>"`',
  severity: tiers('warning', 'warning', 'warning'),
  check(subject) {
    return subject.dockerfile.getInstructions().filter(i => i.getKeyword() === 'MAINTAINER').map(instruction => ({
      line: lineOf(instruction),
      message: 'MAINTAINER is deprecated',
      fix: `LABEL org.opencontainers.image.authors=${JSON.stringify(instruction.getArgumentsContent() ?? '')}`,
    }));
  },
};
