using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.IntegrationTests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace FactoryCloud.IntegrationTests.Web.Security;

/// <summary>Invitation links come from <c>App:PublicBaseUrl</c>, never from the caller's Host header, and the token never reaches the log.</summary>
public sealed class InvitationLinkTests(DatabaseServers servers) : IAsyncLifetime
{
    private const string PublicBaseUrl = "https://factorycloud.example";
    private readonly CapturedLogs _logs = new();
    private WebApplicationFactory<Program> _app = default!;

    public async ValueTask InitializeAsync()
    {
        var database = await servers.SharedAsync(DatabaseProvider.Postgres);
        var app = new FactoryCloudApp(database, new Dictionary<string, string?>
        {
            ["App:PublicBaseUrl"] = PublicBaseUrl + "/",
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        });
        _app = app.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(_logs)));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task TheLinkStartsWithThePublicBaseUrlWhateverHostTheCallerSends()
    {
        var owner = await ApiSession.SignUpAsync(_app.CreateClient());

        var link = await InviteWithHostAsync(owner, "attacker.example");

        Assert.StartsWith(PublicBaseUrl + "/invitations/", link, StringComparison.Ordinal);
        Assert.DoesNotContain("attacker", link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAPublicBaseUrlTheLinkIsRelative()
    {
        var owner = await ApiSession.SignUpAsync(await servers.AppAsync(DatabaseProvider.Postgres));

        var link = await InviteWithHostAsync(owner, "attacker.example");

        Assert.StartsWith("/invitations/", link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTokenIsNotWrittenToTheLog()
    {
        var owner = await ApiSession.SignUpAsync(_app.CreateClient());
        var invitee = await ApiSession.SignUpAsync(_app.CreateClient());

        var token = await owner.InviteAsync(invitee.Email, "Viewer");
        Assert.Equal(HttpStatusCode.OK, (await invitee.Client.PostAsJsonAsync("/api/v1/invitations/accept", new { token }, TestContext.Current.CancellationToken)).StatusCode);

        Assert.Contains(_logs.Messages, m => m.Contains(invitee.Email, StringComparison.Ordinal)); // the email was "sent", and logged without its body
        Assert.DoesNotContain(_logs.Messages, m => m.Contains(token, StringComparison.Ordinal));
    }

    private static async Task<string> InviteWithHostAsync(ApiSession owner, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/invitations")
        {
            Content = JsonContent.Create(new { email = $"{Guid.NewGuid():N}@example.test", role = "Viewer" }),
        };
        request.Headers.Host = host;
        using var response = await owner.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("link").GetString()!;
    }
}
