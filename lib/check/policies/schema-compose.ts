import { composeSchemaErrors } from '../schema-validator';
import { Check, severities } from './check';
import { composeFileHit } from './_compose';

export const schemaCompose: Check = {
  id: 'schema-compose',
  title: 'Each Compose file is valid against the Compose Specification schema.',
  rationale: '`docker compose` refuses an invalid file, or (with an older engine) ignores what it does not know.',
  fix: 'Fix the hand edit or the escape-hatch patch (patchCompose) that wrote the field.',
  severity: severities('E/E/E'),
  alsoIn: 'docker compose config --quiet',
  readsOverlays: true,
  compose: file => composeSchemaErrors(file.document).map(error => composeFileHit(file, error.path, error.message)),
};
