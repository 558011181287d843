import { DockerfileRule, tiers } from '../rule';
import { builtStage } from '../stages';
import { firstLine } from './_lines';

export const buildTarget: DockerfileRule = {
  id: 'build-target',
  summary: 'a build\'s `target` names a stage of the Dockerfile',
  rationale: 'A target that is not a stage fails `docker compose build`, in whichever environment builds it, after the context has been sent.',
  fix: 'name an existing stage in `build.target`, or add `FROM … AS <target>`',
  severity: tiers('error', 'error', 'error'),
  check(subject) {
    const names = subject.stages.flatMap(s => (s.name ? [s.name] : []));
    return subject.uses.filter(use => use.target !== undefined && builtStage(subject.stages, use.target) === undefined).map(use => ({
      line: firstLine(subject), uses: [use],
      message: `${use.service} in ${use.environment} builds target ${JSON.stringify(use.target)}, which is not a stage of this Dockerfile (stages: ${names.length > 0 ? names.join(', ') : 'none named'})`,
      fix: names.length > 0 ? `build.target: ${names[names.length - 1]}, or add FROM … AS ${use.target}` : `add FROM … AS ${use.target}, or remove build.target`,
    }));
  },
};
