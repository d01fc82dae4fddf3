/// sweep.html's Mustache template: the run report's look (the charts' ``ChartStyle`` and the
/// page's rules, light, dark and print) for a sweep's facts, charts and rows, and the
/// charts' legend script (``ChartScript``). The markup is also well-formed XML (every
/// element closed, no named entities, the script in CDATA), so XML tools can read it.
/// Nothing loads from the network.
enum SweepPageTemplate {
    static let text = #"""
<!DOCTYPE html>
<html lang="en" xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="color-scheme" content="light dark"/>
<meta name="generator" content="pollster"/>
<title>{{title}}</title>
<style>
{{{chartStyle}}}
:root { --card: #f6f8fa; --border: #d1d9e0; --best: #1a7f37; --warn-bg: #fff8c5; --warn-border: #d4a72c; }
@media (prefers-color-scheme: dark) {
  :root { --card: #151b23; --border: #3d444d; --best: #3fb950; --warn-bg: #2e2a14; --warn-border: #9e6a03; }
}
@media print {
  :root { --card: #ffffff; --border: #999999; --best: #1a7f37; --warn-bg: #ffffff; --warn-border: #000000; }
  body { max-width: none; padding: 0; }
  figure, section.rows { break-inside: avoid; }
}
html { background: var(--bg); color: var(--fg); }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  line-height: 1.5; max-width: 1100px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 1.7em; margin: 0 0 .2em; }
h2 { font-size: 1.25em; margin: 1.6em 0 .4em; }
p.lead { font-size: 1.08em; margin: .2em 0 1em; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1.2em; margin: 0 0 1em; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
p.scenario { background: var(--card); border: 1px solid var(--border); border-radius: 6px; padding: .6em 1em; margin: 0 0 1em; }
.partial { background: var(--warn-bg); border: 1px solid var(--warn-border); border-radius: 6px; padding: .5em 1em; }
table { border-collapse: collapse; font-size: .9em; margin: .4em 0; }
th, td { border-bottom: 1px solid var(--border); padding: .25em .6em; text-align: left; vertical-align: top; }
th { font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.best, .best-note { color: var(--best); font-weight: 700; }
tr.reference td { background: var(--card); }
tr.reference td:first-child { font-style: italic; color: var(--muted); }
.scroll { overflow-x: auto; }
figure { margin: 0 0 1.2em; }
figcaption { color: var(--muted); margin: .2em 0 .5em; max-width: 820px; }
svg.chart { display: block; width: 100%; max-width: 820px; height: auto; }
footer { color: var(--muted); font-size: .88em; margin-top: 2.5em; border-top: 1px solid var(--border); padding-top: .8em; }
</style>
</head>
<body>
<header>
<h1>{{title}}</h1>
<p class="lead">{{lead}}</p>
<dl class="facts">
{{#facts}}
<dt>{{label}}</dt><dd>{{value}}</dd>
{{/facts}}
</dl>
{{#partial}}
<p class="partial"><strong>Partial results:</strong> the sweep was interrupted; the charts and the table cover only the simulations finished.</p>
{{/partial}}
</header>
<main>
{{#charts}}
<section class="chart-section">
<h2 id="{{id}}">{{heading}}</h2>
<figure>
{{{svg}}}
<figcaption>{{caption}}</figcaption>
</figure>
</section>
{{/charts}}
<section class="rows">
<h2 id="rows">Every row</h2>
<div class="scroll">
<table>
<thead><tr>{{#table.header}}<th{{#cssClass}} class="{{.}}"{{/cssClass}}>{{text}}</th>{{/table.header}}</tr></thead>
<tbody>
{{#table.rows}}
<tr{{#cssClass}} class="{{.}}"{{/cssClass}}>{{#cells}}<td{{#cssClass}} class="{{.}}"{{/cssClass}}>{{text}}</td>{{/cells}}</tr>
{{/table.rows}}
</tbody>
</table>
</div>
<p>{{tableNote}}</p>
<dl class="facts">
{{#strategies}}
<dt>{{label}}</dt><dd>{{value}}</dd>
{{/strategies}}
</dl>
</section>
</main>
<footer>
<p>Written by pollster sweep. Every number here is also in sweep.csv and sweep.json (the
reference rows marked <code>reference</code>), and sweep.svg has the same charts in one
image. Times are scenario time; each point ran on the same seeds. A click on a legend entry
hides or shows that series; hovering a point shows its value.</p>
</footer>
{{{chartScript}}}
</body>
</html>

"""#
}
