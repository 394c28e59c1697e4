/** A V8 heap snapshot as JSON, for tests that count what a replay keeps alive. */
import { getHeapSnapshot } from 'node:v8';

export interface HeapSnapshotJson {
  readonly snapshot: { readonly meta: { readonly node_fields: readonly string[]; readonly node_types: readonly [readonly string[], ...unknown[]] } };
  readonly nodes: readonly number[];
  readonly strings: readonly string[];
}

/** Taken when called (the stream is read afterwards). */
export async function heapSnapshot(): Promise<HeapSnapshotJson> {
  const chunks: Buffer[] = [];
  for await (const chunk of getHeapSnapshot()) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as HeapSnapshotJson;
}
