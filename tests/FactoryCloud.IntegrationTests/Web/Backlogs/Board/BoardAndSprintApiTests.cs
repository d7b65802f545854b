using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Backlogs.Shared;
using FactoryCloud.IntegrationTests.Web.Tenancy;

namespace FactoryCloud.IntegrationTests.Web.Backlogs.Board;

/// <summary>Moving across the board with WIP limits, ranking, bulk edit, quick add and a sprint from plan to close, on PostgreSQL.</summary>
public sealed class BoardAndSprintApiTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    [Fact]
    public async Task ASprintWithoutDatesIsRefusedNamingTheFields()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(owner);

        var response = await owner.Client.PostAsJsonAsync($"/api/v1/products/{product.Id}/sprints", new { name = "nodates" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Enter a start date.", errors.GetProperty("StartDate")[0].GetString());
        Assert.Equal("Enter an end date.", errors.GetProperty("EndDate")[0].GetString());
        Assert.Empty((await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/products/{product.Id}/sprints"))!);
    }

    [Fact]
    public async Task AMovePastAWipLimitNeedsConfirmationAndAStrictProductRefusesIt()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(owner);
        await LimitInDevelopmentToOneAsync(product);
        var first = await product.AddAsync("First");
        var second = await product.AddAsync("Second");
        Assert.Equal(HttpStatusCode.OK, (await product.MoveAsync(first, "In development")).StatusCode);

        var unconfirmed = await product.MoveAsync(second, "In development");
        Assert.Equal(HttpStatusCode.Conflict, unconfirmed.StatusCode);
        Assert.True((await unconfirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("needsConfirmation").GetBoolean());
        Assert.Equal("Opportunity", (await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/items/{second}")).GetProperty("columnName").GetString());

        var confirmed = await product.MoveAsync(second, "In development", confirm: true);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var board = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/products/{product.Id}/board");
        var development = board.GetProperty("lanes")[0].GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("column").GetProperty("name").GetString() == "In development");
        Assert.True(development.GetProperty("wipBreached").GetBoolean());
        Assert.Equal(2, development.GetProperty("cards").GetArrayLength());

        var strict = await TestProduct.CreateAsync(owner, "Strict product", wipMode: "Strict");
        await LimitInDevelopmentToOneAsync(strict);
        var a = await strict.AddAsync("A");
        var b = await strict.AddAsync("B");
        Assert.Equal(HttpStatusCode.OK, (await strict.MoveAsync(a, "In development")).StatusCode);
        var refused = await strict.MoveAsync(b, "In development", confirm: true);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.False((await refused.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("needsConfirmation", out _));
    }

    [Fact]
    public async Task RankingPlacesAnItemAfterOrBeforeAnother()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(owner);
        var (a, b, c) = (await product.AddAsync("A"), await product.AddAsync("B"), await product.AddAsync("C"));

        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PostAsJsonAsync($"/api/v1/items/{c}/rank", new { afterId = a })).StatusCode);
        Assert.Equal([a, c, b], await product.BacklogOrderAsync());
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PostAsJsonAsync($"/api/v1/items/{b}/rank", new { beforeId = a })).StatusCode);
        Assert.Equal([b, a, c], await product.BacklogOrderAsync());
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PostAsJsonAsync($"/api/v1/items/{c}/rank", new { })).StatusCode);
        Assert.Equal([c, b, a], await product.BacklogOrderAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.Client.PostAsJsonAsync($"/api/v1/items/{c}/rank", new { afterId = Guid.NewGuid() })).StatusCode);
    }

    [Fact]
    public async Task QuickAddAppendsAndBulkEditChangesManyItemsWithHistory()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(owner);
        var first = await product.AddAsync("First");
        var quick = (await TestProduct.CreatedAsync(owner.Client.PostAsJsonAsync($"/api/v1/products/{product.Id}/items/quick", new { title = "Quick one", type = "Bug" }))).GetProperty("id").GetGuid();
        Assert.Equal([first, quick], await product.BacklogOrderAsync());

        var bulk = await owner.Client.PostAsJsonAsync($"/api/v1/products/{product.Id}/items/bulk", new
        {
            ids = new[] { first, quick }, columnId = product.Columns["Ready"], priority = "Critical", addTags = new List<string> { "q4" },
        });
        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);
        var item = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/items/{quick}");
        Assert.Equal(("Ready", "Critical", "q4"), (item.GetProperty("columnName").GetString(), item.GetProperty("priority").GetString(), item.GetProperty("tags")[0].GetString()));
        var history = await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/items/{first}/history");
        Assert.Contains(history!, h => h.GetProperty("field").GetString() == "Priority" && h.GetProperty("newValue").GetString() == "Critical");
    }

    [Fact]
    public async Task ASprintIsPlannedStartedBurnedDownAndClosedWithCarryOver()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(owner);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var sprint1 = (await TestProduct.CreatedAsync(owner.Client.PostAsJsonAsync($"/api/v1/products/{product.Id}/sprints", new
        {
            name = "Sprint 1", goal = "Scrap visible", startDate = today, endDate = today.AddDays(9),
            capacity = new[] { new { userId = owner.UserId, points = 5 } },
        }))).GetProperty("id").GetGuid();
        var sprint2 = (await TestProduct.CreatedAsync(owner.Client.PostAsJsonAsync($"/api/v1/products/{product.Id}/sprints", new
        {
            name = "Sprint 2", startDate = today.AddDays(10), endDate = today.AddDays(19),
        }))).GetProperty("id").GetGuid();
        var done = await product.AddAsync("Will be done", estimate: 5);
        var open = await product.AddAsync("Stays open", estimate: 3);
        await owner.Client.PutAsJsonAsync($"/api/v1/items/{done}", new { title = "Will be done", type = "Story", estimate = 5, assigneeId = owner.UserId });

        var plan = await (await owner.Client.PostAsJsonAsync($"/api/v1/sprints/{sprint1}/plan", new { add = new[] { done, open } })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((5.0, 8.0, true), (plan.GetProperty("capacity").GetDouble(), plan.GetProperty("committed").GetDouble(), plan.GetProperty("overcommitted").GetBoolean()));
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PostAsync($"/api/v1/sprints/{sprint1}/start", null)).StatusCode);

        var before = await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/sprints/{sprint1}/burndown");
        Assert.Equal(8, before![0].GetProperty("remaining").GetDouble());
        Assert.Equal(HttpStatusCode.OK, (await product.MoveAsync(done, "Done")).StatusCode);
        var after = await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/sprints/{sprint1}/burndown");
        Assert.Equal(3, after![0].GetProperty("remaining").GetDouble());
        Assert.Equal(10, after.Length);

        var closed = await owner.Client.PostAsJsonAsync($"/api/v1/sprints/{sprint1}/close", new { carryOverTo = sprint2 });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(1, (await closed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("carriedOver").GetInt32());
        Assert.Equal(sprint2, (await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/items/{open}")).GetProperty("sprintId").GetGuid());
        Assert.Equal(sprint1, (await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/items/{done}")).GetProperty("sprintId").GetGuid());

        var velocity = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/products/{product.Id}/charts/velocity");
        var bar = Assert.Single(velocity.GetProperty("sprints").EnumerateArray());
        Assert.Equal((8.0, 5.0), (bar.GetProperty("committed").GetDouble(), bar.GetProperty("completed").GetDouble()));
        var flow = await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/products/{product.Id}/charts/flow-times");
        Assert.Equal(done, Assert.Single(flow!).GetProperty("itemId").GetGuid());
        var cfd = await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/products/{product.Id}/charts/cumulative-flow?from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        Assert.Equal((1, 1), (cfd![0].GetProperty("counts").GetProperty("Proposed").GetInt32(), cfd[0].GetProperty("counts").GetProperty("Done").GetInt32()));
    }

    [Fact]
    public async Task TheBoardGroupsCardsInSwimlanesByEpicAndByAssignee()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(owner);
        var epic = await product.AddAsync("Energy epic", "Epic");
        var feature = await product.AddAsync("Energy feature", "Feature", parentId: epic);
        var story = await product.AddAsync("Energy story", parentId: feature, column: "Ready");
        var loose = await product.AddAsync("Loose story", column: "Ready");
        await owner.Client.PutAsJsonAsync($"/api/v1/items/{loose}", new { title = "Loose story", type = "Story", columnId = product.Columns["Ready"], assigneeId = owner.UserId });

        var byEpic = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/products/{product.Id}/board?swimlanes=Epic");
        var lanes = byEpic.GetProperty("lanes").EnumerateArray().ToList();
        Assert.Equal(["Energy epic", "No epic"], lanes.Select(l => l.GetProperty("label").GetString()));
        Assert.Equal([story], ReadyCards(lanes[0]));
        Assert.Equal([loose], ReadyCards(lanes[1]));

        var byAssignee = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/products/{product.Id}/board?swimlanes=Assignee");
        var assigned = byAssignee.GetProperty("lanes").EnumerateArray().ToList();
        Assert.Equal([owner.Email, "Unassigned"], assigned.Select(l => l.GetProperty("label").GetString()));
        Assert.Equal([loose], ReadyCards(assigned[0]));

        static List<Guid> ReadyCards(JsonElement lane) => lane.GetProperty("columns").EnumerateArray()
            .Single(c => c.GetProperty("column").GetProperty("name").GetString() == "Ready")
            .GetProperty("cards").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
    }

    [Fact]
    public async Task EveryMemberOfTheProductsTeamHasAnAssigneeLaneEvenWithoutCards()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var member = await owner.AddMemberAsync(App, "TeamMember");
        var team = (await TestProduct.CreatedAsync(owner.Client.PostAsJsonAsync("/api/v1/teams", new
        {
            name = "Scrap team", members = new[] { new { userId = member.UserId, name = "Tessa", discipline = "Test" } },
        }))).GetProperty("id").GetGuid();
        var product = (await TestProduct.CreatedAsync(owner.Client.PostAsJsonAsync("/api/v1/products", new { name = "Scrap", teamId = team }))).GetProperty("id").GetGuid();
        await TestProduct.CreatedAsync(owner.Client.PostAsJsonAsync($"/api/v1/products/{product}/items", new { title = "Unassigned story", type = "Story" }));

        var board = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/products/{product}/board?swimlanes=Assignee");

        var lanes = board.GetProperty("lanes").EnumerateArray().Select(l => (l.GetProperty("key").ValueKind == JsonValueKind.Null ? (Guid?)null : l.GetProperty("key").GetGuid(), l.GetProperty("label").GetString())).ToList();
        Assert.Equal([(member.UserId, "Tessa"), (null, "Unassigned")], lanes);
    }

    [Fact]
    public async Task AMoveIntoAnotherSwimlaneReassignsTheItemWithHistory()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var member = await owner.AddMemberAsync(App, "TeamMember");
        var product = await TestProduct.CreateAsync(owner);
        var story = await product.AddAsync("Andon story");

        var toMember = await owner.Client.PostAsJsonAsync($"/api/v1/items/{story}/move", new { columnId = product.Columns["Ready"], lane = "Assignee", laneKey = member.UserId });
        Assert.Equal(HttpStatusCode.OK, toMember.StatusCode);
        var item = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/items/{story}");
        Assert.Equal((member.UserId, "Ready"), (item.GetProperty("assigneeId").GetGuid(), item.GetProperty("columnName").GetString()));
        var history = await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/items/{story}/history");
        Assert.Contains(history!, h => h.GetProperty("field").GetString() == "Assignee" && h.GetProperty("newValue").GetString() == member.UserId.ToString());
        var stranger = await owner.Client.PostAsJsonAsync($"/api/v1/items/{story}/move", new { columnId = product.Columns["Ready"], lane = "Assignee", laneKey = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);

        var metering = await product.AddAsync("Metering", "Epic");
        var reporting = await product.AddAsync("Reporting", "Epic");
        var feature = await product.AddAsync("Meter import", "Feature", parentId: metering);
        var nested = await product.AddAsync("Read meters", parentId: feature);
        var toReporting = await owner.Client.PostAsJsonAsync($"/api/v1/items/{feature}/move", new { columnId = product.Columns["Opportunity"], lane = "Epic", laneKey = reporting });
        Assert.Equal(HttpStatusCode.OK, toReporting.StatusCode);
        Assert.Equal(reporting, (await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/items/{feature}")).GetProperty("parentId").GetGuid());
        var featureHistory = await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/items/{feature}/history");
        Assert.Contains(featureHistory!, h => h.GetProperty("field").GetString() == "Parent" && h.GetProperty("oldValue").GetString() == metering.ToString()
            && h.GetProperty("newValue").GetString() == reporting.ToString());

        var cut = await owner.Client.PostAsJsonAsync($"/api/v1/items/{nested}/move", new { columnId = product.Columns["Opportunity"], lane = "Epic", laneKey = metering });
        Assert.Equal(HttpStatusCode.BadRequest, cut.StatusCode);
        Assert.True((await cut.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("LaneKey", out _));
        Assert.Equal(feature, (await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/items/{nested}")).GetProperty("parentId").GetGuid());
    }

    [Fact]
    public async Task DeletingAProductRemovesItsWholeBacklog()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(owner);
        var epic = await product.AddAsync("Epic", "Epic");
        var feature = await product.AddAsync("Feature", "Feature", parentId: epic);
        await owner.Client.PostAsJsonAsync($"/api/v1/items/{feature}/comments", new { body = "note" });

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/products/{product.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/api/v1/items/{feature}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/api/v1/products/{product.Id}")).StatusCode);
    }

    [Fact]
    public async Task ColumnsWithItemsCannotBeRemovedFromTheWorkflow()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(owner);
        await product.AddAsync("In the first column");
        var view = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/products/{product.Id}");
        var columns = view.GetProperty("columns").EnumerateArray().Skip(1)
            .Select(c => new { id = c.GetProperty("id").GetGuid(), name = c.GetProperty("name").GetString(), category = c.GetProperty("category").GetString() }).ToList();

        var response = await owner.Client.PutAsJsonAsync($"/api/v1/products/{product.Id}/workflow", new { columns });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    private static async Task LimitInDevelopmentToOneAsync(TestProduct product)
    {
        var view = await product.Owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/products/{product.Id}");
        var columns = view.GetProperty("columns").EnumerateArray().Select(c => new
        {
            id = c.GetProperty("id").GetGuid(), name = c.GetProperty("name").GetString(), category = c.GetProperty("category").GetString(),
            wipLimit = c.GetProperty("name").GetString() == "In development" ? 1 : (int?)null,
        }).ToList();
        var response = await product.Owner.Client.PutAsJsonAsync($"/api/v1/products/{product.Id}/workflow", new { columns });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
