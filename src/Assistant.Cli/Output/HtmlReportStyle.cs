namespace Assistant.Cli.Output;

/// <summary>The report's inline stylesheet: screen and print (no colors needed to read a diff: +/− signs stay).</summary>
internal static class HtmlReportStyle
{
    public const string Css = """
        :root { --fg:#1f2328; --muted:#59636e; --line:#d1d9e0; --add:#dafbe1; --del:#ffebe9; --hunk:#ddf4ff; }
        * { box-sizing: border-box; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); margin: 0 auto; max-width: 1100px; padding: 16px 24px; }
        h1 { font-size: 22px; margin: 0 0 4px; } h2 { border-bottom: 1px solid var(--line); padding-bottom: 4px; margin-top: 28px; } h3 small, h2 small { color: var(--muted); font-weight: normal; }
        .meta { color: var(--muted); margin: 2px 0 8px; } nav a { margin-right: 12px; }
        code, pre { font: 12px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
        .cards { display: flex; flex-wrap: wrap; gap: 8px; margin-bottom: 12px; }
        .card { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; min-width: 96px; }
        .card .count { display: block; font-size: 22px; font-weight: 600; } .card .label { color: var(--muted); }
        table { border-collapse: collapse; width: 100%; margin: 8px 0; } th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
        th { background: #f6f8fa; } td.num { text-align: right; font-variant-numeric: tabular-nums; } .id { color: var(--muted); font-size: 12px; }
        .state { border-radius: 10px; padding: 0 8px; background: #eef1f4; white-space: nowrap; }
        .state-merged { background: #e9d8fd; } .state-committed { background: #dafbe1; } .state-in-progress { background: #fff8c5; } .state-not-started { background: #eef1f4; }
        .check.passed { color: #1a7f37; font-weight: 600; } .check.failed { color: #cf222e; font-weight: 600; } .warn { color: #9a6700; }
        .flow-detail { border: 1px solid var(--line); border-radius: 6px; padding: 8px 16px; margin: 12px 0; }
        .step { margin: 8px 0; } .step summary { cursor: pointer; } .step .commit, .step time { color: var(--muted); } .rules { margin: 4px 0; }
        .diff { border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; overflow: hidden; }
        .diff-file { background: #f6f8fa; padding: 4px 8px; font-family: ui-monospace, monospace; font-size: 12px; border-bottom: 1px solid var(--line); }
        .stat .add { color: #1a7f37; } .stat .del { color: #cf222e; }
        .diff pre { margin: 0; padding: 4px 0; overflow-x: auto; } .diff .line, .diff .hunk { display: block; padding: 0 8px; white-space: pre-wrap; word-break: break-all; }
        .line.added { background: var(--add); } .line.removed { background: var(--del); } .hunk { background: var(--hunk); color: var(--muted); }
        .kw { color: #cf222e; } .str { color: #0a3069; } .com { color: #6e7781; font-style: italic; }
        .behaviour .b-changed td:first-child { color: #9a6700; } .behaviour .b-dropped td:first-child { color: #cf222e; } .behaviour .b-preserved td:first-child { color: #1a7f37; }
        .check-tables { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; } .check-tables > * { flex: 1 1 420px; min-width: 0; }
        .graph .g-error td:first-child, .graph-counts.has-errors { color: #cf222e; } .graph .g-warning td:first-child { color: #9a6700; } .graph-counts { color: var(--muted); }
        .chart svg { max-width: 100%; height: auto; } .chart .axis { stroke: #8c959f; } .chart polyline { fill: none; stroke-width: 2; }
        .chart polyline.steps, .key.steps { stroke: #0969da; background: #0969da; } .chart polyline.done, .key.done { stroke: #1a7f37; background: #1a7f37; }
        .chart text { font-size: 11px; fill: var(--muted); } .key { display: inline-block; width: 12px; height: 4px; vertical-align: middle; }
        .empty { color: var(--muted); font-style: italic; }
        @media print {
          body { max-width: none; padding: 0; font-size: 11px; } nav { display: none; }
          a { color: inherit; text-decoration: none; } .flow-detail, .diff, tr { break-inside: avoid; }
          details > summary { list-style: none; } .diff pre { overflow: visible; }
          .line.added, .line.removed, .hunk, .state, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """;
}
