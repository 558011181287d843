import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { outputGuardProblems } from './check/output-guards';
import { Diagnostics, sortMessages, SynthError } from './model/diagnostics';
import { ResolvedStack } from './model/resolved';
import { resolveStack } from './model/resolve';
import { Stack } from './model/stack';
import { Target } from './model/target';
import { writeAtomically } from './output/write-atomically';
import { parityMarkdown } from './parity/parity-markdown';
import { computeParity } from './parity/parity-report';
import { readOutput } from './parity/read-output';
import { renderCompose } from './render/compose/compose-renderer';
import { renderKubernetes } from './render/kubernetes/kubernetes-renderer';
import { RenderedFile } from './render/rendered-file';

const TIER_ORDER = { dev: 0, staging: 1, prod: 2 };

export interface AppProps {
  /**
   * Where the output goes. It is replaced as a whole on every successful synth.
   *
   * @default - $TWINSTACK_OUTDIR, else 'dist'
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

/** The result of a synth, before anything is written. */
export interface SynthResult {
  readonly files: readonly RenderedFile[];
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
    this.outdir = props.outdir ?? process.env.TWINSTACK_OUTDIR ?? 'dist';
    this.strict = props.strict ?? ['1', 'true'].includes(process.env.TWINSTACK_STRICT ?? '');
  }

  /** Renders every file in memory; throws a SynthError listing every problem. Writes nothing. */
  public render(): SynthResult {
    const diagnostics = new Diagnostics(this.strict);
    for (const construct of this.node.findAll()) diagnostics.errors.push(...construct.node.validate());
    const stacks = this.node.children.filter((c): c is Stack => c instanceof Stack);
    if (stacks.length !== 1) diagnostics.errors.push(`app: holds ${stacks.length} stacks; twinstack renders exactly one stack per app`);
    const resolved: ResolvedStack[] = [];
    for (const stack of stacks) {
      for (const environment of stack.environments) {
        const inner = new Diagnostics(this.strict);
        resolved.push(resolveStack(stack, environment, inner, this.outdir));
        diagnostics.addFromEnvironment(environment.name, inner);
      }
    }
    if (diagnostics.errors.length > 0) throw new SynthError(sortMessages(diagnostics.errors));

    const files: RenderedFile[] = [];
    for (const stack of resolved) {
      if (stack.environment.targets.includes(Target.COMPOSE)) files.push(...renderCompose(stack));
      if (stack.environment.targets.includes(Target.KUBERNETES)) files.push(...renderKubernetes(stack));
    }
    const broken = outputGuardProblems(files);
    if (broken.length > 0) throw new Error(`twinstack rendered output that breaks its own invariants (a bug):\n  ${broken.join('\n  ')}`);
    // PARITY.md is computed from the rendered text, so a renderer bug shows up there too
    const order = resolved.map(r => r.environment).sort((a, b) => TIER_ORDER[a.tier] - TIER_ORDER[b.tier] || (a.name < b.name ? -1 : 1));
    files.push({ path: 'PARITY.md', content: parityMarkdown(computeParity(readOutput(files, order.map(e => e.name)))) });
    return { files: files.sort((a, b) => (a.path < b.path ? -1 : 1)), warnings: sortMessages(diagnostics.warnings) };
  }

  /**
   * Renders and writes `outdir`. Under `cdk8s synth` (which deletes its own output folder before
   * running the app) the cdk8s output folder becomes a link to `outdir`, so cdk8s lists the manifests.
   */
  public synth(): SynthResult {
    const result = this.render();
    writeAtomically(this.outdir, result.files);
    linkCdk8sOutdir(this.outdir);
    for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
    return result;
  }
}

function linkCdk8sOutdir(outdir: string): void {
  const cdk8sOutdir = process.env.CDK8S_OUTDIR;
  if (!cdk8sOutdir || path.resolve(cdk8sOutdir) === path.resolve(outdir)) return;
  fs.rmSync(cdk8sOutdir, { recursive: true, force: true });
  fs.symlinkSync(path.relative(path.dirname(path.resolve(cdk8sOutdir)), path.resolve(outdir)), cdk8sOutdir);
}
