/**
 * Kubernetes expands `$(VAR)` in a container's command, args and env values, and reads `$$` as an
 * escaped `$` (so a shell's `$$` would reach it as `$`). Model values are literal, so every `$` is
 * written `$$`, as in Compose.
 * @see https://kubernetes.io/docs/tasks/inject-data-application/define-interdependent-environment-variables/
 */
export function escapeVariableReference(value: string): string {
  return value.replace(/\$/g, '$$$$');
}

/**
 * What the container sees for a command, args or env value, as the kubelet expands it
 * (third_party/forked/golang/expansion): `$$` is `$`, and `$(VAR)` stays as written, since the
 * reader knows no variables.
 */
export function expandVariableReferences(value: string): string {
  return value.replace(/\$\$/g, '$');
}
