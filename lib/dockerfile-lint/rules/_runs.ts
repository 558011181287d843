import { Instruction, Run } from 'dockerfile-ast';
import { commandsOf } from '../shell';
import { LintSubject } from '../rule';

/** Every RUN of the Dockerfile with its simple commands. */
export function runsOf(subject: LintSubject): { run: Instruction; commands: string[][] }[] {
  return subject.dockerfile.getInstructions().filter(i => i instanceof Run).map(run => ({ run, commands: commandsOf(run) }));
}
