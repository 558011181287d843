import { Add, Copy, Instruction, Run } from 'dockerfile-ast';
import { commandsOf, isDependencyInstall } from '../shell';
import { DockerfileRule, RuleFinding, tiers } from '../rule';
import { lineOf, operands } from '../stages';

const WHOLE_SOURCE = new Set(['.', './', '*']);

/** The manifests each installer reads, for the fix. */
const MANIFESTS: Readonly<Record<string, string>> = {
  npm: 'package.json package-lock.json', pnpm: 'package.json pnpm-lock.yaml', yarn: 'package.json yarn.lock',
  pip: 'requirements.txt', pip3: 'requirements.txt', poetry: 'pyproject.toml poetry.lock', pipenv: 'Pipfile Pipfile.lock',
  uv: 'pyproject.toml uv.lock', go: 'go.mod go.sum', bundle: 'Gemfile Gemfile.lock', composer: 'composer.json composer.lock',
  cargo: 'Cargo.toml Cargo.lock', mvn: 'pom.xml', dotnet: '*.csproj',
};

export const manifestsBeforeSource: DockerfileRule = {
  id: 'manifests-before-source',
  summary: 'dependency manifests are copied and installed before the rest of the source',
  rationale: 'Docker reuses a layer only while everything it was built from is unchanged. After `COPY . .`, any edit to any file re-runs `npm ci` or `pip install`; copying the manifests first keeps the install cached until the dependencies change.',
  fix: 'copy the manifests, install, then copy the rest: `COPY package.json package-lock.json ./`, `RUN npm ci`, `COPY . .`',
  severity: tiers('warning', 'warning', 'warning'),
  check(subject) {
    return subject.stages.flatMap((stage): RuleFinding[] => {
      const installs = stage.instructions.flatMap(i => (i instanceof Run ? commandsOf(i).filter(isDependencyInstall).map(words => ({ at: i, words })) : []));
      const whole = stage.instructions.find(i => copiesWholeSource(i));
      if (!whole) return [];
      if (installs.some(({ at }) => at.isBefore(whole.getRange().start.line))) return [];
      const install = installs.find(({ at }) => at.isAfter(whole));
      if (!install) return [];
      const command = install.words.slice(0, 3).filter(w => !w.startsWith('-')).join(' ');
      const manifests = MANIFESTS[install.words[0]!] ?? '<manifests>';
      return [{
        line: lineOf(whole),
        message: `${whole.getKeyword()} ${operands(whole).join(' ')} copies the whole source before ${command} on line ${lineOf(install.at)}: any change to any file re-runs the install`,
        fix: `COPY ${manifests} ./ and RUN ${install.words.join(' ')} first, then COPY ${operands(whole).join(' ')}`,
      }];
    });
  },
};

/** `COPY . .`, `ADD . /app`, `COPY * ./`: the build context, not another stage's files. */
function copiesWholeSource(instruction: Instruction): boolean {
  const fromContext = instruction instanceof Add || (instruction instanceof Copy && instruction.getFromFlag() === null);
  return fromContext && operands(instruction).slice(0, -1).some(source => WHOLE_SOURCE.has(source));
}
