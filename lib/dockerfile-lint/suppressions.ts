import { Dockerfile } from 'dockerfile-ast';
import { lineOf } from './stages';

/** One `# twinstack-lint ignore=<rules> reason="…"` comment and the line of the instruction it applies to. */
export interface Suppression {
  /** 1-based line of the comment */
  readonly line: number;
  /** 1-based line of the next instruction @default - none follows */
  readonly appliesTo?: number;
  readonly rules: readonly string[];
  /** @default - none given: the suppression is an error and suppresses nothing */
  readonly reason?: string;
}

const MARKER = 'twinstack-lint';

/** The suppression comments of a Dockerfile, in line order. */
export function suppressionsOf(dockerfile: Dockerfile): Suppression[] {
  const instructions = dockerfile.getInstructions();
  // on the first lines the parser reads `# twinstack-lint ignore=…` as a parser directive, not a comment
  const comments = [
    ...dockerfile.getDirectives().map(d => ({ line: lineOf(d), text: d.getTextContent().trim().replace(/^#/, '').trim() })),
    ...dockerfile.getComments().map(c => ({ line: lineOf(c), text: c.getContent().trim() })),
  ];
  return comments.sort((a, b) => a.line - b.line).flatMap(({ line, text }) => {
    if (!text.startsWith(MARKER)) return [];
    const next = instructions.find(i => lineOf(i) > line);
    const rules = /(?:^|\s)ignore=([^\s]*)/.exec(text)?.[1]?.split(',').filter(r => r !== '') ?? [];
    const reason = /(?:^|\s)reason="([^"]*)"/.exec(text)?.[1]?.trim();
    return [{ line, ...(next ? { appliesTo: lineOf(next) } : {}), rules, ...(reason ? { reason } : {}) }];
  });
}
