import { Run } from 'dockerfile-ast';
import { DockerfileRule, tiers } from '../rule';
import { isExecForm, lineOf } from '../stages';

export const chainRun: DockerfileRule = {
  id: 'chain-run',
  summary: 'consecutive RUN steps with the same flags are one RUN',
  rationale: 'Each RUN is a layer: files a later RUN deletes still ship in the earlier one, and a long chain of small layers is slower to pull. Off in dev, where separate steps cache better while a Dockerfile is being written.',
  fix: 'join them with `&&` (a `\\` at the end of a line continues it)',
  severity: tiers('off', 'warning', 'warning'),
  check(subject) {
    return subject.stages.flatMap(stage => stage.instructions.flatMap((instruction, i) => {
      const previous = stage.instructions[i - 1];
      if (!(instruction instanceof Run && previous instanceof Run) || isExecForm(instruction) || isExecForm(previous)) return [];
      if (flagsOf(instruction) !== flagsOf(previous)) return [];
      return [{
        line: lineOf(instruction),
        message: `RUN follows the RUN on line ${lineOf(previous)} with the same flags: each RUN adds a layer`,
        fix: `append it to the RUN on line ${lineOf(previous)} with && (a \\ at the end of a line continues it)`,
      }];
    }));
  },
};

function flagsOf(run: Run): string {
  return run.getFlags().map(String).sort().join(' ');
}
