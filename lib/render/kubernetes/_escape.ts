/** Kubernetes expands `$(VAR)` in command, args and env values; model values are literal, so it is written `$$(VAR)`. */
export function escapeVariableReference(value: string): string {
  return value.replace(/\$\(/g, '$$$$(');
}
