using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Backlogs.Shared;

namespace FactoryCloud.IntegrationTests.Web.Security;

/// <summary>
/// Bodies are bounded on a real Kestrel server: 1 MiB for every endpoint, 5 MiB for the backlog import, 5,000 rows.
/// Oversized bodies are announced with <c>Expect: 100-continue</c>, so a 413 proves the server refused them
/// before reading a byte of the body.
/// </summary>
public sealed class RequestBodyLimitTests(DatabaseServers servers) : IAsyncLifetime
{
    private const int MiB = 1024 * 1024;
    private FactoryCloudApp _app = default!;
    private ApiSession _owner = default!;

    public async ValueTask InitializeAsync()
    {
        (_app, var address) = await KestrelApp.StartAsync(servers);
        _owner = await ApiSession.SignUpAsync(new HttpClient { BaseAddress = address });
    }

    public async ValueTask DisposeAsync()
    {
        _owner.Client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task AJsonBodyOverTheDefaultMebibyteIsRefusedWith413AndCreatesNothing()
    {
        var json = JsonSerializer.Serialize(new { name = "Huge", description = new string('x', MiB + 1000), businessOwnerName = "Owner", wipMode = "WarnAndConfirm" });

        using var response = await SendAsync("/api/v1/products", Encoding.UTF8.GetBytes(json), "application/json");

        await AssertTooLargeAsync(response);
        Assert.Empty((await _owner.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/products", TestContext.Current.CancellationToken))!);
    }

    [Fact]
    public async Task TheImportTakesAFileAboveTheDefaultUpToItsOwnLimit()
    {
        var product = await TestProduct.CreateAsync(_owner);
        var csv = Rows(4000, description: new string('d', 600)); // about 2.4 MiB

        using var response = await SendAsync($"/api/v1/products/{product.Id}/import/preview", csv, "text/csv");

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(4000, (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("valid").GetInt32());
    }

    [Fact]
    public async Task AnImportOverItsLimitIsRefusedWith413AndImportsNothing()
    {
        var product = await TestProduct.CreateAsync(_owner);

        using var response = await SendAsync($"/api/v1/products/{product.Id}/import", Rows(5000, description: new string('d', 1100)), "text/csv");

        await AssertTooLargeAsync(response);
        Assert.Empty(await product.BacklogOrderAsync());
    }

    [Fact]
    public async Task AnImportWithTooManyRowsIsRefusedNamingTheLimit()
    {
        var product = await TestProduct.CreateAsync(_owner);

        using var response = await SendAsync($"/api/v1/products/{product.Id}/import", Rows(5001), "text/csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("At most 5000 rows at once.", problem.GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Empty(await product.BacklogOrderAsync());
    }

    private static byte[] Rows(int count, string description = "")
    {
        var csv = new StringBuilder("Title,Description\n");
        for (var i = 1; i <= count; i++) csv.Append("Row ").Append(i).Append(',').Append(description).Append('\n');
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private async Task<HttpResponseMessage> SendAsync(string url, byte[] body, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.ExpectContinue = true;
        return await _owner.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task AssertTooLargeAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
    }
}
