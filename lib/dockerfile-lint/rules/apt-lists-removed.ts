import { Run } from 'dockerfile-ast';
import { isAptInstall } from '../shell';
import { DockerfileRule, tiers } from '../rule';
import { lineOf } from '../stages';
import { runsOf } from './_runs';

export const aptListsRemoved: DockerfileRule = {
  id: 'apt-lists-removed',
  summary: 'a RUN that runs `apt-get install` removes the package lists in the same RUN',
  rationale: '`apt-get update` writes tens of megabytes to /var/lib/apt/lists; unless the same RUN deletes them they stay in the layer for good (a later RUN cannot shrink it). A RUN that mounts a cache at /var/lib/apt keeps them out of the layer anyway.',
  fix: 'end the RUN with `&& rm -rf /var/lib/apt/lists/*`, or mount a cache: `RUN --mount=type=cache,target=/var/lib/apt …`',
  severity: tiers('warning', 'warning', 'error'),
  check(subject) {
    return runsOf(subject)
      .filter(({ run, commands }) => commands.some(isAptInstall) && !removesLists(commands) && !cachesApt(run as Run))
      .map(({ run }) => ({
        line: lineOf(run),
        message: 'apt-get install leaves the package lists (/var/lib/apt/lists) in the layer',
        fix: 'end the same RUN with && rm -rf /var/lib/apt/lists/*',
      }));
  },
};

function removesLists(commands: readonly string[][]): boolean {
  return commands.some(words => words[0] === 'rm' && words.some(w => w.startsWith('/var/lib/apt/lists')));
}

function cachesApt(run: Run): boolean {
  return run.getFlags().some(flag => flag.getName() === 'mount' && flag.getOptions().some(o => ['target', 'dst', 'destination'].includes(o.getName()) && (o.getValue() ?? '').replace(/\/+$/, '').startsWith('/var/lib/apt')));
}
