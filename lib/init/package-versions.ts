import * as fs from 'fs';
import * as path from 'path';

/** The versions a new project pins: twinstack's own, and those twinstack is built and tested with. */
export interface PackageVersions {
  readonly twinstack: string;
  readonly tested: Readonly<Record<string, string>>;
}

/** Reads twinstack's package.json, found upwards from this file (build/lib/init/ once compiled, lib/init/ in source). */
export function packageVersions(from: string = __dirname): PackageVersions {
  for (let folder = from; ; folder = path.dirname(folder)) {
    const file = path.join(folder, 'package.json');
    if (fs.existsSync(file)) {
      const json = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (json.name === 'twinstack') return { twinstack: json.version, tested: { ...json.devDependencies } };
    }
    if (path.dirname(folder) === folder) throw new Error(`twinstack's package.json not found above ${from}`);
  }
}
