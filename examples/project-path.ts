import * as path from 'path';

/**
 * A file or folder of an example, relative to the synth's working directory: twinstack reads config
 * files, Compose secret files and bind-mount folders relative to it, so an example synthesizes the same
 * from the repository root (the tests) as from its own folder.
 */
export function projectPath(exampleFolder: string, file: string): string {
  return path.relative(process.cwd(), path.join(exampleFolder, file)) || '.';
}
