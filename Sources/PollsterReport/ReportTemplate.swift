/// report.html's Mustache template: the page, its stylesheet (the charts' ``ChartStyle``
/// with the page's own rules, light, dark and print), the places for the charts' inline SVG
/// and their legend script (``ChartScript``). Nothing in it loads from the network.
enum ReportTemplate {
    static let text = #"""
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="pollster">
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
  figure, .summary { break-inside: avoid; }
  details:not([open]) { display: none; }
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
.verdict { background: var(--card); border: 1px solid var(--border); border-left: 4px solid var(--best);
  border-radius: 6px; padding: .7em 1em; }
.verdict p { margin: .3em 0; }
.partial { background: var(--warn-bg); border: 1px solid var(--warn-border); border-radius: 6px; padding: .5em 1em; }
.saturated { background: var(--warn-bg); border: 1px solid var(--warn-border); border-left: 4px solid var(--warn-border);
  border-radius: 6px; padding: .5em 1em; margin: 0 0 1em; }
.saturated p, .saturated ul { margin: .3em 0; }
table { border-collapse: collapse; font-size: .9em; margin: .4em 0; }
th, td { border-bottom: 1px solid var(--border); padding: .25em .6em; text-align: left; vertical-align: top; }
th { font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
td.best, .best-note { color: var(--best); font-weight: 700; }
.scroll { overflow-x: auto; }
figure { margin: 0 0 1.2em; }
figcaption { color: var(--muted); margin: .2em 0 .5em; max-width: 820px; }
details { margin: .3em 0 1em; }
summary { cursor: pointer; color: var(--muted); }
details .scroll { max-height: 420px; overflow-y: auto; }
svg.chart { display: block; width: 100%; max-width: 820px; height: auto; }
footer { color: var(--muted); font-size: .88em; margin-top: 2.5em; border-top: 1px solid var(--border); padding-top: .8em; }
</style>
{{#hasThresholds}}
<style>
.thresholds { background: var(--card); border: 1px solid var(--border); border-left: 4px solid var(--best);
  border-radius: 6px; padding: .5em 1em; margin: 1em 0; }
.thresholds.breached { background: var(--warn-bg); border-color: #cf222e; border-left-color: #cf222e; }
.thresholds td.fail { color: #cf222e; font-weight: 700; }
.thresholds td.pass { color: var(--best); }
</style>
{{/hasThresholds}}
</head>
<body>
<header>
<h1>{{title}}</h1>
<p class="lead">{{summary}}</p>
<dl class="facts">
{{#facts}}
<dt>{{label}}</dt><dd>{{value}}</dd>
{{/facts}}
</dl>
{{#partial}}
<p class="partial"><strong>Partial results:</strong> the run stopped before it finished (interrupted, or stopped by --max-duration or --max-requests); every figure covers only what happened until then. How many executions each strategy started is above; the verdict says which strategies it ranks.</p>
{{/partial}}
</header>
{{#saturated}}
<section class="saturated" role="alert" aria-label="Saturation warning">
<p><strong>Saturated:</strong> the figures of the strategies below measure pollster's own queueing on this machine, not the API. pollster could not keep to their schedule, or its embedded server queued their requests, so their requests per execution, latency and detection lag are unreliable.</p>
<ul>
{{#saturatedStrategies}}
<li><strong>{{name}}</strong>: {{reasons}}. Remedy: {{remedy}}.</li>
{{/saturatedStrategies}}
</ul>
</section>
{{/saturated}}
<main>
<section class="verdict" aria-label="Verdict">
{{#verdict}}
<p>{{.}}</p>
{{/verdict}}
</section>
{{#hasThresholds}}
<section class="thresholds{{#thresholdsBreached}} breached{{/thresholdsBreached}}" aria-label="Thresholds"{{#thresholdsBreached}} role="alert"{{/thresholdsBreached}}>
<h2>Thresholds</h2>
<p><strong>{{thresholdTally}}</strong>{{#thresholdsBreached}}: the run fails (exit status 99){{/thresholdsBreached}}. A threshold says when the run fails; a figure that was not measured counts as over the limit.</p>
<div class="scroll">
<table>
<thead><tr><th>threshold</th><th>applies to</th><th>strategy</th><th class="num">measured</th><th>result</th></tr></thead>
<tbody>
{{#thresholdRows}}
<tr><td><code>{{expression}}</code></td><td>{{scope}}</td><td>{{strategy}}</td><td class="num">{{measured}}</td><td class="{{#failed}}fail{{/failed}}{{^failed}}pass{{/failed}}">{{outcome}}</td></tr>
{{/thresholdRows}}
</tbody>
</table>
</div>
</section>
{{/hasThresholds}}
<section class="summary">
<h2>Summary</h2>
<div class="scroll">
<table>
<thead><tr>{{#summaryTable.header}}<th{{#cssClass}} class="{{.}}"{{/cssClass}}>{{text}}</th>{{/summaryTable.header}}</tr></thead>
<tbody>
{{#summaryTable.rows}}
<tr>{{#cells}}<td{{#cssClass}} class="{{.}}"{{/cssClass}}>{{text}}</td>{{/cells}}</tr>
{{/summaryTable.rows}}
</tbody>
</table>
</div>
<p>The best value of each column is in <strong class="best-note">bold green</strong>. Lag is detection lag: how long after an execution finished its client noticed.</p>
<dl class="facts">
{{#strategies}}
<dt>{{label}}</dt><dd>{{value}}</dd>
{{/strategies}}
</dl>
</section>
{{#live}}
<section class="live-health">
<h2>Live run health</h2>
<div class="scroll">
<table>
<thead><tr>{{#liveHealthTable.header}}<th{{#cssClass}} class="{{.}}"{{/cssClass}}>{{text}}</th>{{/liveHealthTable.header}}</tr></thead>
<tbody>
{{#liveHealthTable.rows}}
<tr>{{#cells}}<td{{#cssClass}} class="{{.}}"{{/cssClass}}>{{text}}</td>{{/cells}}</tr>
{{/liveHealthTable.rows}}
</tbody>
</table>
</div>
<p>How well pollster itself kept up, in milliseconds of wall time (not scenario time): send lateness is how much later than the strategy asked a request went out, connection wait how long it waited for a connection, server queue how much later than the model (the send plus the modelled latency) the embedded server answered (- against a real API). A saturated strategy's figures measure this machine, not the API.</p>
</section>
{{/live}}
{{#charts}}
<section class="chart-section">
<h2 id="{{id}}-heading">{{title}}</h2>
<figure>
{{{svg}}}
<figcaption>{{caption}}</figcaption>
</figure>
<details>
<summary>{{tableSummary}}</summary>
<div class="scroll">
<table>
<thead><tr>{{#table.header}}<th{{#cssClass}} class="{{.}}"{{/cssClass}}>{{text}}</th>{{/table.header}}</tr></thead>
<tbody>
{{#table.rows}}
<tr>{{#cells}}<td{{#cssClass}} class="{{.}}"{{/cssClass}}>{{text}}</td>{{/cells}}</tr>
{{/table.rows}}
</tbody>
</table>
</div>
</details>
</section>
{{/charts}}
</main>
<footer>
<p>Written by pollster from the run's results. Every number here is also in the run's CSV files
(summary.csv, timeseries.csv, latency.csv, lag.csv) and results.json; <code>pollster report results.json</code>
renders this page again. Times are scenario time.</p>
</footer>
{{{chartScript}}}
</body>
</html>

"""#
}
