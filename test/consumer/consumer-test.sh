#!/usr/bin/env bash
# The package as a user gets it: packs twinstack, sets up a project the way `cdk8s init typescript-app` does
# (its files written here, offline), installs the tarball and cdk8s-cli (from npm's cache where the repository's
# own install left them), and checks synth under ts-node and tsx, a strict type-check, the CLI, and that the
# output is byte-identical to the same main.ts synthesized from this repository's sources.
#   npm run test:consumer            (KEEP=1 keeps the work folder)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/test/consumer"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/twinstack-consumer-XXXXXX")"
[ "${KEEP:-}" = 1 ] && echo "work folder: $WORK" || trap 'rm -rf "$WORK"' EXIT
step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
version() { node -p "require('$ROOT/package.json').devDependencies['$1']"; }

step "pack"
(cd "$ROOT" && npm pack --silent --pack-destination "$WORK" >/dev/null)
TARBALL="$(ls "$WORK"/twinstack-*.tgz)"
SIZE=$(stat -c %s "$TARBALL")
echo "tarball: $(basename "$TARBALL"), $SIZE bytes"
[ "$SIZE" -lt 300000 ] || fail "tarball is $SIZE bytes, the limit is 300 kB"
UNWANTED=$(tar tzf "$TARBALL" | grep -E '^package/(test|bench|dist|schemas|imports|lib|scripts|etc)/|\.ts$' | grep -v '\.d\.ts$' || true)
[ -z "$UNWANTED" ] || fail "the tarball holds files a user does not need:
$UNWANTED"

step "a project as cdk8s init typescript-app writes it"
APP="$WORK/hello"
mkdir -p "$APP"
cd "$APP"
cat > package.json <<JSON
{
  "name": "hello",
  "version": "1.0.0",
  "main": "main.js",
  "types": "main.ts",
  "license": "Apache-2.0",
  "private": true,
  "scripts": { "synth": "cdk8s synth", "compile": "tsc --build", "test": "jest" }
}
JSON
cp "$ROOT/node_modules/cdk8s-cli/templates/typescript-app/tsconfig.json" tsconfig.json
printf 'language: typescript\napp: npx ts-node main.ts\nimports:\n  - k8s\n' > cdk8s.yaml
printf '*.d.ts\n*.js\n!jest.config.js\nnode_modules\ndist/\n' > .gitignore
cp "$HERE/main.ts" main.ts
cp "$HERE/tsconfig.strict.json" tsconfig.strict.json

step "install the tarball, cdk8s and cdk8s-cli"
START=$SECONDS
npm install --prefer-offline --no-audit --no-fund --loglevel=error "$TARBALL" \
  "cdk8s@$(version cdk8s)" "constructs@$(version constructs)" "cdk8s-cli@$(version cdk8s-cli)" \
  "typescript@$(version typescript)" "ts-node@$(version ts-node)" "tsx@$(version tsx)" "@types/node@$(version @types/node)"
echo "installed in $((SECONDS - START)) s"

step "the same model synthesized from this repository's sources"
sed "s#from 'twinstack'#from '$ROOT/lib'#" main.ts > "$WORK/from-source.ts"
# NODE_PATH: main.ts imports cdk8s too, which resolves to the repository's copy, as lib/ does. It runs in a
# folder of its own with its output at dist/, as the project's does: file paths are relative to both
mkdir -p "$WORK/from-source"
tsx_hook=$(cd "$ROOT" && node -p "require.resolve('tsx/cjs')")
(cd "$WORK/from-source" && NODE_PATH="$ROOT/node_modules" TWINSTACK_OUTDIR=dist node --require "$tsx_hook" "$WORK/from-source.ts" >/dev/null)
mv "$WORK/from-source/dist" "$WORK/expected"

step "cdk8s synth with the default ts-node app"
npx cdk8s synth --no-check-upgrade
diff -r "$WORK/expected" dist || fail "the output under ts-node differs from the repository's"

step "cdk8s synth with tsx"
printf 'language: typescript\napp: npx tsx main.ts\n' > cdk8s.yaml
rm -rf dist
npx cdk8s synth --no-check-upgrade
diff -r "$WORK/expected" dist || fail "the output under tsx differs from the repository's"

step "type-check with the template's settings, then the strictest common ones"
# skipLibCheck: @types/node 20 itself does not check under TypeScript 5.9 without it
npx tsc --noEmit --skipLibCheck -p tsconfig.json
npx tsc -p tsconfig.strict.json
# twinstack's own declarations check without skipLibCheck, against the template's ES2016 library
printf '{"extends":"./tsconfig.strict.json","compilerOptions":{"skipLibCheck":false,"types":[]},"include":[],"files":["node_modules/twinstack/build/twinstack.d.ts"]}' > tsconfig.declarations.json
npx tsc -p tsconfig.declarations.json

step "the CLI in the project"
npx twinstack diff dev prod >/dev/null
npx twinstack diff --targets dev >/dev/null
npx twinstack drift
sed -i 's/replicas: 3/replicas: 4/' dist/prod/kubernetes/hello.k8s.yaml
set +e; npx twinstack drift >/dev/null; DRIFT=$?; set -e
[ "$DRIFT" = 2 ] || fail "drift after a hand edit of dist/ exited $DRIFT, not 2"
npx twinstack doctor --env dev >/dev/null
step "twinstack init: a new project, then npm ci && npx cdk8s synth in it"
FRESH="$WORK/fresh"
"$APP/node_modules/.bin/twinstack" init "$FRESH" --no-install
set +e; "$APP/node_modules/.bin/twinstack" init "$FRESH" --no-install 2>/dev/null; AGAIN=$?; set -e
[ "$AGAIN" = 1 ] || fail "a second init into the same folder exited $AGAIN, not 1"
cd "$FRESH"
# the tarball stands in for the published version the new package.json names
npm install --prefer-offline --no-audit --no-fund --loglevel=error "$TARBALL"
rm -rf node_modules
npm ci --prefer-offline --no-audit --no-fund --loglevel=error
npm run synth --silent
npm test --silent
npm run typecheck --silent
npx twinstack drift
echo "consumer test passed"
