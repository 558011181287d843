import { Check, severities } from './check';
import { composeFileHit } from './_compose';
import { kubernetesHit } from './_kubernetes';

export const noSecretValues: Check = {
  id: 'no-secret-values',
  title: 'No secret value in dist/: no Secret with `data` or `stringData`; Compose secrets come from a `file`, an `environment` variable or are `external`.',
  rationale: 'dist/ is committed and reviewed: a value in it is published. twinstack writes references only, so a value here is a hand edit.',
  fix: "Keep the value outside dist/: SecretSource.existing('name', 'key') in clusters, SecretSource.file(...) or SecretSource.environment(...) for Compose.",
  severity: severities('E/E/E'),
  kubernetes: documents => documents.filter(d => d.object?.kind === 'Secret').flatMap(document => (['data', 'stringData'] as const)
    .filter(field => Object.keys(document.object[field] ?? {}).length > 0)
    .map(field => kubernetesHit(document, field, `holds ${Object.keys(document.object[field]).length} value(s); keep secret values outside dist/`))),
  compose: file => Object.entries<any>(file.document?.secrets ?? {})
    .filter(([, secret]) => secret?.file === undefined && secret?.environment === undefined && !secret?.external)
    .map(([name, secret]) => composeFileHit(file, `secrets.${name}`, secret?.content !== undefined ? 'holds its value (content); keep secret values outside dist/' : 'has no file, environment or external source')),
};
