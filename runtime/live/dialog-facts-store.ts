/**
 * Where the SIP dialogs of each saved session are kept between restarts,
 * beside its SessionRecord: the record says which leg is on which dialog id,
 * these facts say where that dialog is for drachtio-server. One JSON file
 * per session (written to a temporary file, then renamed over the old one),
 * or memory.
 */
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDialogFacts, type DialogFacts } from '../drachtio/dialog-facts.js';
import { recordFileName } from '../persist/file-snapshot-store.js';
import { storeFailure, type StoreFailure } from '../persist/snapshot-store.js';

export interface DialogFactsStore {
  put(flow: string, key: string | undefined, facts: readonly DialogFacts[]): Promise<StoreFailure | undefined>;
  delete(flow: string, key: string | undefined): Promise<StoreFailure | undefined>;
  /** Every saved session's facts, all together (recovery needs them before any session is restored). */
  all(): Promise<DialogFacts[]>;
}

export class MemoryDialogFactsStore implements DialogFactsStore {
  private readonly texts = new Map<string, string>();

  put(flow: string, key: string | undefined, facts: readonly DialogFacts[]): Promise<StoreFailure | undefined> {
    this.texts.set(recordFileName(flow, key), JSON.stringify(facts));
    return Promise.resolve(undefined);
  }

  delete(flow: string, key: string | undefined): Promise<StoreFailure | undefined> {
    this.texts.delete(recordFileName(flow, key));
    return Promise.resolve(undefined);
  }

  all(): Promise<DialogFacts[]> {
    return Promise.resolve([...this.texts.values()].flatMap((text) => parseDialogFacts(JSON.parse(text) as unknown)));
  }
}

export class FileDialogFactsStore implements DialogFactsStore {
  private readonly writes = new Map<string, Promise<StoreFailure | undefined>>();
  private seq = 0;

  constructor(private readonly directory: string) {}

  put(flow: string, key: string | undefined, facts: readonly DialogFacts[]): Promise<StoreFailure | undefined> {
    const name = recordFileName(flow, key);
    return this.chain(name, () => this.write(name, JSON.stringify(facts)));
  }

  delete(flow: string, key: string | undefined): Promise<StoreFailure | undefined> {
    const name = recordFileName(flow, key);
    return this.chain(name, async () => {
      try {
        await unlink(join(this.directory, name));
        return undefined;
      } catch (error) {
        return isMissing(error) ? undefined : storeFailure(`cannot delete \`${name}\`: ${describe(error)}`);
      }
    });
  }

  async all(): Promise<DialogFacts[]> {
    await Promise.all(this.writes.values());
    let names: string[];
    try {
      names = await readdir(this.directory);
    } catch {
      return [];
    }
    const out: DialogFacts[] = [];
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      try {
        out.push(...parseDialogFacts(JSON.parse(await readFile(join(this.directory, name), 'utf8')) as unknown));
      } catch {
        // A damaged file loses only its own dialogs: their sessions are told the legs are lost.
      }
    }
    return out;
  }

  private chain(name: string, op: () => Promise<StoreFailure | undefined>): Promise<StoreFailure | undefined> {
    const next = (this.writes.get(name) ?? Promise.resolve(undefined)).then(op);
    this.writes.set(name, next);
    void next.then(() => {
      if (this.writes.get(name) === next) this.writes.delete(name);
    });
    return next;
  }

  private async write(name: string, text: string): Promise<StoreFailure | undefined> {
    const target = join(this.directory, name);
    const temporary = `${target}.${process.pid}.${this.seq++}.tmp`;
    try {
      await mkdir(this.directory, { recursive: true });
      await writeFile(temporary, text, 'utf8');
      await rename(temporary, target);
      return undefined;
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      return storeFailure(`cannot write \`${name}\`: ${describe(error)}`);
    }
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
