import * as fs from 'fs';
import * as path from 'path';
import { excludes } from '../dockerignore';
import { DockerfileRule, tiers } from '../rule';
import { firstLine } from './_lines';

const MUST_EXCLUDE = ['.git', 'node_modules'];

export const dockerignore: DockerfileRule = {
  id: 'dockerignore',
  summary: 'the build context has a .dockerignore that excludes .git and node_modules',
  rationale: 'Without it the whole folder goes to the builder: the git history (with any secret ever committed), local node_modules built for another platform, .env files. A `COPY . .` then puts them in the image, and every change to them busts the cache.',
  fix: 'add a `.dockerignore` beside the Dockerfile\'s context with at least `.git` and `node_modules`',
  severity: tiers('warning', 'error', 'error'),
  check(subject) {
    // BuildKit reads <Dockerfile>.dockerignore beside the Dockerfile before the context's .dockerignore
    const candidates = [...(subject.path ? [`${subject.path}.dockerignore`] : []), path.join(subject.context, '.dockerignore')];
    const found = candidates.find(file => fs.existsSync(file));
    const line = firstLine(subject);
    if (found === undefined) {
      return [{
        line,
        message: `no .dockerignore in the build context ${subject.display(subject.context)}: .git, node_modules and local files such as .env are sent to the builder, and COPY . copies them into the image`,
        fix: `add ${subject.display(path.join(subject.context, '.dockerignore'))} with the lines .git and node_modules`,
      }];
    }
    const missing = MUST_EXCLUDE.filter(name => !excludes(fs.readFileSync(found, 'utf8'), name));
    if (missing.length === 0) return [];
    return [{
      line,
      message: `${subject.display(found)} does not exclude ${missing.join(' or ')}: ${missing.length === 1 ? 'it is' : 'they are'} sent to the builder, and COPY . copies ${missing.length === 1 ? 'it' : 'them'} into the image`,
      fix: `add the ${missing.length === 1 ? 'line' : 'lines'} ${missing.join(' and ')} to ${subject.display(found)}`,
    }];
  },
};
