import { Construct } from 'constructs';
import { diagnosticText } from './diagnostic-format';
import { Problem } from './diagnostics';

/** A construct that checks its own declaration; twinstack's validation collects these problems. */
export interface SelfValidating {
  /** @internal */
  _problems(): Problem[];
}

/** @internal */
export function isSelfValidating(construct: unknown): construct is SelfValidating {
  return typeof (construct as Partial<SelfValidating> | undefined)?._problems === 'function';
}

/**
 * Also reports a construct's problems to cdk8s validation (`node.validate()`), as text, so the constructs
 * check themselves under a plain cdk8s App too.
 * @internal
 */
export function addCdk8sValidation(construct: Construct & SelfValidating): void {
  construct.node.addValidation({ validate: () => construct._problems().map(p => diagnosticText({ severity: 'error', ...p })) });
}
