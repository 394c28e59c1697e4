/**
 * The nesting of a generated diagram, read back from its text, so tests can
 * say "Talking is inside Connected" without matching whole documents.
 */

export interface Outline {
  /** Block (composite or cluster) each state or block is declared in; undefined: the top level. */
  readonly parentOf: ReadonlyMap<string, string | undefined>;
  /** For each block, the ids declared directly in each `--`-separated part. */
  readonly parts: ReadonlyMap<string, readonly (readonly string[])[]>;
  /** Mermaid: every block an id is declared or used in (edges too), the top level aside: Mermaid moves a state into the last one. */
  readonly mentionedIn: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Mermaid: `state ... as Id {` / `state Id {` open blocks, `--` separates regions, a leaf is its id (or `Id : text`). */
export function mermaidOutline(text: string): Outline {
  const parentOf = new Map<string, string | undefined>();
  const parts = new Map<string, string[][]>();
  const mentionedIn = new Map<string, Set<string>>();
  const mention = (id: string, block: string | undefined): void => {
    if (block !== undefined && id !== '[*]') mentionedIn.set(id, (mentionedIn.get(id) ?? new Set<string>()).add(block));
  };
  const stack: string[] = [];
  let inNote = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (inNote) {
      inNote = line !== 'end note';
      continue;
    }
    if (line.startsWith('note ')) {
      inNote = true;
      continue;
    }
    const block = /^state (?:"[^"]*" as )?(\S+) \{$/.exec(line);
    const leaf = /^(?:state "[^"]*" as )?([A-Za-z_][\w]*)(?: : .*)?$/.exec(line);
    const edge = /^(\S+) --> (\S+)/.exec(line);
    const current = stack.at(-1);
    if (block?.[1] !== undefined) {
      declare(parentOf, parts, block[1], current);
      mention(block[1], current);
      stack.push(block[1]);
      parts.set(block[1], [[]]);
    } else if (line === '}') {
      stack.pop();
    } else if (line === '--' && current !== undefined) {
      parts.get(current)?.push([]);
    } else if (edge?.[1] !== undefined && edge[2] !== undefined) {
      mention(edge[1], current);
      mention(edge[2], current);
    } else if (leaf?.[1] !== undefined) {
      declare(parentOf, parts, leaf[1], current);
      mention(leaf[1], current);
    }
  }
  return { parentOf, parts, mentionedIn };
}

/** DOT: `subgraph "cluster_Id" {` opens a block, `"Id" [...]` or `"Id";` declares a node (edges are skipped). */
export function dotOutline(text: string): Outline {
  const parentOf = new Map<string, string | undefined>();
  const parts = new Map<string, string[][]>();
  const stack: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const cluster = /^subgraph "cluster_([^"]*)" \{$/.exec(line);
    const node = /^"([^"]*)"(?: \[.*\])?;$/.exec(line);
    if (cluster?.[1] !== undefined) {
      declare(parentOf, parts, cluster[1], stack.at(-1));
      stack.push(cluster[1]);
      parts.set(cluster[1], [[]]);
    } else if (line === '}') {
      stack.pop();
    } else if (node?.[1] !== undefined && !line.includes(' -> ')) {
      declare(parentOf, parts, node[1], stack.at(-1));
    }
  }
  return { parentOf, parts, mentionedIn: new Map() };
}

function declare(parentOf: Map<string, string | undefined>, parts: Map<string, string[][]>, id: string, parent: string | undefined): void {
  // the first declaration decides, as in both Mermaid (top level aside) and Graphviz
  if (parentOf.has(id)) return;
  parentOf.set(id, parent);
  if (parent !== undefined) parts.get(parent)?.at(-1)?.push(id);
}
