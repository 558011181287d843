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
/** kept in step with CHECK_FORMATS of check-command.ts, which is loaded only when `check` runs */
const CHECK_FORMATS = ['text', 'json', 'junit', 'sarif'];
const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

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
      command.error(`error: option '--dist <dir>' argument '${command.opts().dist}' is invalid. ${(error as Error).message}`, { exitCode: command.name() === 'check' ? 2 : 1 });
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

  cli.command('check')
    .description('schema and policy checks of dist/ as it is, per environment tier: exit 0 without errors, 1 with errors, 2 on a usage error')
    .addOption(new Option('--env <env>', 'environment to check, repeatable (default: every environment of dist)').argParser(collect))
    .addOption(new Option('--format <format>', 'output format').choices(CHECK_FORMATS).default('text'))
    .addOption(new Option('--tier <env=tier>', "tier of an environment whose name says none (default: from the name, else prod), repeatable").argParser(collect))
    .option('--no-suppressions', 'ignore the suppressions in the output: suppressed findings count again (audits)')
    .addOption(distOption('rendered output to read'))
    // a usage error exits 2: 1 means the checks found errors
    .exitOverride(error => process.exit(error.exitCode === 1 ? 2 : error.exitCode))
    .action(function (this: Command, options) {
      const known = renderedEnvironments(options.dist);
      const unknown = (options.env ?? []).filter((e: string) => !known.includes(e));
      if (unknown.length > 0) this.error(`error: option '--env <env>' argument ${unknown.map((e: string) => `'${e}'`).join(', ')} is invalid. Environment not found in ${options.dist} (known: ${known.join(', ')})`);
      const tiers: Record<string, string> = {};
      for (const entry of options.tier ?? []) {
        const [env, tier] = String(entry).split('=');
        if (!env || !tier || !['dev', 'staging', 'prod'].includes(tier)) this.error(`error: option '--tier <env=tier>' argument '${entry}' is invalid. Give <environment>=<dev|staging|prod>.`);
        tiers[env!] = tier!;
      }
      // required here: ajv and the schemas load only for this command
      const { check, hasOutput } = require('./check-command') as typeof import('./check-command');
      const environments: string[] = options.env ?? known.filter(e => hasOutput(options.dist, e));
      if (environments.length === 0) this.error(`error: no rendered environment in ${options.dist}: synthesize first (npm run synth)`);
      try {
        return emit(check(environments, { dist: options.dist, format: options.format, suppressions: options.suppressions, tiers: tiers as never }));
      } catch (error) {
        // an unreadable file or folder of dist/: the checks could not run
        return this.error(`error: cannot check ${options.dist}: ${(error as Error).message}`);
      }
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
