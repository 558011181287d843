import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { RenderedFile } from '../render/rendered-file';

/**
 * A new output folder, written file by file into a fresh sibling of `outdir` and swapped in by rename on
 * commit, so a failure at any point leaves the previous output as it was. Files go to disk as they come,
 * so a synth never holds every environment's output in memory at once.
 */
export class StagedOutput {
  /** Creates the staging folder beside `outdir`, with the mode `mkdir` gives under the umask (as `outdir` had). */
  public static begin(outdir: string): StagedOutput {
    const target = path.resolve(outdir);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // not mkdtemp: its folders are 0700, and the staging folder becomes outdir
    for (;;) {
      const staging = path.join(path.dirname(target), `.twinstack-tmp-${randomBytes(6).toString('hex')}`);
      try {
        fs.mkdirSync(staging);
        return new StagedOutput(target, staging);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  }

  private constructor(private readonly target: string, private readonly staging: string) {}

  public write(file: RenderedFile): void {
    const destination = path.join(this.staging, file.path);
    fs.mkdirSync(path.dirname(destination), { recursive: true });
    fs.writeFileSync(destination, file.content);
  }

  /**
   * Replaces `outdir` with exactly the files written. POSIX has no atomic exchange of two folders (Linux's
   * renameat2 RENAME_EXCHANGE is not in Node), so this takes two renames, back to back with nothing
   * between them: for that moment, two system calls long, there is no `outdir`. A reader sees the old
   * output or the new one, never a mix, and a failure of the second rename puts the old one back.
   */
  public commit(): void {
    const previous = `${this.staging}-previous`;
    let moved = false;
    try {
      try {
        fs.renameSync(this.target, previous);
        moved = true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      fs.renameSync(this.staging, this.target);
    } catch (error) {
      if (moved && !fs.existsSync(this.target)) fs.renameSync(previous, this.target);
      this.discard();
      throw error;
    }
    if (moved) fs.rmSync(previous, { recursive: true, force: true });
  }

  /** Removes the staging folder; `outdir` is untouched. */
  public discard(): void {
    fs.rmSync(this.staging, { recursive: true, force: true });
  }
}
