using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Backlogs.Shared;
using FactoryCloud.IntegrationTests.Web.Tenancy;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FactoryCloud.IntegrationTests.Web.Security;

/// <summary>
/// A page on another site cannot make a signed-in browser write through the API: its Origin (or Sec-Fetch-Site) gives
/// it away. Bearer-token calls are not affected; JSON endpoints take JSON only and the import takes text/csv only.
/// </summary>
public sealed class CrossSiteRequestTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    private const string OwnOrigin = "https://localhost";
    private static readonly object NewProduct = new { name = "Cross-site", description = "", businessOwnerName = "Owner", wipMode = "WarnAndConfirm" };

    [Fact]
    public async Task ACookieAuthenticatedWriteFromAnotherSiteIsRefusedAndWritesNothing()
    {
        var browser = await SignedInBrowserAsync();

        using var foreign = await PostProductAsync(browser, request => request.Headers.Add("Origin", "https://attacker.example"));
        using var crossSite = await PostProductAsync(browser, request => request.Headers.Add("Sec-Fetch-Site", "cross-site"));

        foreach (var refused in (HttpResponseMessage[])[foreign, crossSite])
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal(403, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        }
        Assert.Empty((await browser.GetFromJsonAsync<JsonElement[]>("/api/v1/products"))!);
    }

    [Fact]
    public async Task ACookieAuthenticatedWriteFromTheAppsOwnPagesIsAccepted()
    {
        var browser = await SignedInBrowserAsync();

        using var sameOrigin = await PostProductAsync(browser, request =>
        {
            request.Headers.Add("Origin", OwnOrigin);
            request.Headers.Add("Sec-Fetch-Site", "same-origin");
        });

        Assert.Equal(HttpStatusCode.Created, sameOrigin.StatusCode);
    }

    [Fact]
    public async Task ABearerTokenCallIsNotAffectedByItsOrigin()
    {
        var owner = await ApiSession.SignUpAsync(App);

        using var response = await PostProductAsync(owner.Client, request => request.Headers.Add("Origin", "https://integration.example"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task JsonEndpointsRefusePlainTextAndTheImportTakesOnlyCsv()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(owner);

        using var plainJson = await owner.Client.PostAsync("/api/v1/products", new StringContent(JsonSerializer.Serialize(NewProduct), Encoding.UTF8, "text/plain"));
        using var plainCsv = await owner.Client.PostAsync($"/api/v1/products/{product.Id}/import", new StringContent("Title\nFrom a form", Encoding.UTF8, "text/plain"));
        using var csv = await owner.Client.PostAsync($"/api/v1/products/{product.Id}/import", new StringContent("Title\nFrom a file", Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plainJson.StatusCode);
        Assert.Equal("application/problem+json", plainJson.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plainCsv.StatusCode);
        Assert.Equal("application/problem+json", plainCsv.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Single(await product.BacklogOrderAsync());
    }

    private async Task<HttpClient> SignedInBrowserAsync()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var browser = App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(OwnOrigin) });
        (await BrowserSignIn.PostAsync(browser, owner.Email, owner.Password)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me", TestContext.Current.CancellationToken)).StatusCode);
        return browser;
    }

    private static async Task<HttpResponseMessage> PostProductAsync(HttpClient client, Action<HttpRequestMessage> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/products") { Content = JsonContent.Create(NewProduct) };
        headers(request);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
