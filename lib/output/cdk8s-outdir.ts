import * as fs from 'fs';
import * as path from 'path';
import { Problem, problem } from '../model/diagnostics';

/**
 * The output folder of `cdk8s synth` ($CDK8S_OUTDIR), which cdk8s deletes before it runs the app and
 * lists the manifests of after. The app's own output folder is replaced only by a successful synth, so:
 * a separate cdk8s folder becomes a link to it; where cdk8s's folder is the output folder itself (cdk8s's
 * default `output`, `dist`), cdk8s has deleted the previous output before the app ran, so a copy of the
 * last output is kept beside it (`.twinstack-tmp-kept-<name>`) and put back when a synth fails.
 */
export class Cdk8sOutdir {
  /** undefined when the app does not run under `cdk8s synth` */
  public static of(outdir: string): Cdk8sOutdir | undefined {
    const cdk8sOutdir = process.env.CDK8S_OUTDIR;
    return cdk8sOutdir ? new Cdk8sOutdir(path.resolve(cdk8sOutdir), path.resolve(outdir)) : undefined;
  }

  private constructor(private readonly folder: string, private readonly outdir: string) {}

  /** A configuration that would make cdk8s or the link delete part of the output, checked before anything is written. */
  public problem(): Problem | undefined {
    const inside = (child: string, parent: string) => child.startsWith(`${parent}${path.sep}`);
    if (inside(this.folder, this.outdir) || inside(this.outdir, this.folder)) {
      return problem('app', `cdk8s's output folder ${JSON.stringify(this.folder)} and twinstack's ${JSON.stringify(this.outdir)} are nested, so one would delete the other (give cdk8s.yaml an output folder of its own: output: .cdk8s.out)`);
    }
    return undefined;
  }

  /** After the output was replaced: links cdk8s's folder to it, or keeps a copy of it for the next failure. */
  public afterCommit(): void {
    if (this.folder === this.outdir) {
      const staging = `${this.kept}-new`;
      fs.rmSync(staging, { recursive: true, force: true });
      fs.cpSync(this.outdir, staging, { recursive: true });
      fs.rmSync(this.kept, { recursive: true, force: true });
      fs.renameSync(staging, this.kept);
      return;
    }
    // cdk8s deleted its folder before the app ran; whatever is there now is a link of an earlier run
    const existing = fs.lstatSync(this.folder, { throwIfNoEntry: false });
    if (existing?.isSymbolicLink()) fs.unlinkSync(this.folder);
    else if (existing?.isDirectory() && fs.readdirSync(this.folder).length === 0) fs.rmdirSync(this.folder);
    else if (existing) return;
    fs.symlinkSync(path.relative(path.dirname(this.folder), this.outdir), this.folder);
  }

  /** After a failed synth: puts the last output back where cdk8s deleted it. */
  public afterFailure(): void {
    if (this.folder !== this.outdir || fs.existsSync(this.outdir) || !fs.existsSync(this.kept)) return;
    const staging = `${this.kept}-restore`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.cpSync(this.kept, staging, { recursive: true });
    fs.renameSync(staging, this.outdir);
  }

  private get kept(): string {
    return path.join(path.dirname(this.outdir), `.twinstack-tmp-kept-${path.basename(this.outdir)}`);
  }
}
