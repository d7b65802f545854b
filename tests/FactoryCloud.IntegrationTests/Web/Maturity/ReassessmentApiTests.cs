using System.Net;
using System.Text.Json;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Tenancy;

namespace FactoryCloud.IntegrationTests.Web.Maturity;

/// <summary>A re-assessment starts from the previous assessment of the site and its results show the change per dimension.</summary>
public sealed class ReassessmentApiTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    [Fact]
    public async Task ANewAssessmentOfTheSiteIsPrefilledFromThePreviousOneAndShowsTheChange()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var first = await owner.CreateAssessmentAsync("2026", plant.Site);
        await owner.AnswerAllAsync(first, stage: 1);
        Assert.Equal(HttpStatusCode.OK, (await owner.MoveAsync(first, "Submitted")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.MoveAsync(first, "Approved")).StatusCode);

        var second = await owner.CreateAssessmentAsync("2027", plant.Site);

        var detail = await owner.GetJsonAsync($"/api/v1/maturity/assessments/{second}");
        var answers = detail.GetProperty("answers").EnumerateArray().ToList();
        Assert.Equal(10, answers.Count);
        Assert.All(answers, a => Assert.Equal(("AdHoc", "Developing", "seen on the shop floor"),
            (a.GetProperty("stage").GetString(), a.GetProperty("targetStage").GetString(), a.GetProperty("notes").GetString())));
        Assert.Equal("2026", detail.GetProperty("previous").GetProperty("title").GetString());
        Assert.Equal("AdHoc", detail.GetProperty("previous").GetProperty("stages").GetProperty("connectivity").GetString());
        Assert.Equal("Draft", detail.GetProperty("summary").GetProperty("status").GetString());

        Assert.True((await owner.AnswerAsync(second, "connectivity", 3, 4)).IsSuccessStatusCode);
        var results = await owner.GetJsonAsync($"/api/v1/maturity/assessments/{second}/results");
        var change = results.GetProperty("change");
        Assert.Equal(first, change.GetProperty("previousId").GetGuid());
        var rows = change.GetProperty("change").GetProperty("dimensions").EnumerateArray().ToDictionary(d => d.GetProperty("key").GetString()!, d => d.GetProperty("change").GetInt32());
        Assert.Equal(2, rows["connectivity"]);
        Assert.All(rows.Where(r => r.Key != "connectivity"), r => Assert.Equal(0, r.Value));
        Assert.True(change.GetProperty("change").GetProperty("overallChange").GetDouble() > 0);
        // The first assessment has nothing before it.
        Assert.Equal(JsonValueKind.Null, (await owner.GetJsonAsync($"/api/v1/maturity/assessments/{first}/results")).GetProperty("change").ValueKind);
    }

    [Fact]
    public async Task ADimensionThePreviousAssessmentLeftOpenIsPrefilledFromTheCurrentEvidence()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var first = await owner.CreateAssessmentAsync("2026", plant.Site);
        await owner.AnswerAllAsync(first, stage: 1);
        Assert.True((await owner.AnswerAsync(first, "cybersecurity", null)).IsSuccessStatusCode);
        var evidence = await owner.GetJsonAsync($"/api/v1/maturity/evidence/sites/{plant.Site}");
        var suggested = evidence.GetProperty("dimensions").EnumerateArray()
            .Single(d => d.GetProperty("key").GetString() == "cybersecurity").GetProperty("suggested").GetString();
        Assert.NotNull(suggested); // the plant's device credentials, two-factor and audit settings speak to it

        var second = await owner.CreateAssessmentAsync("2027", plant.Site);

        var answers = (await owner.GetJsonAsync($"/api/v1/maturity/assessments/{second}")).GetProperty("answers").EnumerateArray()
            .ToDictionary(a => a.GetProperty("dimensionKey").GetString()!);
        var cybersecurity = answers["cybersecurity"];
        Assert.Equal((suggested, "Low"), (cybersecurity.GetProperty("stage").GetString(), cybersecurity.GetProperty("confidence").GetString()));
        Assert.StartsWith("Pre-filled from FactoryCloud's own data", cybersecurity.GetProperty("notes").GetString(), StringComparison.Ordinal);
        // What the assessors answered stays theirs, whatever the data says.
        Assert.All(answers.Where(a => a.Key != "cybersecurity"), a => Assert.Equal("AdHoc", a.Value.GetProperty("stage").GetString()));
    }

    [Fact]
    public async Task AnotherScopeOrAnotherTenantIsNeverThePreviousAssessment()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var site = await owner.CreateAssessmentAsync("Plant 1", plant.Site);
        await owner.AnswerAllAsync(site, stage: 2);
        var stranger = await ApiSession.SignUpAsync(App);
        var theirs = await stranger.CreateAssessmentAsync("Theirs", null);
        await stranger.AnswerAllAsync(theirs, stage: 4);

        var organisation = await owner.CreateAssessmentAsync("Organisation", null);

        var detail = await owner.GetJsonAsync($"/api/v1/maturity/assessments/{organisation}");
        Assert.Empty(detail.GetProperty("answers").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("previous").ValueKind);
        var strangerNext = await stranger.CreateAssessmentAsync("Theirs again", null);
        var prefilled = (await stranger.GetJsonAsync($"/api/v1/maturity/assessments/{strangerNext}")).GetProperty("answers").EnumerateArray().ToList();
        Assert.Equal(10, prefilled.Count);
        Assert.All(prefilled, a => Assert.Equal("Advanced", a.GetProperty("stage").GetString()));
    }
}
