import { Arg, Env } from 'dockerfile-ast';
import { looksSecret } from '../../model/_rules';
import { DockerfileRule, tiers } from '../rule';
import { lineOf } from '../stages';

export const noSecretsInEnvArg: DockerfileRule = {
  id: 'no-secrets-in-env-arg',
  summary: 'no `ENV` or `ARG` with a secret-looking name (PASSWORD, TOKEN, SECRET, …_KEY) and a value',
  rationale: 'ENV values are stored in the image\'s configuration and ARG values in its history (`docker history`): anyone who can pull the image reads them, and they stay in every registry it was pushed to. Names ending in _FILE or _PATH that point at a mounted secret are fine. Messages never repeat the value.',
  fix: 'give the secret at run time (EnvValue.fromSecret, a file under /run/secrets) or to one RUN at build time (`RUN --mount=type=secret,id=<name>`)',
  severity: tiers('error', 'error', 'error'),
  check(subject) {
    return subject.dockerfile.getInstructions().flatMap(instruction => {
      const properties = instruction instanceof Env ? instruction.getProperties() : instruction instanceof Arg ? [instruction.getProperty()].filter(p => p !== null) : [];
      return properties.filter(p => looksSecret(p.getName()) && (p.getValue() ?? '') !== '').map(p => ({
        line: lineOf(instruction),
        message: instruction instanceof Env
          ? `ENV ${p.getName()} has a value in the Dockerfile: it is stored in the image's configuration, readable by anyone who can pull it`
          : `ARG ${p.getName()} has a default value: build args are stored in the image's history (docker history)`,
        fix: instruction instanceof Env
          ? `remove it and give ${p.getName()} at run time from a secret (EnvValue.fromSecret)`
          : `remove the default and read the secret in the one RUN that needs it: RUN --mount=type=secret,id=${p.getName().toLowerCase()} …`,
      }));
    });
  },
};
