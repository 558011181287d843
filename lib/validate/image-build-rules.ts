import * as fs from 'fs';
import * as path from 'path';
import { DockerfileParser } from 'dockerfile-ast';
import { Problem, problem } from '../model/diagnostics';
import { Environment } from '../model/environment';
import { show } from '../model/_rules';
import { Target } from '../model/target';
import { Workload } from '../model/workload';
import { isOutside } from './bind-mount-rules';

/**
 * The files of an image built from source, on the disk at synth: the context is a folder of the project (the
 * working directory), the Dockerfile a file inside it, and the target a stage the Dockerfile defines (read
 * with a Dockerfile parser, not a pattern). Checked whether or not an environment builds it: CI pushes what
 * the repository's Dockerfile builds.
 */
export function imageBuildProblems(workload: Workload): Problem[] {
  const source = workload.props.image.source;
  // a malformed declaration is reported by the image's own rules
  if (!source || workload.props.image._validate('image').length > 0) return [];
  const where = `services.${workload.name}.image`;
  const project = process.cwd();
  const context = path.resolve(project, source.context);
  if (isOutside(project, context)) return [problem(`${where}.context`, `${show(source.context)} is outside the project ${project} (a build context is a folder of the project, so that the Compose file finds it on every machine)`)];
  if (!fs.existsSync(context)) return [problem(`${where}.context`, `${show(source.context)} does not exist (a build context is a folder of the project, relative to the working directory ${project})`)];
  if (!fs.statSync(context).isDirectory()) return [problem(`${where}.context`, `${show(source.context)} is a file, not a folder (the build context is the folder the Dockerfile's COPY reads from)`)];
  const dockerfile = path.resolve(context, source.dockerfile);
  if (isOutside(context, dockerfile)) return [problem(`${where}.dockerfile`, `${show(source.dockerfile)} is outside the context ${show(source.context)} (the Dockerfile is relative to the context and inside it: move it into ${source.context})`)];
  if (!fs.existsSync(dockerfile) || !fs.statSync(dockerfile).isFile()) return [problem(`${where}.dockerfile`, `${show(source.dockerfile)} does not exist in the context ${show(source.context)}`)];
  if (source.target === undefined) return [];
  const stages = DockerfileParser.parse(fs.readFileSync(dockerfile, 'utf8')).getFROMs().flatMap(from => from.getBuildStage() ?? []);
  // stage names are case-insensitive
  if (stages.some(stage => stage.toLowerCase() === source.target!.toLowerCase())) return [];
  const file = path.relative(project, dockerfile).split(path.sep).join('/');
  const defined = stages.length > 0 ? `its stages: ${stages.join(', ')}` : 'it names no stage: FROM <image> AS <name>';
  return [problem(`${where}.target`, `${show(source.target)} is not a stage of ${file} (${defined})`)];
}

/**
 * One environment's needs of an image built from source: a repository wherever it is pulled (Kubernetes always
 * pulls; an environment that does not build pulls on Compose too), no digest where it is built (a build has
 * none until it is pushed), and a Compose source for each secret the build mounts.
 */
export function imageEnvironmentProblems(workload: Workload, environment: Environment): Problem[] {
  const image = workload.props.image;
  if (!image.source) return [];
  const where = `services.${workload.name}.image`;
  const builds = workload._buildsIn(environment);
  const problems: Problem[] = [];
  if (image.repository === undefined && (environment.renders(Target.KUBERNETES) || !builds)) {
    const why = environment.renders(Target.KUBERNETES)
      ? `environment '${environment.name}' renders Kubernetes, which pulls the image from it`
      : `environment '${environment.name}' pulls images built from source (images.build is false there)`;
    problems.push(problem(`${where}.repository`, `is required: ${why} (Image.build(${show(image.source.context)}, { repository: 'registry.example.com/team/${workload.name}', tag: … }))`));
  }
  const digest = workload._overridesIn(environment.name).imageDigest;
  if (builds && digest !== undefined) {
    problems.push(problem(`${where}.digest`, `${show(digest)} is given for environment '${environment.name}', which builds the image from source (a build has no digest until it is pushed): give imageDigest where the image is pulled`));
  }
  if (builds && environment.renders(Target.COMPOSE)) {
    image.source.secrets.forEach((secret, i) => {
      if (!secret._resolve(environment.name).compose) problems.push(problem(`${where}.secrets[${i}]`, `Secret '${secret.name}' has no Compose source, which the build reads it from (SecretSource.file or SecretSource.environment)`));
    });
  }
  return problems;
}
