import { DockerfileUse, DockerfileRule, RuleFinding, tiers } from '../rule';
import { lineOf } from '../stages';
import { builtStages, effectiveUser, isNumeric, userSpec } from '../users';

export const userMatchesService: DockerfileRule = {
  id: 'user-matches-service',
  summary: 'the image\'s `USER` is the user the service declares (Compose `user:`)',
  rationale: 'The declared user wins at run time, so an image that prepares its files for another user (`chown`, a home folder, a writable cache) fails with permission errors on them. Numbers are compared with numbers and names with names; a name against a number cannot be checked without the image\'s /etc/passwd, and is reported as a note.',
  fix: 'make them the same, in numbers: `USER 10001:10001` in the Dockerfile and the same uid:gid on the service',
  severity: tiers('warning', 'error', 'error'),
  check(subject) {
    return builtStages(subject).flatMap(({ stage, uses }) => {
      const user = effectiveUser(stage);
      if (user === undefined) return [];
      const written = user.getArgumentsContent() ?? '';
      return uses.filter(use => use.user !== undefined).flatMap((use): RuleFinding[] => compare(subject, written, use, lineOf(user)));
    });
  },
};

function compare(subject: Parameters<DockerfileRule['check']>[0], written: string, use: DockerfileUse, line: number): RuleFinding[] {
  const image = userSpec(written, subject, use);
  const [declaredUser, declaredGroup] = use.user!.split(':') as [string, string | undefined];
  const who = `${use.service} in ${use.environment}`;
  if (!('user' in image)) {
    return [{ line, uses: [use], unchecked: true, message: `USER ${written}: build arg ${image.missing} has no value, so it cannot be compared with the user ${who} runs as (${use.user})`, fix: `give ARG ${image.missing} a default or set it in build.args` }];
  }
  const pairs: [string, string | undefined, string][] = [[image.user, declaredUser, 'user'], [image.group ?? '', declaredGroup, 'group']];
  const unchecked: string[] = [];
  for (const [mine, theirs, what] of pairs) {
    if (mine === '' || theirs === undefined || theirs === '') continue;
    if (isNumeric(mine) !== isNumeric(theirs)) {
      unchecked.push(what);
      continue;
    }
    if ((isNumeric(mine) ? Number(mine) !== Number(theirs) : mine !== theirs)) {
      return [{
        line, uses: [use],
        message: `USER ${written} is not the user ${who} runs as (user: "${use.user}"): files the image prepares for its user are not the service's`,
        fix: `make them the same: USER ${use.user} here, or user: "${written}" on the service`,
      }];
    }
  }
  if (unchecked.length === 0) return [];
  return [{
    line, uses: [use], unchecked: true,
    message: `USER ${written} and the user ${who} runs as (user: "${use.user}") mix a name and a number for the ${unchecked.join(' and ')}: a name maps to an id only in the image's /etc/passwd, so they cannot be compared here`,
    fix: `write numbers in both: USER <uid>:<gid> and user: "<uid>:<gid>"`,
  }];
}
