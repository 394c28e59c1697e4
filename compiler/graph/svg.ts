/**
 * SVG from DOT with Graphviz compiled to WebAssembly (@hpcc-js/wasm-graphviz).
 * The module embeds its wasm binary, so rendering works offline; it is loaded
 * on first use only, since it is large and only `--format svg` needs it.
 */

export type SvgResult = { readonly ok: true; readonly svg: string } | { readonly ok: false; readonly message: string };

export async function renderSvg(dot: string): Promise<SvgResult> {
  try {
    const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
    const graphviz = await Graphviz.load();
    return { ok: true, svg: graphviz.dot(dot, 'svg') };
  } catch (error) {
    // the DOT is generated, so a rejection is a flowc bug (or a broken install), never the user's input
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
