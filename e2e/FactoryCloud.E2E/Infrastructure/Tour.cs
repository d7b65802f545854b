namespace FactoryCloud.E2E.Infrastructure;

/// <summary>
/// One organisation set up through the API as after a newcomer's first hour (a plant streaming data with an open
/// alert, a colleague invited, a team and a product with a running sprint, an approved assessment), and a brand-new
/// one whose home page still shows the getting-started checklist. Built once per run and shared by the tests that
/// only look (layout, accessibility, screenshots); the pages of the three journeys, and the program and value pages
/// of issue #16, are listed in <see cref="Pages"/>.
/// </summary>
public sealed class Tour
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Tour? _built;

    public required string OwnerEmail { get; init; }
    public required string NewcomerEmail { get; init; }
    public required IReadOnlyList<TourPage> Pages { get; init; }

    public static async Task<Tour> OfAsync(E2EHost host)
    {
        await Gate.WaitAsync();
        try
        {
            return _built ??= await BuildAsync(host);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<Tour> BuildAsync(E2EHost host)
    {
        var suffix = Ui.UniqueSuffix();
        var owner = $"tour-owner-{suffix}@example.test";
        var newcomer = $"tour-newcomer-{suffix}@example.test";
        using (await FactoryApi.SignUpAsync(host.App.BaseAddress, $"Fresh Works {suffix}", "Nora Newcomer", newcomer)) { }
        using var api = await FactoryApi.SignUpAsync(host.App.BaseAddress, $"Tour Works {suffix}", "Olivia Owner", owner);

        // Plants: a machine that ran for two hours, then jammed ten minutes ago, with a rule that raises an alert for it.
        var plant = await api.CreatePlantAsync("north", "Plant North");
        await api.PostAsync("api/v1/alert-rules", new { name = "Press down", kind = "MachineDown", scopeKind = "Site", scopeId = plant.Site, durationMinutes = 1, enabled = true });
        await using (var device = await MachineDevice.ConnectAsync(host.App.MqttPort, plant.Credentials))
        {
            var start = DateTime.UtcNow.AddHours(-2);
            await device.PublishStateAsync(start, "running");
            for (var minute = 10; minute <= 110; minute += 20) await device.PublishCountAsync(start.AddMinutes(minute), good: 900, scrap: 12);
            await device.PublishStateAsync(DateTime.UtcNow.AddMinutes(-10), "down", "jam");
        }
        await api.InviteAsync($"colleague-{suffix}@example.test", "TeamMember");
        // Value: the plant's cost rates, so the value and program pages show money where there is something to value.
        await api.PutAsync($"api/v1/sites/{plant.Site}/cost-rates", new { currency = "EUR", downtimePerHour = 1000m, scrapPerUnit = 5m, energyPerKwh = 0.2m });

        // Backlogs: a team, a product with three stories, two of them in a running sprint.
        var team = await api.CreateAsync("api/v1/teams", new { name = "OEE squad" });
        var product = await api.CreateAsync("api/v1/products", new { name = "Line 4 OEE app", teamId = team });
        var items = new List<Guid>();
        // Estimated, so the sprint's burndown has points to burn down.
        foreach (var (title, estimate) in ((string, double)[])[("Show OEE per shift", 5), ("Export downtime to CSV", 3), ("Alert on long changeovers", 8)])
            items.Add((await api.PostAsync($"api/v1/products/{product}/items", new { title, estimate })).GetProperty("id").GetGuid());
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var sprint = await api.CreateAsync($"api/v1/products/{product}/sprints", new { name = "Sprint 1", startDate = today, endDate = today.AddDays(13) });
        await api.PostAsync($"api/v1/sprints/{sprint}/plan", new { add = items.Take(2) });
        await api.PostAsync($"api/v1/sprints/{sprint}/start");
        // A KPI hypothesis, so the charts page shows its value-delivered table.
        await api.PutAsync($"api/v1/items/{items[0]}/hypothesis", new { kpi = "Oee", scopeKind = "Site", scopeId = plant.Site, expectedChange = 0.05, periodDays = 14 });

        // Maturity: Plant North assessed and approved.
        var assessment = await api.CreateAsync("api/v1/maturity/assessments", new { title = "North 2026", siteId = plant.Site });
        string[] dimensions = ["strategy", "culture", "skills", "connectivity", "data", "analytics", "cybersecurity", "automation", "digital-twin", "energy"];
        for (var i = 0; i < dimensions.Length; i++)
            await api.PutAsync($"api/v1/maturity/assessments/{assessment}/answers/{dimensions[i]}", new { stage = (i % 3) + 1, targetStage = 4 });
        await api.PostAsync($"api/v1/maturity/assessments/{assessment}/status", new { status = "Submitted" });
        await api.PostAsync($"api/v1/maturity/assessments/{assessment}/status", new { status = "Approved" });

        return new Tour
        {
            OwnerEmail = owner,
            NewcomerEmail = newcomer,
            Pages =
            [
                new("home", "", TourPerson.Owner, Screenshot: true),
                new("home-getting-started", "", TourPerson.Newcomer, Screenshot: true),
                new("program", "program", TourPerson.Owner),
                new("value", "value", TourPerson.Owner),
                new("plants", "plants", TourPerson.Owner, Screenshot: true),
                new("onboarding", "plants/onboard", TourPerson.Owner),
                new("ingestion-health", "plants/ingestion", TourPerson.Owner),
                new("dashboards", "dashboards", TourPerson.Owner, Screenshot: true),
                new("site-dashboard", $"dashboards/sites/{plant.Site}", TourPerson.Owner),
                new("machine-dashboard", $"dashboards/machines/{plant.Machine}", TourPerson.Owner, Screenshot: true),
                new("alerts", "alerts", TourPerson.Owner, Screenshot: true),
                new("alert-rules", "alerts/rules", TourPerson.Owner),
                new("backlogs", "backlogs", TourPerson.Owner),
                new("teams", "backlogs/teams", TourPerson.Owner),
                new("product-backlog", $"backlogs/{product}", TourPerson.Owner, Screenshot: true),
                new("board", $"backlogs/{product}/board", TourPerson.Owner, Screenshot: true),
                new("sprints", $"backlogs/{product}/sprints", TourPerson.Owner),
                new("backlog-charts", $"backlogs/{product}/charts", TourPerson.Owner, Screenshot: true),
                new("work-item", $"backlogs/items/{items[0]}", TourPerson.Owner),
                new("maturity", "maturity", TourPerson.Owner, Screenshot: true),
                new("assessment", $"maturity/assessments/{assessment}", TourPerson.Owner),
                new("assessment-results", $"maturity/assessments/{assessment}/results", TourPerson.Owner, Screenshot: true),
                new("members", "settings/members", TourPerson.Owner),
                new("kpi-settings", "settings/kpis", TourPerson.Owner),
            ],
        };
    }
}

public enum TourPerson
{
    /// <summary>The Owner of the organisation that is set up.</summary>
    Owner,

    /// <summary>The Owner of an organisation that has done nothing yet.</summary>
    Newcomer,
}

/// <summary>
/// A page of the journeys: its name (also its screenshot's), its address, who looks at it, and whether it is one of the
/// main pages shown in <c>docs/screenshots/</c>.
/// </summary>
public sealed record TourPage(string Name, string Path, TourPerson Person, bool Screenshot = false);
