/// The charts' one inline script, for a page of charts (report.html, sweep.html): a click
/// (or Enter) on a legend entry hides or shows the marks of that entry's series (its
/// `series cN vN` classes, ``SeriesStyle``) in its chart; hovering a point shows its value
/// (each mark's `<title>`, no script needed). It fetches nothing and loads no library. Its
/// text is wrapped as CDATA so that a page stays well-formed XML.
public enum ChartScript {
    public static let element = """
<script>
//<![CDATA[
// A click (or Enter) on a legend entry hides or shows that series in its chart; hovering a
// point shows its value (each point's <title>). No network, no library.
(function () {
  function series(entry) {
    var colour = null, variant = null;
    entry.classList.forEach(function (c) { if (/^c\\d+$/.test(c)) colour = c; if (/^v\\d+$/.test(c)) variant = c; });
    if (!colour) return [];
    var chart = entry.closest('svg');
    return Array.prototype.filter.call(chart.querySelectorAll('.series.' + colour), function (g) {
      return !g.closest('.legend') && (variant ? g.classList.contains(variant) : !/\\bv\\d+\\b/.test(g.getAttribute('class')));
    });
  }
  function toggle(entry) {
    var off = entry.classList.toggle('off');
    series(entry).forEach(function (g) { g.style.display = off ? 'none' : ''; });
    entry.setAttribute('aria-pressed', off ? 'false' : 'true');
  }
  var entries = document.querySelectorAll('svg.chart .legend > g.series');
  entries.forEach(function (entry) {
    entry.setAttribute('role', 'button');
    entry.setAttribute('tabindex', '0');
    entry.setAttribute('aria-pressed', 'true');
    entry.addEventListener('click', function () { toggle(entry); });
    entry.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(entry); } });
  });
  // scripts/check-report-html.sh opens the page at #legend-check: one entry clicked twice,
  // counting the series it hides, then shows again.
  if (location.hash === '#legend-check' && entries.length) {
    var hidden = function () { return Array.prototype.filter.call(document.querySelectorAll('svg.chart .series'), function (g) { return g.style.display === 'none'; }).length; };
    entries[0].dispatchEvent(new MouseEvent('click'));
    var afterHide = hidden();
    entries[0].dispatchEvent(new MouseEvent('click'));
    document.body.setAttribute('data-legend-check', afterHide + ' ' + hidden() + ' ' + series(entries[0]).length);
  }
})();
//]]>
</script>
"""
}
