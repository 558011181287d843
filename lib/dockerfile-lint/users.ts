import { Instruction } from 'dockerfile-ast';
import { DockerfileUse, LintSubject } from './rule';
import { builtStage, expandVariables, lineage, Stage } from './stages';

/** A stage a use builds, with the uses that build it. */
export interface BuiltStage {
  readonly stage: Stage;
  readonly uses: readonly DockerfileUse[];
}

/** The stages the uses build (their `target`, else the last), each once; uses whose target names no stage are left out. */
export function builtStages(subject: LintSubject): BuiltStage[] {
  const byStage = new Map<Stage, DockerfileUse[]>();
  for (const use of subject.uses) {
    const stage = builtStage(subject.stages, use.target);
    if (stage) byStage.set(stage, [...(byStage.get(stage) ?? []), use]);
  }
  return [...byStage].map(([stage, uses]) => ({ stage, uses })).sort((a, b) => a.stage.index - b.stage.index);
}

/** The USER in effect at the end of a stage: its last, else the last of the stage it starts from. */
export function effectiveUser(stage: Stage): Instruction | undefined {
  for (const s of lineage(stage)) {
    const users = s.instructions.filter(i => i.getKeyword() === 'USER');
    if (users.length > 0) return users[users.length - 1];
  }
  return undefined;
}

/** `user[:group]` split; a value in `${ARG}` form with the use's build args or the ARG's default substituted. */
export function userSpec(text: string, subject: LintSubject, use: DockerfileUse): { user: string; group?: string } | { missing: string } {
  const expanded = expandVariables(text, subject.dockerfile.getARGs(), use.args);
  if (!('text' in expanded)) return expanded;
  const [user, group] = expanded.text.split(':');
  return { user: user!, ...(group !== undefined ? { group } : {}) };
}

export function isRoot(user: string): boolean {
  return user === 'root' || user === '0';
}

export function isNumeric(id: string): boolean {
  return /^[0-9]+$/.test(id);
}
