import { Arg, Dockerfile, From, Instruction, JSONInstruction } from 'dockerfile-ast';

/** One build stage: its FROM and the instructions up to the next FROM. */
export interface Stage {
  readonly index: number;
  /** `AS <name>`, lowercased as BuildKit compares it @default - unnamed */
  readonly name?: string;
  readonly from: From;
  readonly instructions: readonly Instruction[];
  /** the earlier stage it starts from (`FROM build`) @default - an image */
  readonly parent?: Stage;
}

/** The stages of a Dockerfile, in order. */
export function stagesOf(dockerfile: Dockerfile): Stage[] {
  const stages: Stage[] = [];
  let current: { from: From; instructions: Instruction[] } | undefined;
  const close = () => {
    if (!current) return;
    const name = current.from.getBuildStage()?.toLowerCase();
    const parent = stages.find(s => s.name !== undefined && s.name === current!.from.getImage()?.toLowerCase());
    stages.push({ index: stages.length, ...(name ? { name } : {}), from: current.from, instructions: current.instructions, ...(parent ? { parent } : {}) });
  };
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction instanceof From) {
      close();
      current = { from: instruction, instructions: [] };
    } else {
      current?.instructions.push(instruction);
    }
  }
  close();
  return stages;
}

/** The stage a build produces: its `target`, else the last one; undefined when the target names no stage. */
export function builtStage(stages: readonly Stage[], target: string | undefined): Stage | undefined {
  if (target === undefined) return stages[stages.length - 1];
  return stages.find(s => s.name === target.toLowerCase());
}

/** The stage and the ones it starts from, nearest first. */
export function lineage(stage: Stage): Stage[] {
  return stage.parent ? [stage, ...lineage(stage.parent)] : [stage];
}

/** The operands of an instruction, flags left out: the JSON array's strings in exec form, else the words. */
export function operands(instruction: Instruction): string[] {
  if (instruction instanceof JSONInstruction && instruction.getOpeningBracket() !== null) {
    return instruction.getJSONStrings().map(s => s.getJSONValue());
  }
  return instruction.getArguments().map(a => a.getValue());
}

/** Whether an instruction is written in exec (JSON array) form. */
export function isExecForm(instruction: Instruction): boolean {
  return instruction instanceof JSONInstruction && instruction.getOpeningBracket() !== null && instruction.getClosingBracket() !== null;
}

/** The 1-based line an instruction starts on. */
export function lineOf(instruction: { getRange(): { start: { line: number } } }): number {
  return instruction.getRange().start.line + 1;
}

/**
 * A FROM's image with build args substituted: the use's `build.args`, else the default of an ARG before the
 * first FROM (the only ones a FROM sees). `missing` names the first variable that has neither.
 */
export function expandImage(dockerfile: Dockerfile, from: From, args: Readonly<Record<string, string>>): { image: string } | { missing: string } {
  const expanded = expandVariables(from.getImage() ?? '', dockerfile.getInitialARGs(), args);
  return 'text' in expanded ? { image: expanded.text } : expanded;
}

/**
 * Substitutes `${NAME}`, `$NAME`, `${NAME:-default}` and `${NAME:+alt}` in an instruction's text with build
 * args, else the ARGs' defaults; `missing` names the first variable that has neither.
 */
export function expandVariables(text: string, declared: readonly Arg[], args: Readonly<Record<string, string>>): { text: string } | { missing: string } {
  const defaults = new Map<string, string>();
  for (const arg of declared) {
    const property = arg.getProperty();
    const value = property?.getValue();
    if (property && value !== null && value !== undefined) defaults.set(property.getName(), value);
  }
  let missing: string | undefined;
  const expanded = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_all, braced, modifier, word, bare) => {
    const name: string = braced ?? bare;
    const value = args[name] ?? defaults.get(name);
    if (modifier === '-') return value === undefined || value === '' ? word : value;
    if (modifier === '+') return value === undefined || value === '' ? '' : word;
    if (value === undefined) missing ??= name;
    return value ?? '';
  });
  return missing !== undefined ? { missing } : { text: expanded };
}
