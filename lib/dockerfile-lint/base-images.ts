import { DockerfileUse, LintSubject } from './rule';
import { expandImage, lineOf, Stage } from './stages';

/** A stage's base image as one group of uses builds it (uses with the same build args see the same FROM). */
export interface BaseImage {
  readonly stage: Stage;
  readonly line: number;
  /** the FROM as written */
  readonly written: string;
  /** with build args substituted @default - a build arg has no value */
  readonly image?: string;
  /** the build arg without a value */
  readonly missing?: string;
  readonly uses: readonly DockerfileUse[];
}

/** Every FROM that names an image (not `scratch`, not an earlier stage), once per distinct set of build args. */
export function baseImages(subject: LintSubject): BaseImage[] {
  const groups = new Map<string, DockerfileUse[]>();
  for (const use of subject.uses) {
    const key = JSON.stringify(Object.entries(use.args).sort());
    groups.set(key, [...(groups.get(key) ?? []), use]);
  }
  const result = new Map<string, BaseImage>();
  for (const stage of subject.stages) {
    const written = stage.from.getImage() ?? '';
    if (stage.parent || written.toLowerCase() === 'scratch') continue;
    for (const uses of groups.values()) {
      const expanded = expandImage(subject.dockerfile, stage.from, uses[0]!.args);
      if ('image' in expanded && (expanded.image.toLowerCase() === 'scratch' || subject.stages.some(s => s.index < stage.index && s.name === expanded.image.toLowerCase()))) continue;
      const key = `${stage.index} ${JSON.stringify(expanded)}`;
      const known = result.get(key);
      result.set(key, { stage, line: lineOf(stage.from), written, ...expanded, uses: [...(known?.uses ?? []), ...uses] });
    }
  }
  return [...result.values()];
}
