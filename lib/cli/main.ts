import { Command } from 'commander';
import { CommandResult } from './command-result';
import { compare } from './compare-command';
import { diffEnvironments, diffTargets } from './diff-command';
import { doctor } from './doctor-command';
import { drift } from './drift-command';

/** Builds the `twinstack` command line; `emit` receives each command's result. */
export function program(emit: (result: CommandResult) => void): Command {
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  const cli = new Command('twinstack')
    .description('One model of your containers; Kubernetes manifests and Compose files that describe the same application.')
    .showHelpAfterError();

  cli.command('diff')
    .description('what differs between two environments, or between Compose and Kubernetes in one (--targets)')
    .argument('[envA]')
    .argument('[envB]')
    .option('--targets <env>', 'compare Compose with Kubernetes in one environment')
    .option('--target <target>', 'compare two environments on one target only (compose or kubernetes)')
    .option('--dist <dir>', 'rendered output to read', 'dist')
    .option('--json', 'print JSON')
    .action((envA: string | undefined, envB: string | undefined, options) => {
      if (options.targets) return emit(diffTargets(options.targets, { ...options, color }));
      if (!envA || !envB) return emit({ stdout: '', stderr: 'usage: twinstack diff <envA> <envB> | twinstack diff --targets <env>\n', exitCode: 1 });
      return emit(diffEnvironments(envA, envB, { ...options, color }));
    });

  cli.command('drift')
    .description('compare dist/ with a fresh synth: exit 0 when equal, 2 when different, 1 on error')
    .option('--dist <dir>', 'committed output', 'dist')
    .option('--app <command>', 'command that runs the app (default: app from cdk8s.yaml)')
    .option('--json', 'print JSON')
    .action(options => emit(drift(options)));

  cli.command('compare')
    .description('read back a hand-written Compose file and Kubernetes manifests and show what differs')
    .argument('<compose>', 'Compose file')
    .argument('<kubernetes>', 'folder of manifests, or one manifest file')
    .option('--json', 'print JSON')
    .action((composeFile: string, kubernetes: string, options) => emit(compare(composeFile, kubernetes, { ...options, color })));

  cli.command('doctor')
    .description("check that this host can run an environment's GPU services with Compose (nvidia-smi, container toolkit)")
    .option('--env <env>', 'environment to check', 'dev')
    .option('--dist <dir>', 'rendered output to read', 'dist')
    .option('--json', 'print JSON')
    .action(options => emit(doctor({ ...options, color })));

  return cli;
}

export function main(argv: readonly string[]): void {
  program(result => {
    process.stdout.write(result.stdout);
    if (result.stderr) process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
  }).parse(argv as string[]);
}
