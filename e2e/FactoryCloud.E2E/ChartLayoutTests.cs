using FactoryCloud.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace FactoryCloud.E2E;

/// <summary>
/// Issue #15's "charts fill their space, and labels never clip or collide", at 1440×900 and at 390×844, on every page
/// of the journeys that draws charts (the <see cref="Tour"/>'s organisation): each chart is at least 80 % of its panel's
/// width, no label is cut by the chart or its panel or overlaps another (<see cref="ChartChecks"/>), the burndown of a
/// sprint on its first day draws the actual line, and tables in chart panels (value delivered, the priority list) fit
/// their panel (on a phone they may scroll inside it).
/// </summary>
public sealed class ChartLayoutTests(E2EHost host)
{
    /// <summary>The pages with charts, and the charts each must show (so the check cannot pass on an empty page).</summary>
    private static readonly (string Page, string[] Charts)[] ChartPages =
    [
        ("site-dashboard", ["trend"]),
        ("machine-dashboard", ["trend"]),
        ("backlog-charts", ["burndown", "cumulative-flow"]),
        ("assessment-results", ["radar", "priority-matrix", "value-effort-matrix"]),
    ];

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task EveryChartFillsItsPanelAndNoLabelIsClippedOrOverlapsAnother(string screen)
    {
        var size = TestScreen.Named(screen);
        var tour = await Tour.OfAsync(host);
        var problems = new List<string>();

        await using var session = new BrowserSession(host);
        await session.RunAsync(async () =>
        {
            var page = await session.OpenAsync("owner", size);
            await Ui.SignInAsync(page, tour.OwnerEmail);
            await Expect(page).ToHaveURLAsync(Ui.HomeUrl());
            foreach (var (name, expected) in ChartPages)
            {
                await page.GotoAsync(tour.Pages.Single(p => p.Name == name).Path);
                await PageChecks.SettleAsync(page);
                // Charts draw once the circuit has loaded the data (and MudChart once it has measured itself).
                foreach (var chart in expected) await Expect(page.GetByTestId(chart).First).ToBeVisibleAsync();
                await ChartChecks.WaitUntilMudChartsAreDrawnAsync(page);
                var charts = await ChartChecks.ChartsAsync(page);
                foreach (var chart in expected.Where(c => !charts.Contains(c))) problems.Add($"{name}: no chart {chart} among [{string.Join(", ", charts)}]");
                problems.AddRange((await ChartChecks.ProblemsAsync(page)).Select(p => $"{name}: {p}"));
                if (await ChartChecks.CutTablesAsync(page, mayScroll: size == TestScreen.Phone) is { } cut) problems.Add($"{name}: table cut off: {cut}");
                await page.ScreenshotAsync(new() { Path = Path.Combine(host.ArtifactsDirectory, $"charts-{name}-{size.Name}.png"), FullPage = true });
                if (name == "backlog-charts")
                {
                    // Day 1 of the sprint: the actual line runs from the commitment at the start to what remains now.
                    var actual = await page.GetByTestId("burndown-actual").GetAttributeAsync("points") ?? "";
                    if (actual.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 2) problems.Add($"{name}: the burndown's actual line has no segment on day 1: '{actual}'");
                    await Expect(page.GetByTestId("value-items")).ToBeVisibleAsync();
                }
            }
            if (problems.Count > 0)
                await File.WriteAllLinesAsync(Path.Combine(host.ArtifactsDirectory, $"chart-layout-{size.Name}.txt"), problems);
            Assert.True(problems.Count == 0, $"{size}:\n" + string.Join("\n", problems));
        });
    }
}
