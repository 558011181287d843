import { isAptInstall, isAptUpdate } from '../shell';
import { DockerfileRule, tiers } from '../rule';
import { lineOf } from '../stages';
import { runsOf } from './_runs';

export const aptUpdateWithInstall: DockerfileRule = {
  id: 'apt-update-with-install',
  summary: '`apt-get update` runs in the same RUN as the `apt-get install` it serves',
  rationale: 'A RUN of its own is cached as a layer: later builds reuse its old package lists, so a changed `apt-get install` line installs stale versions or fails on ones the mirror no longer has.',
  fix: 'one RUN: `apt-get update && apt-get install -y --no-install-recommends <packages> && rm -rf /var/lib/apt/lists/*`',
  severity: tiers('warning', 'error', 'error'),
  check(subject) {
    return runsOf(subject).filter(({ commands }) => commands.some(isAptUpdate) && !commands.some(isAptInstall)).map(({ run }) => ({
      line: lineOf(run),
      message: 'apt-get update runs in a RUN without apt-get install: its layer is cached, so a later install reads stale package lists',
      fix: 'move it into the RUN that installs: RUN apt-get update && apt-get install -y --no-install-recommends <packages> && rm -rf /var/lib/apt/lists/*',
    }));
  },
};
