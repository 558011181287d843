import { lineOf } from '../stages';
import { LintSubject } from '../rule';

/** Where findings about the whole Dockerfile go: its first instruction, so a suppression can sit on the line before. */
export function firstLine(subject: LintSubject): number {
  const first = subject.dockerfile.getInstructions()[0];
  return first ? lineOf(first) : 1;
}
