import { kubernetesSchemaErrors } from '../schema-validator';
import { Check, severities } from './check';
import { kubernetesHit } from './_kubernetes';

export const schemaK8s: Check = {
  id: 'schema-k8s',
  title: 'Every Kubernetes object is valid against the 1.28 strict JSON schema of its kind (unknown keys, duplicate keys, types).',
  rationale: 'kubectl drops unknown fields silently (or the server refuses them under --validate=strict): a misspelled field is a setting that never applies.',
  fix: 'Fix the hand edit or the escape-hatch patch (patchKubernetes) that wrote the field; twinstack itself only writes valid objects.',
  severity: severities('E/E/E'),
  alsoIn: 'kube-linter schema-validation (opt-in), kubeconform -strict',
  kubernetes: documents => documents.flatMap(document => kubernetesSchemaErrors(document.object)
    .map(error => kubernetesHit(document, error.path, error.message))),
};
