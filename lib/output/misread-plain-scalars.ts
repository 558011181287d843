import { ScalarStyleRule, SCALAR_STYLE } from 'js-yaml';

/**
 * Plain scalars that some reader of twinstack's output resolves to something other than the string written:
 * kubectl reads YAML 1.1 rules (go-yaml v2 through sigs.k8s.io/yaml: Go's `ParseInt(s, 0, 64)` and
 * `ParseFloat` after removing `_`, so `0o17`, `1_000` and 20-digit integers are numbers), Compose reads
 * YAML 1.2 (go-yaml v3), and JavaScript readers such as `yaml` with `{ version: '1.1' }` also take `.`,
 * `e5` or `.E1` for floats. The patterns are deliberately wider than any one reader: quoting a string
 * that would have read back fine costs two characters, a misread string changes the value.
 */
const MISREAD: readonly RegExp[] = [
  // decimals and floats, with or without digits around the `.`: 1_000, 007, ., +., ._
  /^[-+]?(?=.*[0-9.])[0-9_]*\.?[0-9_]*$/,
  // exponent forms, with or without a mantissa: 1e3, e5, .E1
  /^[-+]?[0-9_]*\.?[0-9_]*[eE][-+]?[0-9_]*[0-9][0-9_]*$/,
  // prefixed integers: 0x, 0o, 0b
  /^[-+]?0[xXoObB][0-9a-fA-F_]*$/,
  // sexagesimal (YAML 1.1): 190:20:30, 1:30.5
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/,
  /^[-+]?\.(?:inf|Inf|INF)$/,
  /^\.(?:nan|NaN|NAN)$/,
  // timestamps (YAML 1.1): 2001-12-14, 2001-12-14t21:59:43.10-05:00
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:$|[Tt ])/,
  // document markers, where a plain key or a document's only scalar would start a line with them
  /^(?:---|\.\.\.)(?:[ \t]|$)/,
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|~|null|Null|NULL|<<|=)?$/,
];

/** A js-yaml scalar style rule: a string that some reader would misread is double-quoted instead of plain. */
export const quoteMisreadPlainStrings: ScalarStyleRule = layout => {
  if (layout.style !== SCALAR_STYLE.PLAIN || layout.node.tag !== layout.presenterOptions.schema.defaultScalarTag.tagName) return;
  if (MISREAD.some(pattern => pattern.test(layout.node.value))) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
};
