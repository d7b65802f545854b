using Bunit;
using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Shell;
using FactoryCloud.Web.Features.Tenancy;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Web.Tests.Shell;

/// <summary>
/// The home page's getting-started checklist ticks itself from the organisation's data (seeded straight into a real
/// SQLite database), and once every step is done the page shows what matters now instead.
/// </summary>
public sealed class HomeTests : IAsyncLifetime
{
    private static readonly string[] Steps = ["OnboardPlant", "ReceiveFirstMessage", "InviteColleague", "CreateTeamAndProduct", "RunFirstAssessment"];

    private TestDatabase _database = default!;
    private SeededTenant _acme = default!;
    private SeededTenant _other = default!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _acme = await _database.SeedTenantAsync("Acme Works", ("olivia@acme.test", "Olivia", TenantRole.Owner));
        _other = await _database.SeedTenantAsync("Other Works", ("otto@other.test", "Otto", TenantRole.Owner), ("oskar@other.test", "Oskar", TenantRole.Viewer));
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task ANewOrganisationSeesFiveOpenStepsWithTheFirstOneSuggested()
    {
        await using var ctx = SignedIn(_acme);

        var home = ctx.Render<Home>();

        home.WaitForAssertion(() => Assert.Equal("0 of 5 done", home.Find("[data-testid=getting-started-progress]").TextContent));
        Assert.Equal(["false", "false", "false", "false", "false"], DoneStates(home));
        var first = home.Find("[data-testid=step-OnboardPlant-action]");
        Assert.Equal("plants/onboard", first.GetAttribute("href"));
        Assert.Contains("mud-button-filled", first.ClassName);
        Assert.Contains("mud-button-outlined", home.Find("[data-testid=step-InviteColleague-action]").ClassName);
        Assert.Equal("backlogs/teams", home.Find("[data-testid=step-CreateTeamAndProduct-action]").GetAttribute("href"));
        Assert.Empty(home.FindAll("[data-testid=what-matters-now]"));
    }

    [Fact]
    public async Task EachStepTicksItselfFromTheDataAndAnotherOrganisationsDataTicksNothing()
    {
        await SeedEverythingAsync(_other.Id);
        await using (var ctx = SignedIn(_acme))
        {
            var home = ctx.Render<Home>();
            home.WaitForAssertion(() => Assert.Equal(["false", "false", "false", "false", "false"], DoneStates(home)));
        }

        var machine = await SeedPlantAsync(_acme.Id, withDevice: false);
        await AssertDoneAsync([]);
        await SeedAsync(_acme.Id, new Device { ScopeKind = DeviceScopeKind.Machine, ScopeId = machine, ClientId = "c", Username = "u", PasswordHash = "$7$x" });
        await AssertDoneAsync(["OnboardPlant"]);

        await SeedMessageAsync(_acme.Id, machine);
        await AssertDoneAsync(["OnboardPlant", "ReceiveFirstMessage"]);

        await SeedAsync(_acme.Id, Invitation(_acme));
        await AssertDoneAsync(["OnboardPlant", "ReceiveFirstMessage", "InviteColleague"]);

        await SeedAsync(_acme.Id, new Team { Name = "OEE squad" });
        await AssertDoneAsync(["OnboardPlant", "ReceiveFirstMessage", "InviteColleague"], home =>
        {
            // With the team there, the step's action turns to the product.
            Assert.Equal("backlogs", home.Find("[data-testid=step-CreateTeamAndProduct-action]").GetAttribute("href"));
            Assert.Equal("Create a product", home.Find("[data-testid=step-CreateTeamAndProduct-action]").TextContent.Trim());
        });
        await SeedAsync(_acme.Id, new Product { Name = "Line 4 OEE" });
        await AssertDoneAsync(["OnboardPlant", "ReceiveFirstMessage", "InviteColleague", "CreateTeamAndProduct"]);

        var draft = await SeedAssessmentAsync(_acme.Id, AssessmentStatus.Draft);
        await AssertDoneAsync(["OnboardPlant", "ReceiveFirstMessage", "InviteColleague", "CreateTeamAndProduct"]);
        await using (var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id)))
        {
            (await db.MaturityAssessments.FindAsync(draft))!.Status = AssessmentStatus.Submitted;
            await db.SaveChangesAsync();
        }

        await using var done = SignedIn(_acme);
        var complete = done.Render<Home>();
        complete.WaitForAssertion(() => Assert.NotNull(complete.Find("[data-testid=what-matters-now]")));
        Assert.Empty(complete.FindAll("[data-testid=getting-started]"));
    }

    [Fact]
    public async Task ASecondMemberCountsAsAnInvitedColleague()
    {
        await using var ctx = SignedIn(_other);

        var home = ctx.Render<Home>();

        home.WaitForAssertion(() => Assert.Equal("true", home.Find("[data-testid=step-InviteColleague]").GetAttribute("data-done")));
    }

    [Fact]
    public async Task OnceSetUpTheHomePageShowsOpenAlertsPlantsRunningSprintsAndTheNextAssessment()
    {
        var (_, assessment) = await SeedEverythingAsync(_acme.Id);
        await using var ctx = SignedIn(_acme);

        var home = ctx.Render<Home>();

        home.WaitForAssertion(() => Assert.NotNull(home.Find("[data-testid=what-matters-now]")));
        Assert.Equal("1 open", home.Find("[data-testid=now-alert-count]").TextContent.Trim());
        Assert.Contains("Press 1: Down for 12 min (jam)", home.Find("[data-testid=now-alerts]").TextContent);
        var plant = home.Find("[data-testid=now-plant]");
        Assert.Contains("Plant 1", plant.TextContent);
        // Today's OEE as the dashboards show it: a percentage, or "no planned time" when nothing was planned.
        Assert.Matches(@"^(\d+\.\d %|no planned time)$", plant.QuerySelector("[data-testid=now-plant-oee]")!.TextContent);
        Assert.Contains("Line 4 OEE: Sprint 1", home.Find("[data-testid=now-sprint]").TextContent);
        Assert.Equal($"maturity/assessments/{assessment}", home.Find("[data-testid=now-assessment] a").GetAttribute("href"));
        Assert.Contains("Finish North 2026", home.Find("[data-testid=now-assessment]").TextContent);
    }

    [Fact]
    public async Task WithEveryAssessmentApprovedTheNextOneIsTheSiteAssessedLongestAgo()
    {
        var (_, assessment) = await SeedEverythingAsync(_acme.Id);
        await using (var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id)))
        {
            var approved = (await db.MaturityAssessments.FindAsync(assessment))!;
            approved.Status = AssessmentStatus.Approved;
            approved.ApprovedAt = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
            db.Add(new Site { Key = "south", Name = "Plant South" });
            await db.SaveChangesAsync();
        }
        await using var ctx = SignedIn(_acme);

        var home = ctx.Render<Home>();

        home.WaitForAssertion(() => Assert.Contains("Plant South has not been assessed yet.", home.Find("[data-testid=now-assessment]").TextContent));
        await using (var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id)))
        {
            db.Sites.Remove(db.Sites.Single(s => s.Key == "south"));
            await db.SaveChangesAsync();
        }
        var again = ctx.Render<Home>();
        again.WaitForAssertion(() => Assert.Contains("was last assessed on 2 Mar 2026", again.Find("[data-testid=now-assessment]").TextContent));
    }

    [Fact]
    public async Task OnceTheChecklistIsDoneHomeSendsAMemberOnToTheStartPageTheyChose()
    {
        await SeedEverythingAsync(_acme.Id);
        await ChooseStartPageAsync(_acme, StartPage.Program);
        await using var ctx = SignedIn(_acme);
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();

        var home = ctx.Render<Home>();

        home.WaitForAssertion(() => Assert.Equal("http://localhost/program", navigation.Uri));
        Assert.Empty(home.FindAll("[data-testid=what-matters-now]"));
    }

    [Fact]
    public async Task TheNavigationsHomeLinkKeepsTheMemberOnHome()
    {
        await SeedEverythingAsync(_acme.Id);
        await ChooseStartPageAsync(_acme, StartPage.Program);
        await using var ctx = SignedIn(_acme);
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(StartPages.ExplicitHomeHref);

        var home = ctx.Render<Home>();

        home.WaitForAssertion(() => Assert.NotNull(home.Find("[data-testid=what-matters-now]")));
        Assert.Equal("http://localhost/?home=1", navigation.Uri);
    }

    [Fact]
    public async Task UntilTheChecklistIsDoneHomeShowsItWhateverTheStartPage()
    {
        await SeedPlantAsync(_acme.Id, withDevice: true);
        await ChooseStartPageAsync(_acme, StartPage.Backlogs);
        await using var ctx = SignedIn(_acme);
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();

        var home = ctx.Render<Home>();

        home.WaitForAssertion(() => Assert.Equal("1 of 5 done", home.Find("[data-testid=getting-started-progress]").TextContent));
        Assert.Equal("http://localhost/", navigation.Uri);
    }

    [Fact]
    public async Task AStartPageChosenInAnotherOrganisationDoesNotMoveThisOne()
    {
        // Olivia is a member of both; she chose Program in Other Works, and Acme Works (set up) keeps her on Home.
        await SeedEverythingAsync(_acme.Id);
        var olivia = _acme.Member(TenantRole.Owner);
        await _database.AddMembershipAsync(_other.Id, olivia.UserId, TenantRole.Viewer);
        await using (var db = _database.Contexts.Create(DataScope.ForTenant(_other.Id)))
        {
            (await db.Memberships.SingleAsync(m => m.UserId == olivia.UserId))!.StartPage = StartPage.Program;
            await db.SaveChangesAsync();
        }
        await using var ctx = SignedIn(_acme);
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();

        var home = ctx.Render<Home>();

        home.WaitForAssertion(() => Assert.NotNull(home.Find("[data-testid=what-matters-now]")));
        Assert.Equal("http://localhost/", navigation.Uri);
    }

    private async Task ChooseStartPageAsync(SeededTenant tenant, StartPage page)
    {
        await using var ctx = SignedIn(tenant);
        var saved = await ctx.Services.GetRequiredService<StartPageService>().SetAsync(new StartPageRequest { StartPage = page });
        Assert.Equal(page, saved.Value!.StartPage);
    }

    private Bunit.BunitContext SignedIn(SeededTenant tenant)
    {
        var ctx = WebTestContext.Create(_database);
        ctx.Services.AddScoped<HomeService>();
        ctx.SignIn(tenant.Member(TenantRole.Owner), tenant.MembershipAs(TenantRole.Owner));
        return ctx;
    }

    private async Task AssertDoneAsync(string[] done, Action<IRenderedComponent<Home>>? also = null)
    {
        await using var ctx = SignedIn(_acme);
        var home = ctx.Render<Home>();
        var expected = Steps.Select(s => done.Contains(s) ? "true" : "false").ToArray();
        home.WaitForAssertion(() => Assert.Equal(expected, DoneStates(home)));
        Assert.Equal($"{done.Length} of 5 done", home.Find("[data-testid=getting-started-progress]").TextContent);
        foreach (var step in done) Assert.Empty(home.FindAll($"[data-testid=step-{step}-action]"));
        also?.Invoke(home);
    }

    private static string?[] DoneStates(IRenderedComponent<Home> home) =>
        [.. Steps.Select(s => home.Find($"[data-testid=step-{s}]").GetAttribute("data-done"))];

    /// <summary>Every step's data in one organisation, with an open alert, an active sprint and a draft assessment.</summary>
    private async Task<(Guid Machine, Guid Assessment)> SeedEverythingAsync(Guid tenantId)
    {
        var machine = await SeedPlantAsync(tenantId, withDevice: true);
        await SeedMessageAsync(tenantId, machine);
        await using (var db = _database.Contexts.Create(DataScope.ForTenant(tenantId)))
        {
            var tenant = tenantId == _acme.Id ? _acme : _other;
            var product = new Product { Name = "Line 4 OEE" };
            var rule = new AlertRule
            {
                Name = "Press down", Kind = AlertRuleKind.MachineDown, ScopeKind = AlertScopeKind.Machine, ScopeId = machine, DurationMinutes = 5,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            db.AddRange(Invitation(tenant), new Team { Name = "OEE squad" }, product, rule,
                Alert.Raise(rule, machine, "Down for 12 min (jam)", DateTimeOffset.UtcNow.AddMinutes(-12)),
                new Sprint { ProductId = product.Id, Name = "Sprint 1", State = SprintState.Active, StartDate = new(2026, 3, 2), EndDate = new(2026, 3, 13) });
            await db.SaveChangesAsync();
        }
        var assessment = await SeedAssessmentAsync(tenantId, AssessmentStatus.Draft);
        await using (var db = _database.Contexts.Create(DataScope.ForTenant(tenantId)))
        {
            (await db.MaturityAssessments.FindAsync(assessment))!.SubmittedAt = DateTimeOffset.UtcNow;
            (await db.MaturityAssessments.FindAsync(assessment))!.Status = AssessmentStatus.Submitted;
            await db.SaveChangesAsync();
        }
        return (machine, assessment);
    }

    private async Task<Guid> SeedPlantAsync(Guid tenantId, bool withDevice)
    {
        var site = new Site { Key = "plant-1", Name = "Plant 1" };
        var area = new Area { SiteId = site.Id, Key = "a", Name = "Assembly" };
        var line = new Line { AreaId = area.Id, Key = "l", Name = "Line 1" };
        var machine = new Machine { LineId = line.Id, Key = "press-1", Name = "Press 1" };
        await SeedAsync(tenantId, site, area, line, machine);
        if (withDevice)
            await SeedAsync(tenantId, new Device { ScopeKind = DeviceScopeKind.Machine, ScopeId = machine.Id, ClientId = "c-" + tenantId, Username = "u-" + tenantId, PasswordHash = "$7$x" });
        return machine.Id;
    }

    private Task SeedMessageAsync(Guid tenantId, Guid machine) => SeedAsync(tenantId, new TelemetryEvent
    {
        MachineId = machine, DedupKey = "k-" + Guid.NewGuid(), Channel = TelemetryChannel.State, Timestamp = DateTimeOffset.UtcNow,
        Payload = "{}", ReceivedAt = DateTimeOffset.UtcNow,
    });

    private async Task<Guid> SeedAssessmentAsync(Guid tenantId, AssessmentStatus status)
    {
        var model = new MaturityModelVersion { ModelId = Guid.NewGuid(), Name = DefaultMaturityModel.Name, CreatedAt = DateTimeOffset.UtcNow, Definition = DefaultMaturityModel.Create() };
        await using var db = _database.Contexts.Create(DataScope.ForTenant(tenantId));
        var site = db.Sites.First();
        var assessment = new MaturityAssessment
        {
            SiteId = site.Id, ModelVersionId = model.Id, Title = "North 2026", Status = status, Assessors = ["Olivia"],
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.AddRange(model, assessment);
        await db.SaveChangesAsync();
        return assessment.Id;
    }

    private static Invitation Invitation(SeededTenant tenant) => new()
    {
        Email = "colleague@example.test", Role = TenantRole.TeamMember, TokenHash = "hash-" + Guid.NewGuid(),
        InvitedByUserId = tenant.Members[0].UserId, CreatedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddDays(7),
    };

    private async Task SeedAsync(Guid tenantId, params object[] entities)
    {
        await using var db = _database.Contexts.Create(DataScope.ForTenant(tenantId));
        db.AddRange(entities);
        await db.SaveChangesAsync();
    }
}
