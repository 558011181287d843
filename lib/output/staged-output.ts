import * as fs from 'fs';
import * as path from 'path';
import { RenderedFile } from '../render/rendered-file';

/**
 * A new output folder, written file by file into a fresh sibling of `outdir` and swapped in by rename on
 * commit, so a failure at any point leaves the previous output as it was. Files go to disk as they come,
 * so a synth never holds every environment's output in memory at once.
 */
export class StagedOutput {
  /** Creates the staging folder beside `outdir`. */
  public static begin(outdir: string): StagedOutput {
    const target = path.resolve(outdir);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    return new StagedOutput(target, fs.mkdtempSync(path.join(path.dirname(target), '.twinstack-tmp-')));
  }

  private constructor(private readonly target: string, private readonly staging: string) {}

  public write(file: RenderedFile): void {
    const destination = path.join(this.staging, file.path);
    fs.mkdirSync(path.dirname(destination), { recursive: true });
    fs.writeFileSync(destination, file.content);
  }

  /** Replaces `outdir` with exactly the files written. */
  public commit(): void {
    const previous = `${this.staging}-previous`;
    try {
      if (fs.existsSync(this.target)) fs.renameSync(this.target, previous);
      fs.renameSync(this.staging, this.target);
    } catch (error) {
      if (fs.existsSync(previous) && !fs.existsSync(this.target)) fs.renameSync(previous, this.target);
      this.discard();
      throw error;
    }
    fs.rmSync(previous, { recursive: true, force: true });
  }

  /** Removes the staging folder; `outdir` is untouched. */
  public discard(): void {
    fs.rmSync(this.staging, { recursive: true, force: true });
  }
}
