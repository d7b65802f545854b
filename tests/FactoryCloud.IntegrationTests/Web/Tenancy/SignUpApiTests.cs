using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.IntegrationTests.Web.Tenancy;

public sealed class SignUpApiTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    [Fact]
    public async Task SignUpCreatesTheOrganisationWithTheCallerAsOwner()
    {
        var owner = await ApiSession.SignUpAsync(App, "Müller Präzision GmbH");

        var me = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("Owner", me.GetProperty("active").GetProperty("role").GetString());
        Assert.Equal("Müller Präzision GmbH", me.GetProperty("active").GetProperty("tenantName").GetString());
        Assert.StartsWith("muller-prazision-gmbh", owner.Slug, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidSignUpAnswersValidationProblemNamingEachField()
    {
        var response = await App.CreateClient().PostAsJsonAsync("/api/v1/signup", new { organization = "", email = "not-an-email", password = "short" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("Organization", out _));
        Assert.True(errors.TryGetProperty("Email", out _));
        Assert.True(errors.TryGetProperty("Password", out _));
    }

    [Fact]
    public async Task ACommonPasswordIsRefusedWithAClearMessageAndNothingIsSaved()
    {
        var organization = "Weak " + Guid.NewGuid().ToString("N")[..8];
        var response = await App.CreateClient().PostAsJsonAsync("/api/v1/signup", new { organization, email = $"{Guid.NewGuid():N}@example.test", password = "Password2026!" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("most commonly used", errors.GetProperty("Password")[0].GetString(), StringComparison.Ordinal);
        await using var db = App.Database.Contexts.Create(DataScope.None);
        Assert.False(await db.Tenants.AnyAsync(t => t.Name == organization));
    }

    [Theory]
    [InlineData("all lower case words")]
    [InlineData("123498765432109")]
    [InlineData("ÄÖÜ äöü ß 漢字 emoji 😀")]
    public async Task AnyTwelveCharactersWithoutCompositionRulesAreAccepted(string password)
    {
        var response = await App.CreateClient().PostAsJsonAsync("/api/v1/signup", new { organization = "Any " + Guid.NewGuid().ToString("N")[..6], email = $"{Guid.NewGuid():N}@example.test", password });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task ElevenCharactersAreTooFewAndOneHundredTwentyNineTooMany()
    {
        foreach (var password in (string[])["elevenchars", new string('x', 128) + "y"])
        {
            var response = await App.CreateClient().PostAsJsonAsync("/api/v1/signup", new { organization = "Length", email = $"{Guid.NewGuid():N}@example.test", password });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Password", out _));
        }
    }

    [Fact]
    public async Task SignUpWithATakenEmailAnswersAsAFreshOneAndCreatesNoSecondOrganisation()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var organization = "Second " + Guid.NewGuid().ToString("N")[..8];

        var response = await App.CreateClient().PostAsJsonAsync("/api/v1/signup", new { organization, email = owner.Email, password = ApiSession.DefaultPassword });
        var fresh = await App.CreateClient().PostAsJsonAsync("/api/v1/signup", new { organization = "Fresh", email = $"{Guid.NewGuid():N}@example.test", password = ApiSession.DefaultPassword });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, fresh.StatusCode);
        Assert.Equal(await fresh.Content.ReadAsStringAsync(), await response.Content.ReadAsStringAsync());
        await using var db = App.Database.Contexts.Create(DataScope.None);
        Assert.False(await db.Tenants.AnyAsync(t => t.Name == organization));
    }

    [Theory]
    [InlineData("/account/signup", "Input.Password")]
    [InlineData("/account/reset-password?user=x&token=y", "Input.Password")]
    public async Task NewPasswordFormsCarryTheStrengthMeterAndAPlainFieldWithoutJavaScript(string page, string field)
    {
        var html = await App.CreateClient().GetStringAsync(page);

        Assert.Contains("\"type\":\"server\"", html, StringComparison.Ordinal); // the interactive NewPasswordField
        Assert.Contains($"<noscript><input id=\"password\" name=\"{field}\" type=\"password\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoOrganisationsWithTheSameNameGetDistinctSlugs()
    {
        var name = "Same Name " + Guid.NewGuid().ToString("N")[..6];
        var first = await ApiSession.SignUpAsync(App, name);
        var second = await ApiSession.SignUpAsync(App, name);

        Assert.NotEqual(first.Slug, second.Slug);
    }
}
