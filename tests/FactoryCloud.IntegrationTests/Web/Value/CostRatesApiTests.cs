using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Maturity;
using FactoryCloud.IntegrationTests.Web.Tenancy;

namespace FactoryCloud.IntegrationTests.Web.Value;

public sealed class CostRatesApiTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    private static readonly object Rates = new { currency = "eur", downtimePerHour = 1200.5m, scrapPerUnit = 4.25m, energyPerKwh = 0.2134m };

    [Fact]
    public async Task AnOwnerSetsASitesCostRatesAndEveryMemberReadsThem()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        Assert.Equal(JsonValueKind.Null, (await owner.GetJsonAsync($"/api/v1/sites/{plant.Site}/cost-rates")).GetProperty("currency").ValueKind);

        var saved = await owner.Client.PutAsJsonAsync($"/api/v1/sites/{plant.Site}/cost-rates", Rates);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var viewer = await owner.AddMemberAsync(App, "Viewer");
        var read = await viewer.GetJsonAsync($"/api/v1/sites/{plant.Site}/cost-rates");
        Assert.Equal("EUR", read.GetProperty("currency").GetString());
        Assert.Equal(1200.5m, read.GetProperty("downtimePerHour").GetDecimal());
        Assert.Equal(0.2134m, read.GetProperty("energyPerKwh").GetDecimal());
        Assert.Equal("Plant 1", (await viewer.GetJsonAsync("/api/v1/cost-rates"))[0].GetProperty("siteName").GetString());
    }

    [Theory]
    [InlineData("Viewer")]
    [InlineData("Admin")]
    public async Task OnlyAnOwnerSetsCostRates(string role)
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var member = await owner.AddMemberAsync(App, role);

        Assert.Equal(HttpStatusCode.Forbidden, (await member.Client.PutAsJsonAsync($"/api/v1/sites/{plant.Site}/cost-rates", Rates)).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await owner.GetJsonAsync($"/api/v1/sites/{plant.Site}/cost-rates")).GetProperty("currency").ValueKind);
    }

    [Fact]
    public async Task BadRatesAnswer400NamingEachField()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);

        var errors = await MaturityApiClient.ErrorsOfAsync(await owner.Client.PutAsJsonAsync($"/api/v1/sites/{plant.Site}/cost-rates",
            new { currency = "euro", downtimePerHour = -1m, scrapPerUnit = 99_000_000m, energyPerKwh = 0.12345m }));

        Assert.Equal(["Currency", "DowntimePerHour", "EnergyPerKwh", "ScrapPerUnit"], errors.EnumerateObject().Select(e => e.Name).Order());
        var hostile = await owner.Client.PutAsync($"/api/v1/sites/{plant.Site}/cost-rates", new StringContent("{\"currency\":", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, hostile.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.PutAsJsonAsync($"/api/v1/sites/{Guid.NewGuid()}/cost-rates", Rates)).StatusCode);
    }

    [Fact]
    public async Task AnotherTenantNeitherReadsNorSetsThisTenantsRates()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PutAsJsonAsync($"/api/v1/sites/{plant.Site}/cost-rates", Rates)).StatusCode);
        var stranger = await ApiSession.SignUpAsync(App);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/api/v1/sites/{plant.Site}/cost-rates")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.PutAsJsonAsync($"/api/v1/sites/{plant.Site}/cost-rates", new { currency = "USD" })).StatusCode);
        Assert.Equal(0, (await stranger.GetJsonAsync("/api/v1/cost-rates")).GetArrayLength());
        Assert.Equal("EUR", (await owner.GetJsonAsync($"/api/v1/sites/{plant.Site}/cost-rates")).GetProperty("currency").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().GetAsync("/api/v1/cost-rates")).StatusCode);
    }
    [Fact]
    public async Task ALineGetsADowntimeRateOfItsOwnAndOnlyTheSitesLinesDo()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var otherSite = (await (await owner.Client.PostAsJsonAsync("/api/v1/sites", new { key = "plant-2", name = "Plant 2", timeZone = "UTC" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var otherArea = (await (await owner.Client.PostAsJsonAsync($"/api/v1/sites/{otherSite}/areas", new { key = "paint", name = "Paint" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var otherLine = (await (await owner.Client.PostAsJsonAsync($"/api/v1/areas/{otherArea}/lines", new { key = "line-9", name = "Line 9" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var url = $"/api/v1/sites/{plant.Site}/cost-rates";

        var saved = await owner.Client.PutAsJsonAsync(url,
            new { currency = "EUR", downtimePerHour = 1000m, scrapPerUnit = 4m, energyPerKwh = 0.2m, lineDowntime = new[] { new { lineId = plant.Line, perHour = 2500m } } });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var line = (await owner.GetJsonAsync(url)).GetProperty("lines").EnumerateArray().Single();
        Assert.Equal(plant.Line, line.GetProperty("lineId").GetGuid());
        Assert.Equal(2500m, line.GetProperty("downtimePerHour").GetDecimal());

        // Left out, the lines keep their rates; an empty list clears them.
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PutAsJsonAsync(url, Rates)).StatusCode);
        Assert.Equal(2500m, (await owner.GetJsonAsync(url)).GetProperty("lines")[0].GetProperty("downtimePerHour").GetDecimal());

        // A line of another site, a negative rate, the same line twice: 400 naming the entries; nothing changes.
        var errors = await MaturityApiClient.ErrorsOfAsync(await owner.Client.PutAsJsonAsync(url, new
        {
            currency = "EUR", downtimePerHour = 1000m, scrapPerUnit = 4m, energyPerKwh = 0.2m,
            lineDowntime = new[] { new { lineId = otherLine, perHour = 10m }, new { lineId = plant.Line, perHour = -5m }, new { lineId = plant.Line, perHour = 5m } },
        }));
        Assert.Equal(["LineDowntime", "LineDowntime[0]", "LineDowntime[1]"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2500m, (await owner.GetJsonAsync(url)).GetProperty("lines")[0].GetProperty("downtimePerHour").GetDecimal());

        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PutAsJsonAsync(url,
            new { currency = "EUR", downtimePerHour = 1000m, scrapPerUnit = 4m, energyPerKwh = 0.2m, lineDowntime = Array.Empty<object>() })).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await owner.GetJsonAsync(url)).GetProperty("lines")[0].GetProperty("downtimePerHour").ValueKind);

        // Another tenant's line is not a line of this site either.
        var stranger = await ApiSession.SignUpAsync(App);
        var strangers = await TestPlant.CreateAsync(stranger);
        var refused = await owner.Client.PutAsJsonAsync(url,
            new { currency = "EUR", downtimePerHour = 1000m, scrapPerUnit = 4m, energyPerKwh = 0.2m, lineDowntime = new[] { new { lineId = strangers.Line, perHour = 1m } } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }
}
