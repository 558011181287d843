import { App } from '../../lib';
import { Stack } from '../../lib/model/stack';
import { Target } from '../../lib/model/target';
import { readOutput } from '../../lib/parity/read-output';
import { TargetView } from '../../lib/parity/service-view';
import { TARGET_ONLY_SETTINGS, TargetOnlySetting, targetOnlySettingsOf } from '../../lib/target-support';
import { renderCompose } from '../../lib/render/compose/compose-renderer';
import { renderKubernetes } from '../../lib/render/kubernetes/kubernetes-renderer';
import { ResolvedStack, ResolvedWorkload } from '../../lib/resolve/resolved';
import { resolveStack } from '../../lib/resolve/resolve-stack';
import { buildShop } from '../../main';
import { CRON_JOB_FIELDS, Field, Fields, JOB_FIELDS, SERVICE_FIELDS } from './resolved-fields';

/*
 * Every field of every resolved workload type has an entry in ./resolved-fields.ts (tsc fails without
 * one). For each, the example's resolved stack is changed in that one field, rendered by both real
 * renderers and read back: the view of each target must change, except on the target that the
 * target-only table (lib/target-support.ts) lists as lacking it, whose view must not.
 */

/**
 * The example's prod environment: every kind of workload, GPU placement, autoscaling, routes, storage;
 * plus a volume, config and secret named `changed` that no workload uses yet, so that a mount or env var
 * can be pointed at another one.
 */
function exampleProd(): ResolvedStack {
  const app = new App({ outdir: 'dist' });
  buildShop(app);
  const stack = app.node.children.find((c): c is Stack => c instanceof Stack)!;
  const prod = stack.environments.find(e => e.name === 'prod')!;
  const resolved = resolveStack(stack, prod);
  // what prod cannot declare but the renderers must still read: a bind mount (only where Compose renders
  // alone) and a secret's value as an env var (a warning where Compose renders)
  // and an image built from source, which prod pulls (on web: a built image's pull policy is Compose's `build`)
  const workloads = resolved.workloads.map(w => (w.name === 'web' ? { ...w, build: { context: 'app/web', dockerfile: 'Dockerfile', target: 'runtime', args: { NODE_ENV: 'production' }, secrets: ['db-password'] } } : w.name !== 'api' ? w : {
    ...w,
    mounts: [...w.mounts, { kind: 'bind' as const, path: '/app/src', source: 'src', readOnly: true }],
    env: { ...w.env, API_TOKEN: { secret: 'db-password', path: '/run/secrets/db-password' } },
  }));
  return {
    ...resolved,
    workloads,
    volumes: [...resolved.volumes, { name: 'changed', size: '1Gi', accessMode: resolved.volumes[0].accessMode, perReplica: false }],
    configs: [...resolved.configs, { name: 'changed', content: 'changed', values: { changed: 'changed' } }],
    secrets: [...resolved.secrets, { name: 'changed', compose: { file: 'changed.txt' }, kubernetes: { secretName: 'changed', key: 'changed' } }],
  };
}

interface Lens {
  /** undefined where the path does not exist in this workload (a parent object or element is absent) */
  readonly get: (root: any) => { value: any } | undefined;
  readonly set: (root: any, value: any) => any;
}

const ROOT: Lens = { get: root => ({ value: root }), set: (_root, value) => value };

function key(outer: Lens, name: string): Lens {
  return {
    get: root => {
      const parent = outer.get(root)?.value;
      return parent === undefined || parent === null ? undefined : { value: parent[name] };
    },
    set: (root, value) => outer.set(root, { ...outer.get(root)!.value, [name]: value }),
  };
}

/** The first element of a list or map for which `is` holds. */
function element(outer: Lens, is: (element: any) => boolean): Lens {
  const find = (container: any) => (Array.isArray(container) ? container.findIndex(is) : Object.keys(container ?? {}).find(k => is(container[k])));
  return {
    get: root => {
      const container = outer.get(root)?.value;
      const at = find(container);
      return at === undefined || at === -1 ? undefined : { value: container[at] };
    },
    set: (root, value) => {
      const container = outer.get(root)!.value;
      const at = find(container);
      return outer.set(root, Array.isArray(container) ? container.map((e, i) => (i === at ? value : e)) : { ...container, [at!]: value });
    },
  };
}

interface Case {
  readonly path: string;
  /** the changed workload, or undefined where the path does not exist in this one */
  readonly apply: (workload: ResolvedWorkload) => ResolvedWorkload | undefined;
}

const exempt: string[] = [];

function casesOf(fields: object, prefix: string, lens: Lens): Case[] {
  return Object.entries<Field<any>>(fields as Record<string, Field<any>>).flatMap(([name, field]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    const at = key(lens, name);
    if ('notASetting' in field) {
      exempt.push(path);
      return [];
    }
    if ('fields' in field) return casesOf(field.fields, path, at);
    if ('shapes' in field) return field.shapes.flatMap(s => casesOf(s.fields, `${path}.*`, element(at, s.is)));
    const changes = 'change' in field ? { '': field.change } : 'changes' in field ? field.changes : { '': field.withParent };
    return Object.entries(changes).map(([below, to]) => ({
      path: below ? `${path}.${below}` : path,
      apply: (workload: ResolvedWorkload) => {
        // the parent must exist; the field itself may be unset
        const parent = lens.get(workload);
        if (parent === undefined || parent.value === undefined || parent.value === null) return undefined;
        if ('withParent' in field) return lens.set(workload, field.withParent(parent.value));
        return at.set(workload, to(at.get(workload)?.value));
      },
    }));
  });
}

function asText(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? `${v}n` : v));
}

function viewsOf(stack: ResolvedStack): Record<Target, TargetView> {
  const views = readOutput([...renderCompose(stack, 'dist'), ...renderKubernetes(stack)]);
  return Object.fromEntries(views.map(v => [v.column.target, v.view])) as Record<Target, TargetView>;
}

const stack = exampleProd();
const before = viewsOf(stack);
// a new kind of workload fails tsc here until its fields have a table
const KINDS: { readonly [K in ResolvedWorkload['kind']]: Fields<Extract<ResolvedWorkload, { kind: K }>> } = {
  service: SERVICE_FIELDS,
  job: JOB_FIELDS,
  cronjob: CRON_JOB_FIELDS,
};
const tested = new Set<string>();
const cases = Object.entries(KINDS).flatMap(([kind, fields]) => casesOf(fields, '', ROOT)
  // a field every workload has is tested once, on the first kind that has it
  .filter(c => !tested.has(c.path) && tested.add(c.path))
  .map(c => ({ kind, ...c })));

describe('the read-back is complete', () => {
  test('the fixture has every kind of workload', () => {
    expect(new Set(stack.workloads.map(w => w.kind))).toEqual(new Set(Object.keys(KINDS)));
  });

  test.each(cases.map(c => [c.path, c] as const))('a change of %s shows in exactly the targets that can express it', (path, { kind, apply }) => {
    const index = stack.workloads.findIndex(w => w.kind === kind && apply(w) !== undefined);
    if (index === -1) throw new Error(`no ${kind} of the example has ${path}: the fixture must populate it`);
    const changed = apply(stack.workloads[index])!;
    expect(asText(changed)).not.toBe(asText(stack.workloads[index]));
    const after = viewsOf({ ...stack, workloads: stack.workloads.map((w, i) => (i === index ? changed : w)) });
    const lacking = new Set(targetOnlySettingsOf(path).map(s => s.lacking));
    for (const target of [Target.COMPOSE, Target.KUBERNETES]) {
      const shows = asText(after[target]) !== asText(before[target]);
      expect({ path, target, shows }).toEqual({ path, target, shows: !lacking.has(target) });
    }
  });

  test('every path on the target-only table names a field of a resolved workload', () => {
    const paths = Object.values<TargetOnlySetting>(TARGET_ONLY_SETTINGS).flatMap(s => s.paths)
      .filter(p => !p.startsWith('volumes.')); // the stack's volumes, not a workload's
    const known = cases.map(c => c.path);
    expect(paths.filter(p => !known.some(k => targetOnlySettingsOf(k).some(s => s.paths.includes(p))))).toEqual([]);
  });

  test('only plumbing is exempt', () => {
    expect(exempt.filter((p, i) => exempt.indexOf(p) === i)).toEqual([
      'env.*.secretFile', 'mounts.*.kind', 'mounts.*.sizeLimitBytes', 'selector', 'gpu.sharedByPolicy', 'gpu.nodes.migStrategy', 'gpu.nodes.renameSharedResource', 'dependsOn.*.port', 'kind',
    ]);
  });
});
