/** An environment's tier: how strict its checks are. */
export type Tier = 'dev' | 'staging' | 'prod';
export const TIERS: readonly Tier[] = ['dev', 'staging', 'prod'];

export type Severity = 'error' | 'warning' | 'off';

export type CheckTarget = 'kubernetes' | 'compose';

/** One Kubernetes object of a file under `dist/<env>/kubernetes/`. */
export interface KubernetesDocument {
  /** the file as the user names it, e.g. `dist/prod/kubernetes/shop.k8s.yaml` */
  readonly file: string;
  readonly object: any;
}

/** One Compose file of an environment: `compose.yaml`, or an overlay such as `compose.gpu.yaml`. */
export interface ComposeDocument {
  readonly file: string;
  readonly document: any;
  /** a file meant to be merged over compose.yaml (`-f compose.yaml -f compose.gpu.yaml`) */
  readonly overlay: boolean;
}

/** What a check found, before the runner gives it its environment, severity and suppression. */
export interface Hit {
  readonly file: string;
  /** `Deployment/api` for Kubernetes, `services.api` for Compose, `(file)` for the file as a whole */
  readonly object: string;
  /** where in the object, e.g. `spec.template.spec.containers[0].image` */
  readonly path: string;
  readonly message: string;
  /** the object's annotations (Kubernetes: its own and its pod template's) or labels (Compose), where suppressions are */
  readonly annotations: Readonly<Record<string, string>>;
}

/**
 * One policy: pure functions of the rendered output of one environment. A check reads `dist/` as it is, so
 * it also sees hand edits and the output of another twinstack version.
 */
export interface Check {
  /** kebab-case, stable, never reused */
  readonly id: string;
  /** one line: what it requires */
  readonly title: string;
  /** why it matters */
  readonly rationale: string;
  /** how to fix a finding in the model */
  readonly fix: string;
  readonly severity: Readonly<Record<Tier, Severity>>;
  /** the same rule in kube-linter, kube-score, Polaris or Checkov, for reviewers who know those */
  readonly alsoIn?: string;
  /** an annotation whose value, a reason, suppresses this check as `twinstack.dev/suppress.<id>` does */
  readonly alsoSuppressedBy?: string;
  kubernetes?(documents: readonly KubernetesDocument[]): Hit[];
  /** overlays are passed only to checks that read what overlays hold (`readsOverlays`) */
  compose?(file: ComposeDocument): Hit[];
  readonly readsOverlays?: boolean;
}

/** `W/E/E`: dev / staging / prod */
export function severities(text: string): Record<Tier, Severity> {
  const [dev, staging, prod] = text.split('/').map(s => ({ E: 'error', W: 'warning', off: 'off' } as const)[s as 'E' | 'W' | 'off']);
  if (!dev || !staging || !prod) throw new Error(`severities '${text}' must be three of E, W, off separated by /`);
  return { dev, staging, prod };
}
