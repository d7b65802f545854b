using Microsoft.Playwright;

namespace FactoryCloud.E2E.Infrastructure;

/// <summary>
/// Issue #15's "charts fill their space, and labels never clip or collide", measured in the page with
/// <c>getBoundingClientRect</c>: every chart (an <c>svg[role=img]</c> or a MudChart's svg) draws across at least
/// <see cref="MinimumFill"/> of its panel's content width (from its leftmost to its rightmost mark or label), no text of it reaches past the svg (unless the svg lets it show) or its panel, and no two
/// texts of it overlap. The panel is the nearest <c>[data-chart-panel]</c>, else MudPaper, else grid item.
/// </summary>
public static class ChartChecks
{
    public const double MinimumFill = 0.8;

    /// <summary>The charts on the page, each by its test id or aria label.</summary>
    public static async Task<IReadOnlyList<string>> ChartsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>($"() => ({Charts})().map(c => c.name)");

    /// <summary>
    /// Waits until every MudChart has drawn at its panel's size: with <c>MatchBoundsToSize</c> it first renders at no
    /// size and draws again once the browser has measured its container. If that does not happen within 10 s, the
    /// check goes on and <see cref="ProblemsAsync"/> reports what is drawn.
    /// </summary>
    public static async Task WaitUntilMudChartsAreDrawnAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync("""
                () => [...document.querySelectorAll('main .mud-chart svg')].every(svg => {
                  const marks = [...svg.querySelectorAll('path, line, rect, text')].map(e => e.getBoundingClientRect()).filter(m => m.width > 0);
                  return marks.length > 0 && Math.max(...marks.map(m => m.right)) - Math.min(...marks.map(m => m.left)) > svg.getBoundingClientRect().width / 2;
                })
                """, null, new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
        }
    }

    /// <summary>Every problem of every chart on the page; empty when all fill their panels and no label clips or collides.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>($$"""
            minimumFill => {
              const problems = [];
              const describe = e => `"${e.textContent.trim().slice(0, 40)}"`;
              const r = e => e.getBoundingClientRect();
              const inside = (inner, outer) => inner.left >= outer.left - 1 && inner.right <= outer.right + 1 && inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1;
              for (const { svg, name } of ({{Charts}})()) {
                const panel = svg.closest('[data-chart-panel]') ?? svg.closest('.mud-paper') ?? svg.closest('.mud-grid-item') ?? svg.parentElement;
                const style = getComputedStyle(panel);
                const content = panel.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
                const box = r(svg), panelBox = r(panel);
                // What is drawn, not the svg's box: a viewBox keeps its aspect ratio and centres a small drawing in a wide svg.
                const marks = [...svg.querySelectorAll('path, line, polyline, polygon, rect, circle, ellipse, text')].map(r).filter(m => m.width > 0 || m.height > 0);
                const drawn = marks.length === 0 ? 0 : Math.max(...marks.map(m => m.right)) - Math.min(...marks.map(m => m.left));
                if (drawn < minimumFill * content) problems.push(`${name}: draws ${Math.round(drawn)} px wide in a panel of ${Math.round(content)} px`);
                if (!inside(box, panelBox)) problems.push(`${name}: the chart reaches past its panel`);
                const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim() !== '' && r(t).width > 0 && getComputedStyle(t).visibility !== 'hidden');
                for (const t of texts) {
                  const past = (a, b) => `left ${Math.round(b.left - a.left)}, right ${Math.round(a.right - b.right)}, top ${Math.round(b.top - a.top)}, bottom ${Math.round(a.bottom - b.bottom)} px past`;
                  // An svg cuts what reaches past it unless it lets it show (MudCharts' y labels do, within their panel).
                  if (getComputedStyle(svg).overflow !== 'visible' && !inside(r(t), box)) problems.push(`${name}: ${describe(t)} is clipped by the chart (${past(r(t), box)})`);
                  else if (!inside(r(t), panelBox)) problems.push(`${name}: ${describe(t)} is clipped by its panel`);
                }
                for (let i = 0; i < texts.length; i++)
                  for (let j = i + 1; j < texts.length; j++) {
                    const a = r(texts[i]), b = r(texts[j]);
                    const x = Math.min(a.right, b.right) - Math.max(a.left, b.left), y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
                    if (x > 1 && y > 2) problems.push(`${name}: ${describe(texts[i])} overlaps ${describe(texts[j])}`);
                  }
              }
              return problems;
            }
            """, MinimumFill);

    /// <summary>
    /// Null when every table inside a chart panel stays within the panel: whole, or, when <paramref name="mayScroll"/>
    /// (a phone), scrolling sideways inside its own container; else the tables that are cut off.
    /// </summary>
    public static async Task<string?> CutTablesAsync(IPage page, bool mayScroll) =>
        await page.EvaluateAsync<string?>("""
            mayScroll => {
              const cut = [];
              for (const table of document.querySelectorAll('main .mud-paper table, main [data-chart-panel] table')) {
                const panel = table.closest('[data-chart-panel]') ?? table.closest('.mud-paper');
                const p = panel.getBoundingClientRect();
                // A table may be wider than its panel only inside a container that scrolls sideways within the panel.
                let seen = table.parentElement, scroller = null;
                for (; seen && seen !== panel; seen = seen.parentElement) { const o = getComputedStyle(seen).overflowX; if (o === 'auto' || o === 'scroll') { scroller = seen; break; } }
                const box = (scroller ?? table).getBoundingClientRect();
                if (box.right > p.right + 1 || box.left < p.left - 1) cut.push(`${table.closest('[data-testid]')?.dataset.testid ?? 'table'}: ${Math.round(box.width)} px in a panel of ${Math.round(p.width)} px`);
                if (scroller === null && table.scrollWidth > table.getBoundingClientRect().width + 1) cut.push(`${table.closest('[data-testid]')?.dataset.testid ?? 'table'}: its content is wider than the table`);
                if (!mayScroll && scroller !== null && scroller.scrollWidth > scroller.clientWidth + 1) cut.push(`${table.closest('[data-testid]')?.dataset.testid ?? 'table'}: scrolls sideways (${scroller.scrollWidth} px in ${scroller.clientWidth} px)`);
              }
              return cut.length === 0 ? null : cut.join(' | ');
            }
            """, mayScroll);

    // The charts of the page's main area: SVG charts carry role="img"; MudChart draws an svg inside .mud-chart.
    private const string Charts = """
        () => [...new Set([...document.querySelectorAll('main svg[role=img], main .mud-chart svg')])]
          .filter(svg => !svg.classList.contains('mud-icon-root') && svg.getBoundingClientRect().width > 0)
          .map((svg, i) => ({ svg, name: svg.dataset.testid ?? svg.closest('[data-testid]')?.dataset.testid ?? svg.getAttribute('aria-label') ?? `chart ${i + 1}` }))
        """;
}
