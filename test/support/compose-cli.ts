import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const BINARY = path.join(__dirname, '..', '..', '.tools', 'bin', 'docker-compose');

/** Compose v2 installed by scripts/install-compose.sh. */
export function composeBinary(): string {
  if (!fs.existsSync(BINARY)) throw new Error(`${BINARY} is missing: run bash scripts/install-compose.sh`);
  return BINARY;
}

/**
 * `docker-compose -f <file>... config --quiet`: Compose's own loader and validator, no engine needed.
 * The environment is reduced to PATH and HOME so that a developer's COMPOSE_* or DOCKER_* variables
 * cannot change the result; warnings (unset variables, obsolete `version:`) land in `output` with ok true.
 */
export function composeConfig(...files: string[]): { ok: boolean; output: string } {
  const result = spawnSync(composeBinary(), [...files.flatMap(f => ['-f', f]), 'config', '--quiet'], {
    cwd: path.dirname(files[0]),
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
  if (result.error) return { ok: false, output: `${BINARY}: ${result.error.message}` };
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}
