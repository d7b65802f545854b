using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Tenancy;

namespace FactoryCloud.IntegrationTests.Web.Kpis;

public sealed class KpiSettingsApiTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    private static readonly object Rules = new
    {
        smallStopThresholdSeconds = 90, startupPeriodSeconds = 300,
        rules = new[] { new { state = "Idle", reason = "no-operator", category = "Breakdown" } },
    };

    [Fact]
    public async Task SavedSettingsAreReadBackAndAnotherTenantStillHasTheDefaults()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var other = await ApiSession.SignUpAsync(App);

        (await owner.Client.PutAsJsonAsync("/api/v1/kpi-settings", Rules, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        var mine = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/kpi-settings", TestContext.Current.CancellationToken);
        Assert.Equal(90, mine.GetProperty("smallStopThresholdSeconds").GetDouble());
        Assert.Equal("no-operator", Assert.Single(mine.GetProperty("rules").EnumerateArray()).GetProperty("reason").GetString());
        var theirs = await other.Client.GetFromJsonAsync<JsonElement>("/api/v1/kpi-settings", TestContext.Current.CancellationToken);
        Assert.Equal(120, theirs.GetProperty("smallStopThresholdSeconds").GetDouble());
        Assert.Empty(theirs.GetProperty("rules").EnumerateArray());
    }

    [Fact]
    public async Task AViewerMayReadButNotChangeThem()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var viewer = await owner.AddMemberAsync(App, "Viewer");

        Assert.Equal(HttpStatusCode.OK, (await viewer.Client.GetAsync("/api/v1/kpi-settings", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PutAsJsonAsync("/api/v1/kpi-settings", Rules, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData(-1, "Down", "Breakdown", "SmallStopThresholdSeconds")]
    [InlineData(120, "Running", "Breakdown", "Rules")] // running is production
    [InlineData(120, "Down", "ReducedSpeed", "Rules")] // derived from counts
    public async Task InvalidSettingsAnswerValidationProblemsAndNothingIsSaved(double threshold, string state, string category, string field)
    {
        var owner = await ApiSession.SignUpAsync(App);

        var response = await owner.Client.PutAsJsonAsync("/api/v1/kpi-settings",
            new { smallStopThresholdSeconds = threshold, startupPeriodSeconds = 0, rules = new[] { new { state, reason = (string?)null, category } } },
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        var saved = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/kpi-settings", TestContext.Current.CancellationToken);
        Assert.Empty(saved.GetProperty("rules").EnumerateArray());
    }
}
