import { Command, InvalidArgumentError, Option } from 'commander';
import { CommandResult } from './command-result';
import { compare } from './compare-command';
import { diffEnvironments, diffTargets } from './diff-command';
import { doctor } from './doctor-command';
import { drift } from './drift-command';
import { lintDockerfilesCommand } from './lint-dockerfiles-command';
import { existingFile, existingFolder, renderedEnvironments } from './cli-arguments';
import { init } from '../init/init-command';
import { defaultDist } from './cdk8s-yaml';

const TARGETS = ['compose', 'kubernetes'] as const;
const TIERS = ['dev', 'staging', 'prod'];

/** `--tier qa=staging`, collected into one map. */
function tierOption(value: string, previous: Record<string, string> | undefined): Record<string, string> {
  const [environment, tier] = value.split('=');
  if (!environment || !tier || !TIERS.includes(tier)) throw new InvalidArgumentError(`Expected <env>=<tier> with a tier of ${TIERS.join(', ')}.`);
  return { ...previous, [environment]: tier };
}

/** Builds the `twinstack` command line; `emit` receives each command's result. */
export function program(emit: (result: CommandResult) => void): Command {
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  const cli = new Command('twinstack')
    .description('One model of your containers; Kubernetes manifests and Compose files that describe the same application.')
    .showHelpAfterError('(twinstack help <command> shows its usage)');
  // the default of --dist (cdk8s.yaml's output, else dist) is not parsed by commander, so it is checked here like a given value
  cli.hook('preAction', (_cli, command) => {
    if (command.getOptionValueSource('dist') !== 'default') return;
    try {
      existingFolder(command.opts().dist);
    } catch (error) {
      command.error(`error: option '--dist <dir>' argument '${command.opts().dist}' is invalid. ${(error as Error).message}`);
    }
  });
  const distOption = (what: string) => new Option('--dist <dir>', what).default(defaultDist()).argParser(existingFolder);

  cli.command('diff')
    .description('what differs between two environments, or between Compose and Kubernetes in one (--targets)')
    .argument('[envA]')
    .argument('[envB]')
    .addOption(new Option('--targets <env>', 'compare Compose with Kubernetes in one environment'))
    .addOption(new Option('--target <target>', 'compare two environments on one target only').choices(TARGETS).conflicts('targets'))
    .addOption(distOption('rendered output to read'))
    .option('--json', 'print JSON')
    .action(function (this: Command, envA: string | undefined, envB: string | undefined, options) {
      if (options.targets && envA !== undefined) this.error(`error: --targets compares the targets of one environment; give no other environment (got '${envA}')`);
      if (!options.targets && (envA === undefined || envB === undefined)) this.error('error: give two environments (twinstack diff <envA> <envB>) or one with --targets <env>');
      const known = renderedEnvironments(options.dist);
      const unknown = (options.targets ? [options.targets] : [envA!, envB!]).filter(environment => !known.includes(environment));
      if (unknown.length > 0) this.error(`error: ${unknown.length === 1 ? 'environment' : 'environments'} ${unknown.map(e => `'${e}'`).join(', ')} not found in ${options.dist} (known: ${known.join(', ')})`);
      if (options.targets) return emit(diffTargets(options.targets, { ...options, color }));
      return emit(diffEnvironments(envA!, envB!, { ...options, color }));
    });

  cli.command('drift')
    .description('compare dist/ with a fresh synth: exit 0 when equal, 2 when different, 1 on error')
    .option('--dist <dir>', 'committed output', defaultDist())
    .option('--app <command>', 'command that runs the app (default: app from cdk8s.yaml)')
    .option('--json', 'print JSON')
    .action(options => emit(drift(options)));

  cli.command('compare')
    .description('read back a hand-written Compose file and Kubernetes manifests and show what differs')
    .argument('<compose>', 'Compose file', existingFile)
    .argument('<kubernetes>', 'folder of manifests, or one manifest file', (value: string) => existingFile(value, { folder: true }))
    .option('--json', 'print JSON')
    .action((composeFile: string, kubernetes: string, options) => emit(compare(composeFile, kubernetes, { ...options, color })));

  cli.command('doctor')
    .description("check that this host can run an environment's GPU services with Compose (nvidia-smi, container toolkit)")
    .option('--env <env>', 'environment to check', 'dev')
    .addOption(distOption('rendered output to read'))
    .option('--json', 'print JSON')
    .action(function (this: Command, options) {
      const known = renderedEnvironments(options.dist);
      if (!known.includes(options.env)) this.error(`error: option '--env <env>' argument '${options.env}' is invalid. Environment not found in ${options.dist} (known: ${known.join(', ')})`);
      return emit(doctor({ ...options, color }));
    });

  cli.command('lint-dockerfiles')
    .description('lint every Dockerfile a Compose build: section in dist/ builds, once each, with the services that use it: exit 1 on errors')
    .addOption(distOption('rendered output to read'))
    .option('--env <env>', 'lint only what this environment builds or runs, at its severities (default: every environment)')
    .option('--tier <env=tier>', 'the tier (dev, staging, prod) of an environment not named like one (default: prod); repeatable', tierOption)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--json', 'print JSON (same as --format json)')
    .action(function (this: Command, options) {
      const known = renderedEnvironments(options.dist);
      if (options.env !== undefined && !known.includes(options.env)) this.error(`error: option '--env <env>' argument '${options.env}' is invalid. Environment not found in ${options.dist} (known: ${known.join(', ')})`);
      return emit(lintDockerfilesCommand({ ...options, format: options.json ? 'json' : options.format }));
    });

  cli.command('init')
    .description('scaffold a twinstack app (package.json, cdk8s.yaml, main.ts, a test, CI) in a folder; never overwrites a file')
    .argument('[dir]', 'folder of the new app', '.')
    .option('--no-install', 'write the files only, without npm install')
    .action((dir: string, options) => emit(init(dir, options)));

  return cli;
}

export function main(argv: readonly string[]): void {
  program(result => {
    process.stdout.write(result.stdout);
    if (result.stderr) process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
  }).parse(argv as string[]);
}
