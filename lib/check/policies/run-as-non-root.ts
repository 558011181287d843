import { RUN_AS_ROOT_LABEL } from '../../names';
import { Check, severities } from './check';
import { composeHit, servicesOf } from './_compose';
import { containersOf, kubernetesHit, podsOf } from './_kubernetes';

/** Below this, a uid may be a user of the host (kube-score's and Checkov's threshold). */
export const MIN_UID = 10000;

export const runAsNonRoot: Check = {
  id: 'run-as-non-root',
  title: `Containers run as a numeric non-root user, uid ${MIN_UID} or above (Kubernetes: \`runAsNonRoot: true\`).`,
  rationale: 'Root in a container is root on the host after an escape; a low uid may be a real user of the host, with its files.',
  fix: `The default user is 10001. An official image's own user (postgres 70) needs a suppression with its reason; an image that must start as root, security: { runAsRoot: '<why>' }, which counts as that suppression.`,
  severity: severities('E/E/E'),
  alsoIn: 'kube-linter run-as-non-root, kube-score container-security-context-user-group-id, Polaris runAsRootAllowed, Checkov CKV_K8S_23/40',
  alsoSuppressedBy: RUN_AS_ROOT_LABEL,
  kubernetes: documents => podsOf(documents).flatMap(pod => containersOf(pod).flatMap(({ container, path }) => {
    const podContext = pod.pod.spec.securityContext ?? {};
    const context = container.securityContext ?? {};
    const nonRoot = context.runAsNonRoot ?? podContext.runAsNonRoot;
    const user = context.runAsUser ?? podContext.runAsUser;
    const hits = [];
    if (nonRoot !== true) hits.push(kubernetesHit(pod.document, `${path}.securityContext.runAsNonRoot`, `container ${container.name} does not set runAsNonRoot: true`));
    if (user !== undefined && user < MIN_UID) {
      hits.push(kubernetesHit(pod.document, `${path}.securityContext.runAsUser`, `container ${container.name} runs as uid ${user}${user === 0 ? ' (root)' : `, below ${MIN_UID}`}`));
    }
    return hits;
  })),
  compose: file => servicesOf(file).flatMap(of => {
    const user = of.service.user;
    if (user === undefined) return [composeHit(of, 'user', "sets no user, so it runs as the image's user (often root)")];
    const uid = String(user).split(':')[0]!;
    if (!/^\d+$/.test(uid)) return [composeHit(of, 'user', `${JSON.stringify(user)} names a user; a numeric uid can be verified`)];
    const n = Number(uid);
    return n >= MIN_UID ? [] : [composeHit(of, 'user', `runs as uid ${n}${n === 0 ? ' (root)' : `, below ${MIN_UID}`}`)];
  }),
};
