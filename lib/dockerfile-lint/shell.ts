import { Instruction } from 'dockerfile-ast';
import { isExecForm, operands } from './stages';

/**
 * The simple commands of a RUN, each as its words, with leading `sudo`, `env` and `NAME=value` dropped:
 * the shell text split on `&&`, `||`, `;`, `|` and line breaks (heredoc bodies too). Good enough to find
 * `apt-get update` or `npm ci`; not a shell parser (quotes and subshells are not understood).
 */
export function commandsOf(run: Instruction): string[][] {
  const text = isExecForm(run) ? operands(run).join(' ') : run.getArgumentsContent() ?? '';
  return text.split(/&&|\|\||[;|\n]/).map(command => {
    const words = command.trim().split(/\s+/).filter(w => w !== '' && w !== '\\' && w !== '(' && w !== ')');
    while (words.length > 0 && (words[0] === 'sudo' || words[0] === 'env' || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!))) words.shift();
    return words;
  }).filter(words => words.length > 0);
}

/** Options that take the next word as their value (`apt-get -o APT::Install-Recommends=false install`). */
const VALUE_OPTIONS = new Set(['-o', '-c', '-t', '--option', '--config-file', '--target-release']);

/** Whether a command is `<program> <subcommand> …` (`apt-get install`, `go mod download`), options before the subcommand allowed. */
export function isCommand(words: readonly string[], program: string, ...subcommand: string[]): boolean {
  if (words[0] !== program) return false;
  const rest = words.slice(1).filter((w, i, all) => !w.startsWith('-') && !VALUE_OPTIONS.has(all[i - 1] ?? ''));
  return subcommand.every((part, i) => rest[i] === part);
}

const APT = ['apt-get', 'apt'];

export function isAptUpdate(words: readonly string[]): boolean {
  return APT.some(program => isCommand(words, program, 'update'));
}

export function isAptInstall(words: readonly string[]): boolean {
  return APT.some(program => isCommand(words, program, 'install'));
}

/** Commands that install a project's dependencies from its manifest (package.json, requirements.txt, go.mod, …). */
export function isDependencyInstall(words: readonly string[]): boolean {
  const npmLike = (program: string) => (isCommand(words, program, 'ci') || isCommand(words, program, 'install') || isCommand(words, program, 'i'))
    && words.slice(2).every(w => w.startsWith('-'));
  return npmLike('npm') || npmLike('pnpm') || (words[0] === 'yarn' && (words.length === 1 || isCommand(words, 'yarn', 'install')))
    || (['pip', 'pip3'].includes(words[0]!) && words[1] === 'install' && (words.includes('-r') || words.includes('--requirement')))
    || isCommand(words, 'poetry', 'install') || isCommand(words, 'pipenv', 'install') || isCommand(words, 'uv', 'sync')
    || isCommand(words, 'go', 'mod', 'download') || isCommand(words, 'bundle', 'install') || isCommand(words, 'composer', 'install')
    || isCommand(words, 'cargo', 'fetch') || isCommand(words, 'mvn', 'dependency:go-offline') || isCommand(words, 'dotnet', 'restore');
}
