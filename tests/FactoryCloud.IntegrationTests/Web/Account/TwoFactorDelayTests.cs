using System.Net;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.IntegrationTests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;
using static FactoryCloud.IntegrationTests.Web.Account.TwoFactorCalls;

namespace FactoryCloud.IntegrationTests.Web.Account;

/// <summary>
/// Wrong two-factor codes wait like wrong passwords (per address and account), and the counts are in the database:
/// two app instances on one PostgreSQL database see the same count, and a new instance (a restart) remembers it.
/// First delay an hour, so nothing depends on the machine's speed.
/// </summary>
public sealed class TwoFactorDelayTests(DatabaseServers servers) : IAsyncLifetime
{
    private readonly List<WebApplicationFactory<Program>> _apps = [];

    private async Task<FactoryCloudApp> InstanceAsync()
    {
        var app = new FactoryCloudApp(await servers.SharedAsync(DatabaseProvider.Postgres), new Dictionary<string, string?>
        {
            ["Accounts:FreeFailures"] = "3",
            ["Accounts:FirstDelay"] = "01:00:00",
            ["Accounts:MaxDelay"] = "04:00:00",
        }, RemoteAddress.SimulateFromHeader);
        _apps.Add(app);
        return app;
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
    }

    [Fact]
    public async Task WrongCodesWaitLikeWrongPasswordsEvenWithTheRightPasswordAndTheRightCode()
    {
        var app = await InstanceAsync();
        var owner = await ApiSession.SignUpAsync(app);
        var enabled = await EnableAsync(app, owner);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            using (var r = await ApiLoginAsync(app, owner, Totp.WrongCode(enabled.Key), "198.51.100.20")) statuses.Add(r.StatusCode);
        using var rightNow = await ApiLoginAsync(app, owner, Totp.Code(enabled.Key), "198.51.100.20");
        using var fromElsewhere = await ApiLoginAsync(app, owner, Totp.Code(enabled.Key), "198.51.100.21");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, rightNow.StatusCode);
        Assert.True(rightNow.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(30));
        Assert.Equal(HttpStatusCode.OK, fromElsewhere.StatusCode); // the owner elsewhere is not held up
    }

    [Fact]
    public async Task TwoInstancesShareTheCountAndANewInstanceRemembersIt()
    {
        var first = await InstanceAsync();
        var second = await InstanceAsync();
        var owner = await ApiSession.SignUpAsync(first);
        var guesser = owner with { Password = "Not-The-Password-42" };

        for (var i = 0; i < 2; i++)
            using (var r = await ApiLoginAsync(first, guesser, null, "198.51.100.30")) Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        for (var i = 0; i < 2; i++)
            using (var r = await ApiLoginAsync(second, guesser, null, "198.51.100.30")) Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        using var onFirst = await ApiLoginAsync(first, guesser, null, "198.51.100.30");
        var restarted = await InstanceAsync();
        using var afterRestart = await ApiLoginAsync(restarted, owner, null, "198.51.100.30");

        Assert.Equal(HttpStatusCode.TooManyRequests, onFirst.StatusCode); // four failures across two instances
        Assert.Equal(HttpStatusCode.TooManyRequests, afterRestart.StatusCode);
    }
}
