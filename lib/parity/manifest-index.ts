import { LabelBuckets, selectorMatches } from '../labels/label-selector';

/**
 * Kubernetes objects indexed for the read-back, so that finding a workload's Service, autoscaler,
 * disruption budget, claims and routes costs a lookup instead of a scan over every object.
 */
export class ManifestIndex {
  private readonly byKindAndName = new ObjectsByKindAndName();
  private readonly autoscalers = new ObjectsByKindAndName();
  private readonly selectorsByLabel = { Service: new LabelBuckets<any>(), PodDisruptionBudget: new LabelBuckets<any>() };
  private readonly routesByService = new Map<string, { ingress: any; rule: any; path: any }[]>();
  private readonly policiesByPodSelector = new SelectorIndex<any>();
  private readonly policiesByClientSelector = new SelectorIndex<any>();
  private readonly servers = new Map<any, string>();

  constructor(objects: readonly any[]) {
    for (const object of objects) {
      if (!object?.kind) continue;
      this.byKindAndName.set(object.kind, object.metadata?.name, object);
      if (object.kind === 'HorizontalPodAutoscaler') {
        const target = object.spec?.scaleTargetRef;
        this.autoscalers.set(target?.kind, target?.name, object);
      }
      if (object.kind === 'Service' || object.kind === 'PodDisruptionBudget') {
        const first = Object.entries(selectorOf(object) ?? {}).sort()[0];
        if (first) this.selectorsByLabel[object.kind as 'Service' | 'PodDisruptionBudget'].add(first[0], first[1], object);
      }
      if (object.kind === 'NetworkPolicy') {
        this.policiesByPodSelector.add(object, [object.spec?.podSelector?.matchLabels]);
        // a peer with a namespaceSelector selects pods of other namespaces (the ingress controller), not this namespace's
        const peers = (object.spec?.ingress ?? []).flatMap((rule: any) => rule.from ?? []).filter((peer: any) => !peer.namespaceSelector);
        this.policiesByClientSelector.add(object, peers.map((peer: any) => peer.podSelector?.matchLabels));
      }
      if (object.kind === 'Ingress') {
        for (const rule of object.spec?.rules ?? []) {
          for (const path of rule.http?.paths ?? []) {
            const service = path.backend?.service?.name;
            if (service) addTo(this.routesByService, service, { ingress: object, rule, path });
          }
        }
      }
    }
  }

  public get(kind: string, name: string | undefined): any {
    return this.byKindAndName.get(kind, name);
  }

  public autoscalerOf(workload: any): any {
    return this.autoscalers.get(workload.kind, workload.metadata?.name);
  }

  /** The first Service or PodDisruptionBudget whose selector matches these pod labels. */
  public selecting(kind: 'Service' | 'PodDisruptionBudget', labels: Record<string, string>): any {
    const byLabel = this.selectorsByLabel[kind];
    const filedUnder: [string, string][] = [];
    for (const key of Object.keys(labels)) {
      if (byLabel.get(key, labels[key]) !== undefined) filedUnder.push([key, labels[key]]);
    }
    // in the order of the labels' entries, sorted
    for (const [key, value] of filedUnder.sort()) {
      const found = byLabel.get(key, value)!.find(candidate => selectorMatches(selectorOf(candidate)!, labels));
      if (found !== undefined) return found;
    }
    return undefined;
  }

  public routesTo(service: string): readonly { ingress: any; rule: any; path: any }[] {
    return this.routesByService.get(service) ?? [];
  }

  /** The NetworkPolicies whose podSelector may select pods with these labels (a superset: match each one). */
  public policiesSelecting(labels: Readonly<Record<string, string>>): readonly any[] {
    return this.policiesByPodSelector.candidates(labels);
  }

  /** The NetworkPolicies with a rule whose peer may select pods with these labels as clients (a superset: match each one). */
  public policiesAdmitting(labels: Readonly<Record<string, string>>): readonly any[] {
    return this.policiesByClientSelector.candidates(labels);
  }

  /** The name of the Service a NetworkPolicy protects: the one selecting its pods, else the name the policy was given for it. */
  public serverOf(policy: any): string {
    const known = this.servers.get(policy);
    if (known !== undefined) return known;
    const server: string = this.selecting('Service', policy.spec?.podSelector?.matchLabels ?? {})?.metadata?.name
      ?? String(policy.metadata?.name).replace(/-ingress$/, '');
    this.servers.set(policy, server);
    return server;
  }
}

/** A Service's selector, a PodDisruptionBudget's `matchLabels`. */
function selectorOf(object: any): Record<string, string> | undefined {
  return object.kind === 'Service' ? object.spec?.selector : object.spec?.selector?.matchLabels;
}

/** Objects by kind, then name (the last one of a kind and name wins). */
class ObjectsByKindAndName {
  private readonly byKind = new Map<string, Map<string, any>>();

  public set(kind: unknown, name: unknown, object: any): void {
    const byName = this.byKind.get(String(kind)) ?? new Map<string, any>();
    this.byKind.set(String(kind), byName);
    byName.set(String(name), object);
  }

  public get(kind: unknown, name: unknown): any {
    return this.byKind.get(String(kind))?.get(String(name));
  }
}

function addTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Objects by the labels their selectors require (one label of each selector suffices), so the candidates
 * whose selector may match a pod's labels are found without a scan over every object; in the order added.
 */
class SelectorIndex<T> {
  private readonly items: T[] = [];
  private readonly byLabel = new LabelBuckets<number>();
  /** positions of items with an empty selector, which selects every pod */
  private readonly everyPod: number[] = [];

  public add(item: T, selectors: readonly (Readonly<Record<string, string>> | undefined)[]): void {
    const position = this.items.push(item) - 1;
    for (const selector of selectors) {
      if (selector === undefined) continue;
      const first = Object.entries(selector)[0];
      if (!first) this.everyPod.push(position);
      else this.byLabel.add(first[0], first[1], position);
    }
  }

  public candidates(labels: Readonly<Record<string, string>>): T[] {
    const positions = [...this.everyPod];
    for (const key of Object.keys(labels)) positions.push(...(this.byLabel.get(key, labels[key]) ?? []));
    const candidates: T[] = [];
    // an item filed under several of the labels is a candidate once
    positions.sort((a, b) => a - b).forEach((position, i) => {
      if (position !== positions[i - 1]) candidates.push(this.items[position]);
    });
    return candidates;
  }
}
