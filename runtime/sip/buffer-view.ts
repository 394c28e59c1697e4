/**
 * Views any byte array as a Node Buffer over the same memory, so the parser
 * can use the native `indexOf` and `latin1` decoding without copying.
 */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
