import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Structural validation of rendered output against the vendored schemas: the Kubernetes 1.28
 * standalone-strict schemas (unknown fields are errors) and the Compose Specification schema.
 * Server-side rules (name formats, port ranges, whole GPUs) are the model's job, not these schemas'.
 */

// lib/check/ in the sources (the vendored schemas/), build/lib/check/ in the package (build/schemas/: the same
// schemas without their description texts, scripts/build-schemas.js)
const SCHEMAS = [path.join(__dirname, '..', '..', 'schemas'), path.join(__dirname, '..', '..', '..', 'schemas')]
  .find(dir => fs.existsSync(path.join(dir, 'compose-spec.json'))) ?? path.join(__dirname, '..', '..', 'schemas');
const OPENAPI_FORMATS = ['int32', 'int64', 'double', 'byte', 'int-or-string'];

let ajv: Ajv | undefined;
const kubernetesValidators = new Map<string, ValidateFunction>();
let composeValidator: ValidateFunction | undefined;

function compiler(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    for (const format of OPENAPI_FORMATS) ajv.addFormat(format, true);
  }
  return ajv;
}

/** `deployment-apps-v1.json`, `service-v1.json`, `horizontalpodautoscaler-autoscaling-v2.json` */
export function kubernetesSchemaFile(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : [undefined, apiVersion];
  return `${kind.toLowerCase()}${group ? `-${group.split('.')[0]}` : ''}-${version}.json`;
}

/** A schema error: where (a dotted path, `spec.ports[0].port`; '' for the whole document) and what. */
export interface SchemaError {
  readonly path: string;
  readonly message: string;
}

/** Problems of one Kubernetes object, each prefixed `<Kind>/<name>:`; [] when valid. */
export function validateKubernetesObject(object: any): string[] {
  const label = `${object?.kind}/${object?.metadata?.name}`;
  const validate = kubernetesValidator(object);
  if (typeof validate === 'string') return [`${label}: ${validate}`];
  return validate(object) ? [] : (validate.errors ?? []).map(e => `${label}: ${describe(e, '/')}`);
}

/** The schema errors of one Kubernetes object against the 1.28 strict schema of its kind; [] when valid. */
export function kubernetesSchemaErrors(object: any): SchemaError[] {
  const validate = kubernetesValidator(object);
  if (typeof validate === 'string') return [{ path: 'apiVersion', message: validate }];
  return validate(object) ? [] : (validate.errors ?? []).map(schemaError);
}

/** The compiled schema of the object's kind, or why there is none. */
function kubernetesValidator(object: any): ValidateFunction | string {
  const file = kubernetesSchemaFile(String(object?.apiVersion), String(object?.kind));
  let validate = kubernetesValidators.get(file);
  if (!validate) {
    const schemaPath = path.join(SCHEMAS, 'kubernetes-1.28', 'standalone-strict', file);
    if (!fs.existsSync(schemaPath)) return `no Kubernetes 1.28 schema for ${object?.apiVersion} ${object?.kind}`;
    const { $schema: _ignored, ...schema } = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
    validate = compiler().compile(schema);
    kubernetesValidators.set(file, validate);
  }
  return validate;
}

/** Problems of one Compose document, each as `<dotted.path>: <message>`; [] when valid. */
export function validateComposeFile(document: unknown): string[] {
  const validate = composeSchema();
  return validate(document) ? [] : (validate.errors ?? []).map(e => describe(e, '.'));
}

/** The schema errors of one Compose document against the Compose Specification; [] when valid. */
export function composeSchemaErrors(document: unknown): SchemaError[] {
  const validate = composeSchema();
  return validate(document) ? [] : (validate.errors ?? []).map(schemaError);
}

function composeSchema(): ValidateFunction {
  if (!composeValidator) {
    // ajv knows draft-07 by its http URL only; the schema's https form would fail to resolve
    const { $schema: _ignored, ...schema } = JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'compose-spec.json'), 'utf8'));
    composeValidator = compiler().compile(schema);
  }
  return composeValidator;
}

function describe(error: ErrorObject, separator: '/' | '.'): string {
  const segments = error.instancePath.split('/').slice(1);
  const where = separator === '/' ? error.instancePath || '/' : segments.join('.') || '(root)';
  const extra = error.keyword === 'additionalProperties' ? ` (${(error.params as any).additionalProperty})` : '';
  return `${where}: ${error.message}${extra}`;
}

function schemaError(error: ErrorObject): SchemaError {
  const segments = error.instancePath.split('/').slice(1).map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const path = segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
  const extra = error.keyword === 'additionalProperties' ? ` (${(error.params as any).additionalProperty})` : '';
  return { path, message: `${error.message}${extra}` };
}
