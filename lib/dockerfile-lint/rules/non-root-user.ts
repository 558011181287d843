import { DockerfileRule, RuleFinding, tiers } from '../rule';
import { lineOf } from '../stages';
import { builtStages, effectiveUser, isRoot, userSpec } from '../users';

export const nonRootUser: DockerfileRule = {
  id: 'non-root-user',
  summary: 'the stage a service runs ends with a `USER` that is not root',
  rationale: 'Without USER the container runs as the base image\'s user, root for nearly all of them: a process that breaks out of the application owns the container and whatever it mounts. Kubernetes\' `runAsNonRoot` refuses such an image unless a user is forced on it. The stage checked is the build\'s `target`, else the last.',
  fix: 'create a user and end the stage with it: `RUN useradd --uid 10001 app` … `USER 10001:10001` (numeric, so Kubernetes can check it is not root)',
  severity: tiers('warning', 'error', 'error'),
  check(subject) {
    return builtStages(subject).flatMap(({ stage, uses }): RuleFinding[] => {
      const user = effectiveUser(stage);
      const name = stage.name ? `stage ${stage.name}` : 'the last stage';
      if (user === undefined) {
        return [{
          line: lineOf(stage.from), uses,
          message: `${name} has no USER: the container runs as the base image's user, root for most images`,
          fix: 'end the stage with a numeric non-root user: USER 10001:10001 (create it with useradd or adduser if the image lacks it)',
        }];
      }
      const spec = userSpec(user.getArgumentsContent() ?? '', subject, uses[0]!);
      if (!('user' in spec) || !isRoot(spec.user)) return [];
      return [{
        line: lineOf(user), uses,
        message: `USER ${user.getArgumentsContent()} is root: the container runs as root`,
        fix: 'switch to a numeric non-root user at the end of the stage: USER 10001:10001',
      }];
    });
  },
};
