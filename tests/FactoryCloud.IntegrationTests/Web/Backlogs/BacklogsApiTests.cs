using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Backlogs.Shared;
using FactoryCloud.IntegrationTests.Web.Tenancy;

namespace FactoryCloud.IntegrationTests.Web.Backlogs;

/// <summary>The backlog REST API on PostgreSQL (row-level security, app role): CRUD, validation, tenancy and roles.</summary>
public sealed class BacklogsApiTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    [Fact]
    public async Task ANewProductGetsTheLifecycleColumnsWithCategories()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(owner);

        var view = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/products/{product.Id}");
        var columns = view.GetProperty("columns").EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("category").GetString())).ToList();
        Assert.Equal(
        [
            ("Opportunity", "Proposed"), ("Analysis", "Proposed"), ("Ready", "Proposed"), ("In development", "InProgress"), ("In test", "InProgress"),
            ("Deploying", "InProgress"), ("In operation", "Done"), ("Done", "Done"), ("Cancelled", "Removed"),
        ], columns);
        Assert.Equal([0, 1, 2, 3, 5, 8, 13, 21], view.GetProperty("pointScale").EnumerateArray().Select(p => p.GetDouble()));
    }

    [Fact]
    public async Task AWorkItemIsCreatedReadUpdatedAndDeletedWithHistoryOfEveryChange()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(owner);
        var epic = await product.AddAsync("Scrap insight", "Epic");
        var feature = await product.AddAsync("Scrap dashboard", "Feature", parentId: epic);
        var story = await product.AddAsync("Show scrap per shift", estimate: 3, parentId: feature, tags: ["MES", "ui"]);

        var item = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/items/{story}");
        Assert.Equal("Opportunity", item.GetProperty("columnName").GetString());
        Assert.Equal(["mes", "ui"], item.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var update = await owner.Client.PutAsJsonAsync($"/api/v1/items/{story}", new
        {
            type = "Story", title = "Show scrap per shift and line", description = "**Bold** <script>alert(1)</script>", estimate = 5,
            parentId = feature, columnId = product.Columns["Ready"], priority = "High", version = item.GetProperty("version").GetInt32(),
        });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var updated = await update.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("<strong>Bold</strong>", updated.GetProperty("descriptionHtml").GetString());
        Assert.DoesNotContain("<script>", updated.GetProperty("descriptionHtml").GetString());

        var history = await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/items/{story}/history");
        var changes = history!.Skip(1).Select(h => h.GetProperty("field").GetString()).ToList();
        Assert.Equal("Created", history![0].GetProperty("field").GetString());
        Assert.Contains("Title", changes);
        Assert.Contains("Estimate", changes);
        Assert.Contains("Column", changes);
        var estimate = history.Last(h => h.GetProperty("field").GetString() == "Estimate");
        Assert.Equal(("3", "5"), (estimate.GetProperty("oldValue").GetString(), estimate.GetProperty("newValue").GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/items/{story}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/api/v1/items/{story}")).StatusCode);
    }

    [Fact]
    public async Task AStaleEditAnswersConflict()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(owner);
        var story = await product.AddAsync("Story");

        var first = await owner.Client.PutAsJsonAsync($"/api/v1/items/{story}", new { type = "Story", title = "Edit one", version = 0 });
        var second = await owner.Client.PutAsJsonAsync($"/api/v1/items/{story}", new { type = "Story", title = "Edit two", version = 0 });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }

    [Theory]
    [InlineData("""{"title":"","type":"Story"}""", "Title")]
    [InlineData("""{"title":"Off scale","type":"Story","estimate":4}""", "Estimate")]
    [InlineData("""{"title":"Tagged","type":"Story","tags":["a-tag-that-is-far-longer-than-forty-characters-in-all"]}""", "Tags")]
    public async Task InvalidWorkItemsAnswerValidationProblemsOnTheField(string body, string field)
    {
        var owner = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(owner);

        var response = await owner.Client.PostAsync($"/api/v1/products/{product.Id}/items", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task TheHierarchyRulesAreEnforced()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(owner);
        var epic = await product.AddAsync("Epic", "Epic");

        var storyUnderEpic = await owner.Client.PostAsJsonAsync($"/api/v1/products/{product.Id}/items", new { title = "Story", type = "Story", parentId = epic });

        Assert.Equal(HttpStatusCode.BadRequest, storyUnderEpic.StatusCode);
        Assert.True((await storyUnderEpic.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("ParentId", out _));
    }

    [Fact]
    public async Task CustomFieldsAreValidatedAndFilterTheBacklog()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(owner);
        var withField = await owner.Client.PostAsJsonAsync($"/api/v1/products/{product.Id}/fields", new { name = "Shop", kind = "SingleSelect", options = new List<string> { "Press", "Paint" } });
        Assert.Equal(HttpStatusCode.OK, withField.StatusCode);
        var fieldId = (await withField.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customFields")[0].GetProperty("id").GetGuid();

        var bad = await owner.Client.PostAsJsonAsync($"/api/v1/products/{product.Id}/items", new { title = "A", customFields = new Dictionary<string, string[]> { ["Shop"] = ["Weld"] } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("CustomFields.Shop", out _));
        var paint = (await TestProduct.CreatedAsync(owner.Client.PostAsJsonAsync($"/api/v1/products/{product.Id}/items",
            new { title = "Paint defects", customFields = new Dictionary<string, string[]> { ["Shop"] = ["paint"] } }))).GetProperty("id").GetGuid();
        await product.AddAsync("Press jams");

        Assert.Equal([paint], await product.BacklogOrderAsync($"fieldId={fieldId}&fieldValue=Paint"));
        var item = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/items/{paint}");
        Assert.Equal("Paint", item.GetProperty("customFields").GetProperty("Shop")[0].GetString());
    }

    [Fact]
    public async Task TheBacklogFiltersByTypeTagAssigneeAndText()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(owner);
        var bug = await product.AddAsync("Scrap counter resets at midnight", "Bug", tags: ["mes"]);
        var story = await product.AddAsync("Energy per unit on the dashboard", tags: ["energy", "mes"]);
        await owner.Client.PutAsJsonAsync($"/api/v1/items/{story}", new { title = "Energy per unit on the dashboard", type = "Story", assigneeId = owner.UserId, tags = new List<string> { "energy", "mes" } });

        Assert.Equal([bug], await product.BacklogOrderAsync("type=Bug"));
        Assert.Equal([bug, story], await product.BacklogOrderAsync("tag=MES"));
        Assert.Equal([story], await product.BacklogOrderAsync($"assigneeId={owner.UserId}"));
        Assert.Equal([bug], await product.BacklogOrderAsync("search=MIDNIGHT"));
        Assert.Empty(await product.BacklogOrderAsync("search=100%25"));
    }

    [Fact]
    public async Task TheHierarchyRollsUpPointsAndProgress()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(owner);
        var epic = await product.AddAsync("Epic", "Epic");
        var feature = await product.AddAsync("Feature", "Feature", parentId: epic);
        await product.AddAsync("Done story", estimate: 5, parentId: feature, column: "Done");
        await product.AddAsync("Open story", estimate: 3, parentId: feature);

        var roots = await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/products/{product.Id}/hierarchy");

        var root = Assert.Single(roots!);
        Assert.Equal(8, root.GetProperty("points").GetDouble());
        Assert.Equal(5, root.GetProperty("donePoints").GetDouble());
        Assert.Equal(5.0 / 8, root.GetProperty("progress").GetDouble());
        Assert.Equal(2, root.GetProperty("children")[0].GetProperty("children").GetArrayLength());
    }

    [Fact]
    public async Task TenantBGetsNotFoundForTenantAsBacklog()
    {
        var a = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(a);
        var story = await product.AddAsync("Secret story");
        var team = await TestProduct.CreatedAsync(a.Client.PostAsJsonAsync("/api/v1/teams", new { name = "Line 1 team" }));
        var sprint = await TestProduct.CreatedAsync(a.Client.PostAsJsonAsync($"/api/v1/products/{product.Id}/sprints", new { name = "S1", startDate = "2026-11-02", endDate = "2026-11-13" }));
        var b = await ApiSession.SignUpAsync(App);

        Assert.Empty((await b.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/products"))!);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.GetAsync($"/api/v1/products/{product.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.GetAsync($"/api/v1/products/{product.Id}/backlog")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.GetAsync($"/api/v1/items/{story}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.PutAsJsonAsync($"/api/v1/items/{story}", new { title = "Stolen", type = "Story" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.DeleteAsync($"/api/v1/items/{story}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.PostAsJsonAsync($"/api/v1/items/{story}/move", new { columnId = product.Columns["Done"] })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.PostAsJsonAsync($"/api/v1/items/{story}/rank", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.PostAsJsonAsync($"/api/v1/items/{story}/comments", new { body = "hi" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.PostAsJsonAsync($"/api/v1/products/{product.Id}/items", new { title = "Injected" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.GetAsync($"/api/v1/teams/{team.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.GetAsync($"/api/v1/sprints/{sprint.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.PostAsync($"/api/v1/sprints/{sprint.GetProperty("id").GetGuid()}/start", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.GetAsync($"/api/v1/products/{product.Id}/export.csv")).StatusCode);
    }

    [Fact]
    public async Task AViewerCanReadBacklogsButNotChangeThem()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(owner);
        var story = await product.AddAsync("Story");
        var viewer = await owner.AddMemberAsync(App, "Viewer");

        Assert.Equal(HttpStatusCode.OK, (await viewer.Client.GetAsync($"/api/v1/items/{story}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.Client.GetAsync($"/api/v1/products/{product.Id}/board?swimlanes=Epic")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PostAsJsonAsync("/api/v1/products", new { name = "Mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PostAsJsonAsync($"/api/v1/products/{product.Id}/items", new { title = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PutAsJsonAsync($"/api/v1/items/{story}", new { title = "x", type = "Story" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await product.MoveAsync(story, "Ready", client: viewer.Client)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PostAsJsonAsync($"/api/v1/items/{story}/rank", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.DeleteAsync($"/api/v1/items/{story}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PostAsJsonAsync("/api/v1/teams", new { name = "T" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PostAsJsonAsync($"/api/v1/products/{product.Id}/sprints", new { name = "S", startDate = "2026-11-02", endDate = "2026-11-13" })).StatusCode);
    }

    [Fact]
    public async Task ATeamHasMembersWithDisciplinesAndServesTheTenantsAssets()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);

        var team = await TestProduct.CreatedAsync(owner.Client.PostAsJsonAsync("/api/v1/teams", new
        {
            name = "Line 1 digital team",
            members = new[] { new { userId = owner.UserId, name = "Owner", discipline = "OtAutomation" } },
            serves = new[] { new { kind = "Line", id = plant.Line } },
        }));
        Assert.Equal("OtAutomation", team.GetProperty("members")[0].GetProperty("discipline").GetString());

        var stranger = await owner.Client.PostAsJsonAsync("/api/v1/teams", new { name = "Other", members = new[] { new { userId = Guid.NewGuid(), name = "X", discipline = "Data" } } });
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        var unknownLine = await owner.Client.PostAsJsonAsync("/api/v1/teams", new { name = "Other", serves = new[] { new { kind = "Line", id = Guid.NewGuid() } } });
        Assert.Equal(HttpStatusCode.BadRequest, unknownLine.StatusCode);
    }
}
