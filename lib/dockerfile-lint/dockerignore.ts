/**
 * Whether `.dockerignore` patterns keep a top-level path out of the build context, as Docker reads them: one
 * pattern a line, `#` comments, a leading `/` or `./` dropped, `!` re-includes, the last matching pattern wins,
 * and a pattern that matches a parent folder excludes what is inside it. `*` and `?` stay within one path
 * segment; `**` spans any number of them.
 */
export function excludes(dockerignore: string, topLevel: string): boolean {
  let excluded = false;
  for (const raw of dockerignore.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    const pattern = (negated ? line.slice(1) : line).trim().replace(/^(\.?\/)+/, '').replace(/\/+$/, '');
    if (pattern !== '' && matches(pattern.split('/'), [topLevel])) excluded = !negated;
  }
  return excluded;
}

function matches(pattern: readonly string[], path: readonly string[]): boolean {
  if (pattern.length === 0) return path.length === 0;
  const [head, ...rest] = pattern;
  if (head === '**') return matches(rest, path) || (path.length > 0 && matches(pattern, path.slice(1)));
  return path.length > 0 && segmentMatches(head!, path[0]!) && matches(rest, path.slice(1));
}

function segmentMatches(pattern: string, segment: string): boolean {
  const source = [...pattern].map(c => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`).test(segment);
}
