/**
 * Kubernetes objects indexed for the read-back, so that finding a workload's Service, autoscaler,
 * disruption budget, claims and routes costs a lookup instead of a scan over every object.
 */
export class ManifestIndex {
  private readonly byKindAndName = new Map<string, any>();
  private readonly autoscalers = new Map<string, any>();
  private readonly selectorsByLabel = new Map<string, any[]>();
  private readonly routesByService = new Map<string, { ingress: any; rule: any; path: any }[]>();
  private readonly policies: any[] = [];

  constructor(objects: readonly any[]) {
    for (const object of objects) {
      if (!object?.kind) continue;
      this.byKindAndName.set(`${object.kind}/${object.metadata?.name}`, object);
      if (object.kind === 'HorizontalPodAutoscaler') {
        const target = object.spec?.scaleTargetRef;
        this.autoscalers.set(`${target?.kind}/${target?.name}`, object);
      }
      const selector = object.kind === 'Service' ? object.spec?.selector : object.kind === 'PodDisruptionBudget' ? object.spec?.selector?.matchLabels : undefined;
      const first = Object.entries(selector ?? {}).sort()[0];
      if (first) this.add(this.selectorsByLabel, `${object.kind}:${first[0]}=${first[1]}`, object);
      if (object.kind === 'NetworkPolicy') this.policies.push(object);
      if (object.kind === 'Ingress') {
        for (const rule of object.spec?.rules ?? []) {
          for (const path of rule.http?.paths ?? []) {
            const service = path.backend?.service?.name;
            if (service) this.add(this.routesByService, service, { ingress: object, rule, path });
          }
        }
      }
    }
  }

  public get(kind: string, name: string | undefined): any {
    return this.byKindAndName.get(`${kind}/${name}`);
  }

  public autoscalerOf(workload: any): any {
    return this.autoscalers.get(`${workload.kind}/${workload.metadata?.name}`);
  }

  /** The first Service or PodDisruptionBudget whose selector matches these pod labels. */
  public selecting(kind: 'Service' | 'PodDisruptionBudget', labels: Record<string, string>): any {
    for (const [key, value] of Object.entries(labels).sort()) {
      for (const candidate of this.selectorsByLabel.get(`${kind}:${key}=${value}`) ?? []) {
        const selector = kind === 'Service' ? candidate.spec.selector : candidate.spec.selector.matchLabels;
        if (Object.entries<any>(selector).every(([k, v]) => labels[k] === v)) return candidate;
      }
    }
    return undefined;
  }

  public routesTo(service: string): readonly { ingress: any; rule: any; path: any }[] {
    return this.routesByService.get(service) ?? [];
  }

  public networkPolicies(): readonly any[] {
    return this.policies;
  }

  private add<T>(map: Map<string, T[]>, key: string, value: T): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  }
}
