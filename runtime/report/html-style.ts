/** The report page's stylesheet, inlined so the page needs nothing beside itself. */
export const HTML_STYLE = `
:root{color-scheme:light;--fg:#1f2328;--muted:#57606a;--line:#d0d7de;--pass:#1a7f37;--fail:#cf222e;--warn:#9a6700;--accent:#0b5394}
*{box-sizing:border-box}
body{margin:0;padding:24px 32px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:0 0 12px;display:flex;gap:10px;align-items:center}h3{font-size:14px;margin:20px 0 8px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
.totals{margin:0 0 16px;color:var(--muted)}.totals strong.pass{color:var(--pass)}.totals strong.fail{color:var(--fail)}
.badge{display:inline-block;padding:1px 8px;border-radius:12px;font-size:12px;font-weight:700;color:#fff}.badge.pass{background:var(--pass)}.badge.fail{background:var(--fail)}
nav ul{list-style:none;padding:0;margin:0 0 24px}nav li{margin:2px 0}nav a{color:var(--accent);text-decoration:none}
section.trace{border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:0 0 24px}
section.trace.fail{border-color:#ff8182}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
.divergence{border-left:4px solid var(--fail);background:#fff5f5;padding:10px 14px;margin:16px 0;border-radius:0 6px 6px 0}
.divergence h3{color:var(--fail);margin-top:0;text-transform:none;letter-spacing:0;font-size:15px}
.divergence pre{background:#fff;border:1px solid #ffcecb;padding:8px 10px;border-radius:4px;overflow:auto;margin:8px 0 0}
.divergence .caret{color:var(--fail);font-weight:700}
ol.path{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:6px;align-items:center}
ol.path li{display:flex;align-items:center;gap:6px}
ol.path .state{border:1px solid var(--accent);color:var(--accent);border-radius:14px;padding:1px 10px;font-weight:600}
ol.path .state.final{background:var(--accent);color:#fff}
ol.path .via{color:var(--muted);font-size:12px}
ol.path .stop{border:1px solid var(--fail);color:var(--fail);border-radius:14px;padding:1px 10px;font-weight:600}
.ladder-box{overflow:auto;border:1px solid var(--line);border-radius:6px;padding:8px;background:#fff}
.legend{color:var(--muted);font-size:12px;margin:6px 0 0}.legend span{margin-right:14px}
.legend .k-expected{color:#0b5394}.legend .k-assumed{color:#0969da}.legend .k-background{color:#8c959f}.legend .k-divergence{color:#cf222e}
table.coverage{border-collapse:collapse;width:100%;max-width:1100px}
table.coverage th,table.coverage td{border-bottom:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}
table.coverage th{color:var(--muted);font-weight:600}
table.coverage tr.missed td{background:#fff8c5}
table.coverage td.yes{color:var(--pass);font-weight:700}table.coverage td.no{color:var(--warn);font-weight:700}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin:0 0 8px}.chip{border-radius:12px;padding:0 8px;border:1px solid var(--line)}
.chip.yes{border-color:var(--pass);color:var(--pass)}.chip.no{border-color:var(--warn);color:var(--warn);background:#fff8c5}
.problems li{color:var(--fail)}.problems li.warning{color:var(--warn)}
`;
