#!/usr/bin/env node
// Copies the schemas `twinstack check` validates with into build/schemas/ without their `description`
// texts: they are annotations (JSON Schema ignores them when validating), and they are most of the bytes
// of the Kubernetes standalone schemas, which repeat the pod spec in every workload kind.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const files = [
  'compose-spec.json',
  ...fs.readdirSync(path.join(root, 'schemas', 'kubernetes-1.28', 'standalone-strict'))
    .filter(name => name.endsWith('.json'))
    .map(name => path.join('kubernetes-1.28', 'standalone-strict', name)),
];

/** `description` is removed where it is a keyword, never where it names a property (under `properties`). */
function withoutDescriptions(value, parentKey) {
  if (Array.isArray(value)) return value.map(item => withoutDescriptions(item, undefined));
  if (value === null || typeof value !== 'object') return value;
  const result = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'description' && typeof child === 'string' && parentKey !== 'properties') continue;
    result[key] = withoutDescriptions(child, key);
  }
  return result;
}

for (const file of files) {
  const schema = JSON.parse(fs.readFileSync(path.join(root, 'schemas', file), 'utf8'));
  const target = path.join(root, 'build', 'schemas', file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, JSON.stringify(withoutDescriptions(schema, undefined)));
}
