import { Add } from 'dockerfile-ast';
import { DockerfileRule, tiers } from '../rule';
import { lineOf, operands } from '../stages';

const ARCHIVE = ['.tar', '.tar.gz', '.tgz', '.tar.bz2', '.tbz', '.tbz2', '.tar.xz', '.txz', '.tar.zst'];

export const copyNotAdd: DockerfileRule = {
  id: 'copy-not-add',
  summary: '`COPY` copies local files; `ADD` only fetches a URL or unpacks a local tar archive',
  rationale: 'ADD also downloads URLs and unpacks archives, so a reader cannot tell from `ADD app.js /app/` that nothing else happens, and a file renamed to `.tar` is suddenly unpacked. COPY does one thing.',
  fix: 'write `COPY` instead of `ADD` for local files and folders',
  severity: tiers('warning', 'warning', 'error'),
  check(subject) {
    return subject.dockerfile.getInstructions().filter((i): i is Add => i instanceof Add).flatMap(add => {
      const words = operands(add);
      const local = words.slice(0, -1).filter(source => !isRemote(source) && !ARCHIVE.some(ext => source.toLowerCase().endsWith(ext)));
      if (local.length === 0 || add.getFlags().some(f => f.getName() === 'checksum' || f.getName() === 'keep-git-dir')) return [];
      const flags = add.getFlags().map(f => `${f} `).join('');
      return [{
        line: lineOf(add),
        message: `ADD ${local.join(' ')} copies local ${local.length === 1 ? 'content' : 'contents'}; ADD would also fetch URLs and unpack archives, COPY says only what happens`,
        fix: `COPY ${flags}${words.join(' ')}`,
      }];
    });
  },
};

function isRemote(source: string): boolean {
  return /^(https?|git):\/\//.test(source) || source.startsWith('git@');
}
