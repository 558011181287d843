import { Construct } from 'constructs';
import { Diagnostics, problem } from '../model/diagnostics';
import { Environment } from '../model/environment';
import { firstOfEachName } from '../model/_first-of-each-name';
import { _suppressionProblems } from '../model/suppression';
import { CHECK_IDS, UNSUPPRESSIBLE_CHECK_IDS } from '../check/check-ids';
import { Service } from '../model/service';
import { Stack } from '../model/stack';
import { isSelfValidating } from '../model/_validation';
import { Workload } from '../model/workload';
import { workloadAnnotationProblems } from './annotation-rules';
import { bindMountProblems } from './bind-mount-rules';
import { declarationProblems } from './declaration-rules';
import { dependencyProblems } from './dependency-rules';
import { environmentProblems } from './environment-rules';
import { extraHostsProblems } from './extra-hosts-rules';
import { environmentPatchProblems, workloadPatchProblems } from './patch-rules';
import { gpuRules } from './gpu-rules';
import { imageBuildProblems, imageEnvironmentProblems } from './image-build-rules';
import { referenceProblems } from './reference-rules';
import { secretFileInsideOutdirProblems } from './output-folder-rules';
import { crossServiceRouteProblems, routeRules } from './route-rules';
import { serviceRules } from './service-rules';
import { DeclaredStorage, declaredStorage, environmentStorageRules, volumeProblems } from './storage-rules';
import { workloadRules } from './workload-rules';

/**
 * Every rule once, before resolution: each construct's rules about its own declaration, the rules across
 * constructs, and per environment the rules only an environment shows (overrides merged, tier-dependent
 * severities, targets), each of those with its environment. Resolution assumes a model with no errors here.
 * @param outdir where the app writes its output
 */
export function validateApp(app: Construct, strict: boolean, outdir: string): Diagnostics {
  const diagnostics = new Diagnostics(strict);
  for (const construct of app.node.findAll()) if (isSelfValidating(construct)) diagnostics.error(...construct._problems());
  const stacks = app.node.children.filter((c): c is Stack => c instanceof Stack);
  if (stacks.length !== 1) diagnostics.error(problem('app', `holds ${stacks.length} stacks; twinstack renders exactly one stack per app`));
  const checked: { readonly workloads: Workload[]; readonly environments: Environment[]; readonly storage: DeclaredStorage }[] = [];
  for (const stack of stacks) {
    // the getters filter and sort the stack's children on every call: read once, passed to the rules
    const declared = stack.workloads;
    const wellTyped = declared.filter(w => w._wellTyped);
    const workloads = checkedWorkloads(declared, new Set(wellTyped));
    const environments = stack.environments;
    diagnostics.error(...environmentProblems(stack), ...declarationProblems(stack), ...dependencyProblems(workloads), ...volumeProblems(workloads, stack.volumes));
    diagnostics.error(...workloads.flatMap(extraHostsProblems), ...declared.flatMap(workloadPatchProblems), ...workloads.flatMap(imageBuildProblems));
    diagnostics.error(...environments.flatMap(environmentPatchProblems));
    const environmentNames = environments.map(e => e.name);
    diagnostics.error(...declared.flatMap(w => _suppressionProblems(w, environmentNames, CHECK_IDS, UNSUPPRESSIBLE_CHECK_IDS)));
    // every declaration, duplicates too: each refers to what it refers to
    diagnostics.error(...wellTyped.flatMap(referenceProblems));
    checked.push({ workloads, environments, storage: declaredStorage(stack) });
  }
  const rejected = diagnostics.errors.length > 0;
  for (const { workloads, environments, storage } of checked) {
    const byEnvironment = new Map<string, Diagnostics>();
    for (const environment of environments) {
      const inner = new Diagnostics(strict);
      byEnvironment.set(environment.name, inner);
      try {
        validateEnvironment(storage, workloads, environment, inner, outdir);
      } catch (error) {
        // These rules read the model as resolution does. Once it is rejected, a crash here only follows
        // from an error already reported, so the user sees that error, not the crash.
        if (!rejected) throw error;
      }
    }
    diagnostics.addFromEnvironments(byEnvironment);
  }
  return diagnostics;
}

/** The rules of one environment; `workloads` are the stack's checked workloads. */
function validateEnvironment(storage: DeclaredStorage, workloads: readonly Workload[], environment: Environment, diagnostics: Diagnostics, outdir: string): void {
  for (const workload of workloads) {
    workloadRules(workload, environment, diagnostics);
    diagnostics.error(...workloadAnnotationProblems(workload, environment), ...imageEnvironmentProblems(workload, environment));
    gpuRules(workload, environment, diagnostics);
    if (workload instanceof Service) {
      serviceRules(workload, environment, diagnostics);
      routeRules(workload, environment, diagnostics);
    }
  }
  const services = workloads.filter((w): w is Service => w instanceof Service);
  diagnostics.error(...crossServiceRouteProblems(services, environment));
  environmentStorageRules(storage, workloads, environment, diagnostics);
  diagnostics.error(...secretFileInsideOutdirProblems(storage.secrets, workloads, environment, outdir));
  diagnostics.error(...bindMountProblems(workloads, environment, outdir));
}

/**
 * The workloads the detailed rules read: each name once (a duplicate is an error already), and only those
 * whose props have their declared run-time types (the others are reported by their own validation).
 */
function checkedWorkloads(declared: readonly Workload[], wellTyped: ReadonlySet<Workload>): Workload[] {
  return firstOfEachName(declared).filter(workload => wellTyped.has(workload));
}
