using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.Maturity;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Tenancy;

namespace FactoryCloud.IntegrationTests.Web.Maturity;

public sealed class MaturityModelApiTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    [Fact]
    public async Task AnEditedModelIsANewVersionAndAnAssessmentKeepsTheVersionItWasTakenWith()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var copied = await (await owner.Client.PostAsJsonAsync("/api/v1/maturity/models", new { name = "Our model" })).Content.ReadFromJsonAsync<JsonElement>();
        var v1 = copied.GetProperty("id").GetGuid();
        var before = await owner.CreateAssessmentAsync("Before the edit", null);

        var definition = DefaultMaturityModel.Create();
        definition.Dimensions[0].Weight = 4;
        definition.Dimensions.RemoveAll(d => d.Key == "digital-twin");
        var saved = await owner.Client.PostAsJsonAsync($"/api/v1/maturity/model-versions/{v1}/next", new { name = "Our model", definition });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var v2 = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var after = await owner.CreateAssessmentAsync("After the edit", null);

        var old = await owner.GetJsonAsync($"/api/v1/maturity/assessments/{before}");
        Assert.Equal(1, old.GetProperty("model").GetProperty("version").GetInt32());
        Assert.False(old.GetProperty("model").GetProperty("isLatest").GetBoolean());
        Assert.Equal(10, old.GetProperty("model").GetProperty("definition").GetProperty("dimensions").GetArrayLength());
        var current = await owner.GetJsonAsync($"/api/v1/maturity/assessments/{after}");
        Assert.Equal(v2, current.GetProperty("model").GetProperty("id").GetGuid());
        Assert.Equal(2, current.GetProperty("model").GetProperty("version").GetInt32());
        Assert.Equal(4, current.GetProperty("model").GetProperty("definition").GetProperty("dimensions")[0].GetProperty("weight").GetDouble());
        var models = await owner.GetJsonAsync("/api/v1/maturity/models");
        Assert.Equal(2, Assert.Single(models.EnumerateArray()).GetProperty("latestVersion").GetInt32());
    }

    [Fact]
    public async Task AnInvalidModelIsRefusedWithTheFieldsAtFault()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var v1 = (await (await owner.Client.PostAsJsonAsync("/api/v1/maturity/models", new { })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var definition = DefaultMaturityModel.Create();
        definition.Dimensions[1].Weight = -1;

        var errors = await MaturityApiClient.ErrorsOfAsync(await owner.Client.PostAsJsonAsync($"/api/v1/maturity/model-versions/{v1}/next", new { name = "X", definition }));

        Assert.True(errors.TryGetProperty("Definition.Dimensions[1].Weight", out _));
        Assert.Equal(1, (await owner.GetJsonAsync("/api/v1/maturity/models"))[0].GetProperty("latestVersion").GetInt32());
    }

    [Fact]
    public async Task TheDefaultModelIsReadableByEveryMember()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var viewer = await owner.AddMemberAsync(App, "Viewer");

        var model = await viewer.GetJsonAsync("/api/v1/maturity/models/default");

        Assert.Equal(10, model.GetProperty("dimensions").GetArrayLength());
    }

    [Fact]
    public async Task AnOrganisationPicksTheIndustrie40TemplateAndItsNextAssessmentUsesIt()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var templates = (await owner.GetJsonAsync("/api/v1/maturity/models/templates")).EnumerateArray().Select(t => t.GetProperty("key").GetString()).ToList();
        Assert.Equal(["factorycloud", "i40-maturity-index"], templates);

        var unknown = await owner.Client.PostAsJsonAsync("/api/v1/maturity/models", new { template = "<script>alert(1)</script>" });
        Assert.True((await MaturityApiClient.ErrorsOfAsync(unknown)).TryGetProperty("Template", out _));
        var copied = await owner.Client.PostAsJsonAsync("/api/v1/maturity/models", new { template = "i40-maturity-index" });
        Assert.Equal(HttpStatusCode.Created, copied.StatusCode);
        var assessment = await owner.CreateAssessmentAsync("Index", null);

        var model = (await owner.GetJsonAsync($"/api/v1/maturity/assessments/{assessment}")).GetProperty("model");
        Assert.Equal(["resources", "information-systems", "culture", "organisational-structure"],
            model.GetProperty("definition").GetProperty("dimensions").EnumerateArray().Select(d => d.GetProperty("key").GetString()));
        var resources = model.GetProperty("definition").GetProperty("dimensions")[0];
        Assert.StartsWith("Computerisation: ", resources.GetProperty("notStartedDescription").GetString(), StringComparison.Ordinal); // the index's stage 0, stored with the version
        Assert.StartsWith("Adaptability: ", resources.GetProperty("stageDescriptions")[4].GetString(), StringComparison.Ordinal);
        var evidence = await owner.GetJsonAsync($"/api/v1/maturity/assessments/{assessment}/evidence");
        Assert.Equal("Connectivity", evidence.GetProperty("dimensions")[0].GetProperty("source").GetString());
        var other = await ApiSession.SignUpAsync(App);
        Assert.Empty((await other.GetJsonAsync("/api/v1/maturity/models")).EnumerateArray());
    }

    [Fact]
    public async Task AnOwnerTunesADimensionsValueLeversAsANewVersionAndTheGapsExpectedValueUsesThem()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var v1 = (await (await owner.Client.PostAsJsonAsync("/api/v1/maturity/models", new { name = "Our model" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var before = await owner.CreateAssessmentAsync("Before", null);
        await owner.AnswerAsync(before, "connectivity", 1, 3);
        var definition = DefaultMaturityModel.Create();
        definition.Find("connectivity")!.ValueLevers = new KpiLevers(0.03, 0.02, 0);
        definition.Find("strategy")!.ValueLevers = null; // sent without levers: keeps version 1's

        var saved = await owner.Client.PostAsJsonAsync($"/api/v1/maturity/model-versions/{v1}/next", new { name = "Our model", definition });

        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var dimensions = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("definition").GetProperty("dimensions").EnumerateArray()
            .ToDictionary(d => d.GetProperty("key").GetString()!, d => d.GetProperty("valueLevers"));
        Assert.Equal(0.03, dimensions["connectivity"].GetProperty("availabilityPerStage").GetDouble());
        Assert.Equal(0.02, dimensions["connectivity"].GetProperty("scrapCutPerStage").GetDouble());
        Assert.Equal(JsonValueKind.Object, dimensions["strategy"].ValueKind);
        Assert.Equal(0, dimensions["strategy"].GetProperty("availabilityPerStage").GetDouble());
        var after = await owner.CreateAssessmentAsync("After", null);
        await owner.AnswerAsync(after, "connectivity", 1, 3);
        // The old assessment keeps version 1's levers; the new one is valued with the tuned ones.
        Assert.Equal("+1 availability point(s) per stage", await LeversAsync(owner, before));
        Assert.Equal("+3 availability point(s), −2 % scrap per stage", await LeversAsync(owner, after));
    }

    [Fact]
    public async Task ALeverOutOfRangeIsRefusedWithTheFieldAtFault()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var v1 = (await (await owner.Client.PostAsJsonAsync("/api/v1/maturity/models", new { })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var definition = DefaultMaturityModel.Create();
        definition.Dimensions[3].ValueLevers = new KpiLevers(0.5, 0, 2);

        var response = await owner.Client.PostAsJsonAsync($"/api/v1/maturity/model-versions/{v1}/next", new { name = "X", definition });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await MaturityApiClient.ErrorsOfAsync(response);
        Assert.True(errors.TryGetProperty("Definition.Dimensions[3].ValueLevers.AvailabilityPerStage", out _));
        Assert.True(errors.TryGetProperty("Definition.Dimensions[3].ValueLevers.EnergyCutPerStage", out _));
        Assert.Equal(1, (await owner.GetJsonAsync("/api/v1/maturity/models"))[0].GetProperty("latestVersion").GetInt32());
        var stranger = await ApiSession.SignUpAsync(App);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.PostAsJsonAsync($"/api/v1/maturity/model-versions/{v1}/next",
            new { name = "X", definition = DefaultMaturityModel.Create() })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().PostAsJsonAsync($"/api/v1/maturity/model-versions/{v1}/next",
            new { name = "X", definition = DefaultMaturityModel.Create() })).StatusCode);
    }

    [Fact]
    public async Task AnAssessmentIsTakenWithAPickedModelOfItsOwnTenantOnly()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var index = (await (await owner.Client.PostAsJsonAsync("/api/v1/maturity/models", new { template = "i40-maturity-index" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await owner.Client.PostAsJsonAsync("/api/v1/maturity/models", new { name = "Ours" })).StatusCode); // saved most recently
        var stranger = await ApiSession.SignUpAsync(App);

        var picked = await owner.CreateAssessmentAsync("Index", null, index);
        var theirs = await stranger.Client.PostAsJsonAsync("/api/v1/maturity/assessments", new { title = "Borrowed", modelVersionId = index });

        Assert.Equal(index, (await owner.GetJsonAsync($"/api/v1/maturity/assessments/{picked}")).GetProperty("model").GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.BadRequest, theirs.StatusCode);
        Assert.True((await MaturityApiClient.ErrorsOfAsync(theirs)).TryGetProperty("ModelVersionId", out _));
    }

    private static async Task<string?> LeversAsync(ApiSession owner, Guid assessment) =>
        (await owner.GetJsonAsync($"/api/v1/maturity/assessments/{assessment}/value-effort")).GetProperty("gaps").EnumerateArray()
            .Single(g => g.GetProperty("dimensionKey").GetString() == "connectivity").GetProperty("levers").GetString();
}
