import { isAptInstall } from '../shell';
import { DockerfileRule, tiers } from '../rule';
import { lineOf } from '../stages';
import { runsOf } from './_runs';

export const aptNoInstallRecommends: DockerfileRule = {
  id: 'apt-no-install-recommends',
  summary: '`apt-get install` passes `--no-install-recommends`',
  rationale: 'Without it apt also installs every recommended package: often twice the size, and more packages to patch when a CVE is published.',
  fix: '`apt-get install -y --no-install-recommends <packages>`',
  severity: tiers('warning', 'warning', 'error'),
  check(subject) {
    return runsOf(subject).flatMap(({ run, commands }) => commands
      .filter(words => isAptInstall(words) && !words.includes('--no-install-recommends') && !words.some(w => /^APT::Install-Recommends=(false|0)$/i.test(w)))
      .slice(0, 1)
      .map(words => ({
        line: lineOf(run),
        message: `${words[0]} install without --no-install-recommends also installs the recommended packages`,
        fix: `${words[0]} install -y --no-install-recommends <packages>`,
      })));
  },
};
