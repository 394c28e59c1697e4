/**
 * Writes a `--json` document to stdout in pieces of about a megabyte (see
 * runtime/report/json-chunks.ts: one string of a long capture's document
 * would be longer than V8 allows). stdout to a file or a pipe is written
 * synchronously on Linux, so no more than one piece is held at a time.
 */
import { jsonChunks } from '../runtime/report/index.js';

const PIECE = 1 << 20;

export function writeJson(value: unknown, out: NodeJS.WritableStream = process.stdout): void {
  let pending: string[] = [];
  let length = 0;
  for (const chunk of jsonChunks(value)) {
    pending.push(chunk);
    length += chunk.length;
    if (length >= PIECE) {
      out.write(pending.join(''));
      pending = [];
      length = 0;
    }
  }
  pending.push('\n');
  out.write(pending.join(''));
}
