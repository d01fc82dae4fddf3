/// The charts' stylesheet: the colours of the light, dark and print themes (the page's
/// text and background too, so that a page built around charts shares them) and how every
/// chart part is drawn. report.html and sweep.html put it in their `<style>`; a standalone
/// SVG file (``ChartDocument``) carries it inside. Sizing a chart on a page is the page's
/// business, not this sheet's.
public enum ChartStyle {
    public static let css = """
:root {
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --grid: #e5e9ee; --axis: #818b98; --limit: #cf222e;
  --c0: #0072b2; --c1: #d55e00; --c2: #009e73; --c3: #cc79a7; --c4: #6a3d9a; --c5: #a6761d; --c6: #3b3b3b; --c7: #56b4e9;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --grid: #262c36; --axis: #656c76; --limit: #f85149;
    --c0: #4aa8ff; --c1: #ff8a4c; --c2: #3ddc97; --c3: #f09bd0; --c4: #b794f6; --c5: #d9b44a; --c6: #d0d7de; --c7: #a5f3fc;
  }
}
@media print {
  :root {
    --bg: #ffffff; --fg: #000000; --muted: #444444; --grid: #dddddd; --axis: #666666; --limit: #cf222e;
    --c0: #0072b2; --c1: #d55e00; --c2: #009e73; --c3: #cc79a7; --c4: #6a3d9a; --c5: #a6761d; --c6: #3b3b3b; --c7: #56b4e9;
  }
}
svg.chart text { font-size: 12px; fill: var(--fg); }
svg.chart text.label { font-size: 13px; fill: var(--muted); }
svg.chart .grid line { stroke: var(--grid); stroke-width: 1; }
svg.chart .axis line { stroke: var(--axis); stroke-width: 1; }
.c0 { color: var(--c0); } .c1 { color: var(--c1); } .c2 { color: var(--c2); } .c3 { color: var(--c3); }
.c4 { color: var(--c4); } .c5 { color: var(--c5); } .c6 { color: var(--c6); } .c7 { color: var(--c7); }
svg.chart .series .line, svg.chart .series line.swatch { fill: none; stroke: currentColor; stroke-width: 2; stroke-linejoin: round; }
svg.chart .series.v1 .line, svg.chart .series.v1 line.swatch { stroke-dasharray: 8 4; }
svg.chart .series.v2 .line, svg.chart .series.v2 line.swatch { stroke-dasharray: 2 3; }
svg.chart .series.v3 .line, svg.chart .series.v3 line.swatch { stroke-dasharray: 10 3 2 3; }
svg.chart .series .hit { fill: currentColor; fill-opacity: 0; }
svg.chart .series .hit:hover { fill-opacity: 1; }
svg.chart .series .dot, svg.chart .series .bar, svg.chart .series .swatch:not(line) { fill: currentColor; }
svg.chart .series .bar:hover, svg.chart .series .dot:hover { opacity: .75; }
svg.chart .series .whisker { fill: none; stroke: currentColor; stroke-width: 1.2; }
svg.chart .limit { color: var(--limit); }
svg.chart .rule { fill: none; stroke: currentColor; stroke-width: 1.5; stroke-dasharray: 6 4; }
svg.chart text.rule-label { font-size: 11px; fill: currentColor; }
svg.chart .rule-leader { fill: none; stroke: currentColor; stroke-width: 1; }
svg.chart .knee { fill: var(--bg); stroke: currentColor; stroke-width: 1.5; }
svg.chart .ring { fill: none; stroke: var(--fg); stroke-width: 1.5; }
svg.chart .frontier { fill: none; stroke: var(--muted); stroke-width: 1.5; stroke-dasharray: 4 4; }
svg.chart text.point-label { font-size: 12px; fill: var(--fg); }
svg.chart .leader { stroke: var(--muted); stroke-width: 1; }
svg.chart .cell { stroke: var(--bg); stroke-width: 1; }
svg.chart .cell.missing { fill: var(--grid); }
svg.chart text.cell-label { font-size: 11px; }
svg.chart text.cell-label.dark { fill: #222222; }
svg.chart text.cell-label.light { fill: #ffffff; }
svg.chart .scale text { font-size: 11px; }
svg.chart .legend > g.series { cursor: pointer; }
svg.chart .legend > g.off { opacity: .3; }
"""
}
