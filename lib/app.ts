import { Construct } from 'constructs';
import { outputGuardProblems } from './check/output-guards';
import { byCodePoint } from './model/_order';
import { diagnosticText } from './model/diagnostic-format';
import { sortDiagnostics, SynthError } from './model/diagnostics';
import { resolveStack } from './resolve/resolve-stack';
import { Stack } from './model/stack';
import { Target } from './model/target';
import { Cdk8sOutdir, defaultOutdir } from './output/cdk8s-outdir';
import { StagedOutput } from './output/staged-output';
import { parityMarkdown } from './parity/parity-markdown';
import { ALWAYS_LISTED, computeParity } from './parity/parity-report';
import { ReadBack, readOutput } from './parity/read-output';
import { renderCompose } from './render/compose/compose-renderer';
import { renderKubernetes } from './render/kubernetes/kubernetes-renderer';
import { RenderedFile } from './render/rendered-file';
import { reportIfUncaught } from './synth-report';
import { validateApp } from './validate/validate-app';

const TIER_ORDER = { dev: 0, staging: 1, prod: 2 };

export interface AppProps {
  /**
   * Where the output goes. It is replaced as a whole on every successful synth.
   *
   * @default - $TWINSTACK_OUTDIR, else cdk8s's output folder ($CDK8S_OUTDIR, cdk8s.yaml's `output` under
   * `cdk8s synth`), else 'dist'
   */
  readonly outdir?: string;
  /**
   * Strict mode: a declared value that one target cannot honour (an HTTP check without a command for
   * Compose, pinned GPU devices on Kubernetes) is an error instead of a warning.
   *
   * @default - $TWINSTACK_STRICT is '1' or 'true', else false
   */
  readonly strict?: boolean;
}

/** The result of `render()`: every file in memory, nothing written. */
export interface SynthResult {
  readonly files: readonly RenderedFile[];
  readonly warnings: readonly string[];
}

/** The result of `synth()`: what was written. */
export interface SynthSummary {
  /** the output folder, as given */
  readonly outdir: string;
  /** every file written, relative to `outdir`, in path order */
  readonly paths: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * The root of a twinstack program, as `cdk8s.App` is for cdk8s: holds one Stack, validates it,
 * renders every environment for its targets and writes `dist/` atomically.
 */
export class App extends Construct {
  public readonly outdir: string;
  public readonly strict: boolean;

  constructor(props: AppProps = {}) {
    super(undefined as any, '');
    this.outdir = props.outdir ?? defaultOutdir();
    this.strict = props.strict ?? ['1', 'true'].includes(process.env.TWINSTACK_STRICT ?? '');
  }

  /** Renders every file in memory; throws a SynthError listing every problem. Writes nothing. */
  public render(): SynthResult {
    const { stack, warnings } = this.validated();
    const files: RenderedFile[] = [];
    renderEnvironments(stack, this.outdir, file => files.push(file));
    return { files: files.sort((a, b) => byCodePoint(a.path, b.path)), warnings };
  }

  /**
   * Renders and writes `outdir`, one environment at a time. Under `cdk8s synth`, `outdir` is cdk8s's
   * output folder unless given otherwise; cdk8s deletes it before the app runs, so a failed synth puts the
   * last output back. An `outdir` apart from cdk8s's gets a link from cdk8s's folder, so cdk8s lists the manifests.
   *
   * Throws a SynthError listing every problem, with nothing written. Left uncaught (as the last line of
   * a program), it is printed as a report, errors grouped by environment, and the exit code is 1.
   */
  public synth(): SynthSummary {
    const cdk8s = Cdk8sOutdir.of(this.outdir);
    try {
      return this.synthOrThrow(cdk8s);
    } catch (error) {
      cdk8s?.afterFailure();
      reportIfUncaught(error);
      throw error;
    }
  }

  private synthOrThrow(cdk8s: Cdk8sOutdir | undefined): SynthSummary {
    const nested = cdk8s?.problem();
    if (nested) throw new SynthError([{ severity: 'error', ...nested }]);
    const { stack, warnings } = this.validated();
    const output = StagedOutput.begin(this.outdir);
    const paths: string[] = [];
    try {
      renderEnvironments(stack, this.outdir, file => {
        output.write(file);
        paths.push(file.path);
      });
      output.commit();
    } catch (error) {
      output.discard();
      throw error;
    }
    cdk8s?.afterCommit();
    for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
    return { outdir: this.outdir, paths: paths.sort(byCodePoint), warnings };
  }

  /** Validates the model in one pass (lib/validate) and throws a SynthError listing every problem. */
  private validated(): { stack: Stack; warnings: string[] } {
    const diagnostics = validateApp(this, this.strict, this.outdir);
    if (diagnostics.errors.length > 0) throw new SynthError(diagnostics.all);
    const stack = this.node.children.find((c): c is Stack => c instanceof Stack)!;
    return { stack, warnings: sortDiagnostics(diagnostics.warnings).map(diagnosticText) };
  }
}

/**
 * Resolves and renders each environment, checks its output and reads it back for the parity report, then
 * hands its files to `emit` without their parsed documents: only the read-back views outlive an
 * environment (resolving never fails once validation passed, so nothing is lost by resolving each in turn).
 * PARITY.md comes last.
 */
function renderEnvironments(model: Stack, outdir: string, emit: (file: RenderedFile) => void): void {
  // in tier order, so the read-back views come out in PARITY.md's column order
  const inTierOrder = [...model.environments].sort((a, b) => TIER_ORDER[a.tier] - TIER_ORDER[b.tier] || byCodePoint(a.name, b.name));
  // one environment with one target has nothing to compare: its PARITY.md needs no read-back
  const compared = inTierOrder.reduce((columns, e) => columns + e.targets.length, 0) > 1;
  const views: ReadBack[] = [];
  for (const environment of inTierOrder) {
    const stack = resolveStack(model, environment);
    const renderers = [
      ...(stack.environment.targets.includes(Target.COMPOSE) ? [() => renderCompose(stack, outdir)] : []),
      ...(stack.environment.targets.includes(Target.KUBERNETES) ? [() => renderKubernetes(stack)] : []),
    ];
    // one target at a time, so one target's documents are gone before the next is rendered
    const broken: string[] = [];
    for (const render of renderers) {
      const files = render();
      broken.push(...outputGuardProblems(files));
      if (broken.length > 0) continue;
      if (compared) views.push(...readOutput(files));
      for (const { path: filePath, content } of files) emit({ path: filePath, content });
    }
    if (broken.length > 0 && (stack.environment.patches || stack.workloads.some(w => w.patches?.kubernetes.length || w.patches?.compose.length))) {
      throw new SynthError(broken.map(p => ({ severity: 'error', environment: stack.environment.name, path: 'output of a patched stack', message: p })));
    }
    if (broken.length > 0) throw new Error(`twinstack rendered output that breaks its own invariants (a bug):\n  ${broken.join('\n  ')}`);
  }
  // PARITY.md is computed from the rendered output, so a renderer bug shows up there too
  emit({ path: 'PARITY.md', content: parityMarkdown(computeParity(views, ALWAYS_LISTED)) });
}
