using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace FactoryCloud.E2E.Infrastructure;

/// <summary>What every journey page must pass, at every screen size: it fits the screen's width, and axe-core finds no serious or critical violation.</summary>
public static class PageChecks
{
    /// <summary>
    /// Waits until the page has settled: network idle and no loading bar or skeleton left (pages load their data after
    /// the circuit connects).
    /// </summary>
    public static async Task SettleAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.WaitForFunctionAsync(
            "() => document.querySelectorAll('.mud-progress-linear-indeterminate, .mud-skeleton, .mud-progress-circular-indeterminate').length === 0",
            null, new() { Timeout = 15_000 });
    }

    /// <summary>
    /// Null when the document (<c>document.scrollingElement.scrollWidth</c>) is no wider than the screen's
    /// <paramref name="width"/>; else the
    /// widths and the elements that reach past the right edge, outermost first, so the culprit is easy to find.
    /// Elements inside a container that scrolls sideways itself (the board, wide tables) do not count: only the page.
    /// </summary>
    public static async Task<string?> SidewaysOverflowAsync(IPage page, int width)
    {
        var result = await page.EvaluateAsync<string?>("""
            width => {
              const scrollWidth = document.scrollingElement.scrollWidth;
              if (scrollWidth <= width) return null;
              const scrollsItself = e => { for (let p = e.parentElement; p; p = p.parentElement) {
                const s = getComputedStyle(p).overflowX; if (s === 'auto' || s === 'scroll' || s === 'hidden') return true; } return false; };
              // Fixed elements (app bar, snackbars) stretch with a wider page: they show the symptom, not the cause.
              const fixed = e => { for (let p = e; p; p = p.parentElement) if (getComputedStyle(p).position === 'fixed') return true; return false; };
              const culprits = [...document.body.querySelectorAll('*')]
                .filter(e => e.getBoundingClientRect().right > width + 0.5 && !scrollsItself(e) && !fixed(e))
                .slice(0, 8)
                .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.dataset.testid ? '[data-testid=' + e.dataset.testid + ']' : ''}.${[...e.classList].slice(0, 4).join('.')} right=${Math.round(e.getBoundingClientRect().right)}`);
              return `scrollWidth ${scrollWidth} > viewport ${width}: ${culprits.join(' | ')}`;
            }
            """, width);
        return result;
    }

    /// <summary>Null when axe-core finds no serious or critical violation; else each one with its rule, help and the elements.</summary>
    public static async Task<string?> SeriousAccessibilityViolationsAsync(IPage page)
    {
        var results = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (serious.Count == 0) return null;
        var text = new StringBuilder();
        foreach (var violation in serious)
        {
            text.Append($"{violation.Impact} {violation.Id} ({violation.Help}): ");
            text.AppendJoin(" ; ", violation.Nodes.Take(4).Select(n => $"{n.Target} {Shorten(n.Html)} [{string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message).Take(2))}]"));
            if (violation.Nodes.Length > 4) text.Append($" ; and {violation.Nodes.Length - 4} more");
            text.AppendLine();
        }
        return text.ToString();
    }

    private static string Shorten(string? html) => html is null ? "" : html.Length > 140 ? html[..140] + "…" : html;
}
