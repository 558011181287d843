/**
 * Object size limits the API server enforces and the JSON schemas do not carry.
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go (MaxSecretSize, ValidateConfigMap)
 * @see https://github.com/kubernetes/apimachinery/blob/master/pkg/api/validation/objectmeta.go (TotalAnnotationSizeLimitB)
 */

/**
 * ConfigMap `data` and Secret `data`: the sum of the values, in bytes. Only ConfigMaps are checked: twinstack
 * renders no Secret object (`SecretSource.existing` names one the cluster holds, whose size is not twinstack's).
 */
export const MAX_DATA_BYTES = 1024 * 1024;

/** All annotations of one object: the sum of keys and values, in bytes. */
export const MAX_ANNOTATION_BYTES = 256 * 1024;

/** Bytes of a string in UTF-8, as the API server counts them. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** `must be at most 262144 bytes in total (it is 300000)` when the annotations of one object (keys and values) take too many bytes. */
export function annotationBytesRule(bytes: number): string | undefined {
  return bytes > MAX_ANNOTATION_BYTES ? `must be at most ${MAX_ANNOTATION_BYTES} bytes in total (it is ${bytes})` : undefined;
}
