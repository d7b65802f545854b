using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Board;
using FactoryCloud.Web.Features.Backlogs.Hypotheses;
using FactoryCloud.Web.Features.Backlogs.Products;
using FactoryCloud.Web.Features.Backlogs.Sprints;
using FactoryCloud.Web.Features.Backlogs.WorkItems;

namespace FactoryCloud.Web.Features.Demo;

/// <summary>
/// Seeds each <see cref="DemoTeamPlan"/>: the team, its product, the items, three closed sprints and a running one,
/// and value hypotheses, through the backlog services. Those stamp "now" from their clock; here that clock is a
/// <see cref="DemoClock"/> set to the moment each step would have happened, so the history (velocity, burndown,
/// cumulative flow) looks like weeks of work. Only the demo organisation's seeding builds services on that clock.
/// </summary>
public sealed class DemoBacklogs(IServiceProvider services, CurrentTenant current, TimeProvider realClock)
{
    private const int SprintDays = 14;

    /// <summary>Seeds the plans whose product does not exist yet; returns the products by name.</summary>
    public async Task<IReadOnlyDictionary<string, Guid>> SeedAsync(Guid lineId, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(realClock.GetUtcNow().UtcDateTime);
        var runningStart = today.AddDays(-4);
        var firstStart = runningStart.AddDays(-SprintDays * DemoTeamPlan.ClosedSprints);
        var clock = new DemoClock(At(firstStart.AddDays(-7), 9));
        var s = new Services(services, current, clock);

        var products = (await s.Products.ListAsync(ct)).ToDictionary(p => p.Name, p => p.Id);
        foreach (var plan in DemoTeamPlan.All.Where(p => !products.ContainsKey(p.Product)))
        {
            clock.Now = At(firstStart.AddDays(-7), 9);
            products[plan.Product] = await SeedPlanAsync(s, clock, plan, lineId, firstStart, ct);
        }
        var now = new Services(services, current, realClock);
        foreach (var plan in DemoTeamPlan.All) await EnsureTeammatesAsync(now, plan, ct);
        return products;
    }

    /// <summary>
    /// Makes each team cross-functional: its teammates join the organisation and the team. Added after the sprint history
    /// is written, so they are not told of sprints that started and closed weeks ago.
    /// </summary>
    private async Task EnsureTeammatesAsync(Services s, DemoTeamPlan plan, CancellationToken ct)
    {
        if ((await s.Teams.ListAsync(ct)).FirstOrDefault(t => t.Name == plan.Team) is not { } team) return;
        var ids = await services.GetRequiredService<DemoTeammates>().EnsureAsync(plan.Teammates, ct);
        var missing = plan.Teammates.Where(p => team.Members.All(m => m.UserId != ids[p.Email]))
            .Select(p => new TeamMember(ids[p.Email], p.Name, p.Discipline)).ToList();
        if (missing.Count == 0) return;
        (await s.Teams.UpdateAsync(team.Id, new TeamRequest
        {
            Name = team.Name, Description = team.Description, Members = [.. team.Members, .. missing], Serves = [.. team.Serves],
        }, ct)).Require($"the members of the team '{plan.Team}'");
    }

    /// <summary>Deletes the seeded products (their items, sprints and hypotheses go with them) and teams, by name.</summary>
    public async Task DeleteAsync(CancellationToken ct)
    {
        var s = new Services(services, current, realClock);
        foreach (var product in (await s.Products.ListAsync(ct)).Where(p => DemoTeamPlan.All.Any(d => d.Product == p.Name)))
            (await s.Products.DeleteAsync(product.Id, ct)).Require($"delete the product '{product.Name}'");
        foreach (var team in (await s.Teams.ListAsync(ct)).Where(t => DemoTeamPlan.All.Any(d => d.Team == t.Name)))
            (await s.Teams.DeleteAsync(team.Id, ct)).Require($"delete the team '{team.Name}'");
    }

    private async Task<Guid> SeedPlanAsync(Services s, DemoClock clock, DemoTeamPlan plan, Guid lineId, DateOnly firstStart, CancellationToken ct)
    {
        var owner = current.UserId!.Value;
        var team = (await s.Teams.ListAsync(ct)).FirstOrDefault(t => t.Name == plan.Team)
            ?? (await s.Teams.CreateAsync(new TeamRequest
            {
                Name = plan.Team, Description = plan.TeamDescription,
                Members = [new TeamMember(owner, "Demo Owner", plan.Discipline)], Serves = [new ServedAsset(AssetKind.Line, lineId)],
            }, ct)).Require($"the team '{plan.Team}'");
        var product = (await s.Products.CreateAsync(new ProductRequest
        {
            Name = plan.Product, Description = plan.ProductDescription, BusinessOwnerId = owner, BusinessOwnerName = "Demo Owner", TeamId = team.Id,
        }, ct)).Require($"the product '{plan.Product}'");
        var columns = product.Columns.OrderBy(c => c.Position).ToList();
        var inDevelopment = columns.First(c => c.Category == ColumnCategory.InProgress).Id;
        var done = columns.Last(c => c.Category == ColumnCategory.Done).Id;

        var epic = await CreateAsync(s, clock, product.Id, new WorkItemRequest { Type = WorkItemType.Epic, Title = plan.Epic }, ct);
        var features = new List<Guid>();
        foreach (var feature in plan.Features)
            features.Add(await CreateAsync(s, clock, product.Id, new WorkItemRequest { Type = WorkItemType.Feature, Title = feature, ParentId = epic }, ct));
        var stories = new List<Guid>();
        for (var i = 0; i < plan.Stories.Count; i++)
        {
            stories.Add(await CreateAsync(s, clock, product.Id, new WorkItemRequest
            {
                Type = WorkItemType.Story, Title = plan.Stories[i], ParentId = features[i % features.Count],
                Estimate = DemoTeamPlan.Points[i % DemoTeamPlan.Points.Count], AssigneeId = owner,
            }, ct));
        }

        // Hypotheses on the first story of each of the first closed sprints, set before work on them starts, so their
        // baseline and done time follow the demo clock; measured below.
        var past = plan.PastResults.Select((_, i) => stories[i * DemoTeamPlan.StoriesPerSprint]).ToList();
        foreach (var story in past) await SetHypothesisAsync(s, story, plan, lineId, ct);

        for (var sprint = 0; sprint <= DemoTeamPlan.ClosedSprints; sprint++)
        {
            var start = firstStart.AddDays(SprintDays * sprint);
            var running = sprint == DemoTeamPlan.ClosedSprints;
            var planned = stories.Skip(sprint * DemoTeamPlan.StoriesPerSprint).Take(DemoTeamPlan.StoriesPerSprint).ToList();
            clock.Now = At(start, 9);
            var created = (await s.Sprints.CreateAsync(product.Id, new SprintRequest
            {
                Name = $"Sprint {sprint + 1}", Goal = running ? "Finish the current feature" : $"Deliver sprint {sprint + 1} of {plan.Epic.ToLowerInvariant()}",
                StartDate = start, EndDate = start.AddDays(SprintDays - 1), Capacity = [new MemberCapacity(owner, 18)],
            }, ct)).Require("a sprint");
            (await s.Sprints.PlanAsync(created.Id, new PlanItemsRequest { Add = planned }, ct)).Require("a sprint plan");
            (await s.Sprints.StartAsync(created.Id, ct)).Require("a sprint start");

            // Closed sprints finish three of four stories (the fourth carries over to the backlog); the running one is under way.
            var finishing = running ? 1 : planned.Count - 1;
            for (var i = 0; i < planned.Count; i++)
            {
                if (running && i > 1) break;
                clock.Now = At(start.AddDays(running ? 2 * i : 1 + (3 * i)), 10);
                await MoveAsync(s, planned[i], inDevelopment, ct);
                if (i >= finishing) continue;
                clock.Now = At(start.AddDays(running ? i + 1 : 3 + (3 * i)), 15);
                await MoveAsync(s, planned[i], done, ct);
            }
            if (running) break;
            clock.Now = At(start.AddDays(SprintDays - 1), 16);
            (await s.Sprints.CloseAsync(created.Id, new CloseSprintRequest(), ct)).Require("a sprint close");
        }

        // Hypotheses: on the story in progress now, and on the next one in the backlog.
        var running0 = DemoTeamPlan.ClosedSprints * DemoTeamPlan.StoriesPerSprint;
        foreach (var story in new[] { stories[running0 + 1], stories[running0 + DemoTeamPlan.StoriesPerSprint] })
            await SetHypothesisAsync(s, story, plan, lineId, ct);
        await MeasurePastAsync(s, product.Id, past, plan.PastResults, ct);
        return product.Id;
    }

    private static async Task SetHypothesisAsync(Services s, Guid story, DemoTeamPlan plan, Guid lineId, CancellationToken ct) =>
        (await s.Value.SetAsync(story, new HypothesisRequest
        {
            Kpi = plan.Kpi, ScopeKind = AssetKind.Line, ScopeId = lineId, ExpectedChange = plan.ExpectedChange, PeriodDays = 14,
        }, ct)).Require("a value hypothesis");

    /// <summary>
    /// The past stories' periods after done have passed: the value service measures them as it would for a user (from
    /// whatever telemetry the plant has of those days); where the KPI had no data, the plan's figures are written, so
    /// the business owner's journey shows delivered and missed hypotheses from the first start.
    /// </summary>
    private async Task MeasurePastAsync(Services s, Guid productId, IReadOnlyList<Guid> stories, IReadOnlyList<DemoTeamPlan.PastResult> results, CancellationToken ct)
    {
        (await s.Value.DeliveredAsync(productId, ct)).Require("the value delivered");
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
        for (var i = 0; i < stories.Count; i++)
        {
            var story = stories[i];
            var hypothesis = await db.KpiHypotheses.SingleAsync(h => h.WorkItemId == story, ct);
            if (hypothesis.MeasuredTo is null) throw new InvalidOperationException("The demo's past hypothesis was not measured: its period after done has not passed.");
            hypothesis.BaselineValue ??= results[i].Baseline;
            hypothesis.MeasuredValue ??= hypothesis.BaselineValue + (results[i].Measured - results[i].Baseline);
        }
        await db.SaveChangesAsync(ct);
    }

    private static async Task<Guid> CreateAsync(Services s, DemoClock clock, Guid productId, WorkItemRequest request, CancellationToken ct)
    {
        clock.Advance(TimeSpan.FromMinutes(7));
        return (await s.Items.CreateAsync(productId, request, ct)).Require($"the work item '{request.Title}'").Id;
    }

    private static async Task MoveAsync(Services s, Guid item, Guid column, CancellationToken ct) =>
        (await s.Placement.MoveAsync(item, new MoveRequest { ColumnId = column, ConfirmWipBreach = true }, ct)).Require("a work item move");

    private static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    /// <summary>The backlog services, all on <paramref name="clock"/>, acting for the current (demo) tenant.</summary>
    private sealed class Services
    {
        public Services(IServiceProvider provider, CurrentTenant current, TimeProvider clock)
        {
            var actor = new BacklogActor(current, clock);
            Value = ActivatorUtilities.CreateInstance<ValueTrackingService>(provider, actor);
            Items = ActivatorUtilities.CreateInstance<WorkItemService>(provider, actor, Value);
            Placement = ActivatorUtilities.CreateInstance<WorkItemPlacementService>(provider, actor, Value);
            Sprints = ActivatorUtilities.CreateInstance<SprintService>(provider, actor);
            Teams = ActivatorUtilities.CreateInstance<TeamService>(provider, actor);
            Products = ActivatorUtilities.CreateInstance<ProductService>(provider, actor);
        }

        public ValueTrackingService Value { get; }
        public WorkItemService Items { get; }
        public WorkItemPlacementService Placement { get; }
        public SprintService Sprints { get; }
        public TeamService Teams { get; }
        public ProductService Products { get; }
    }
}
