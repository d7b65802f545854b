using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Infrastructure.Devices;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Infrastructure.Devices;

public sealed class DeviceAuthenticatorTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    private DeviceAuthenticator Authenticator => App.Services.GetRequiredService<DeviceAuthenticator>();

    [Fact]
    public async Task ValidCredentialsGiveTheDeviceItsTenantAndScope()
    {
        var (owner, credentials) = await IssueAsync();

        var identity = await AuthenticateAsync(credentials);

        Assert.NotNull(identity);
        Assert.Equal(owner.TenantId, identity.TenantId);
        Assert.Equal(credentials.GetProperty("topicPrefix").GetString(), identity.Scope.ToTopicFilter());
    }

    [Fact]
    public async Task AWrongPasswordIsRefused()
    {
        var (_, credentials) = await IssueAsync();
        Assert.Null(await Authenticator.AuthenticateAsync(Get(credentials, "clientId"), Get(credentials, "username"), "wrong", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AnotherClientIdIsRefused()
    {
        var (_, credentials) = await IssueAsync();
        Assert.Null(await Authenticator.AuthenticateAsync("someone-else", Get(credentials, "username"), Get(credentials, "password"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RevokedCredentialsAreRefused()
    {
        var (owner, credentials) = await IssueAsync();
        (await owner.Client.DeleteAsync($"/api/v1/devices/{credentials.GetProperty("deviceId").GetGuid()}")).EnsureSuccessStatusCode();

        Assert.Null(await AuthenticateAsync(credentials));
    }

    [Fact]
    public async Task ATenantBUsernameCannotReachTenantADevice()
    {
        var (_, credentials) = await IssueAsync();
        var b = await ApiSession.SignUpAsync(App);
        var username = Get(credentials, "username");
        var forged = b.Slug + username[username.IndexOf('.', StringComparison.Ordinal)..];

        Assert.Null(await Authenticator.AuthenticateAsync(Get(credentials, "clientId"), forged, Get(credentials, "password"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RotatedCredentialsReplaceTheOldPassword()
    {
        var (owner, credentials) = await IssueAsync();
        var rotated = await (await owner.Client.PostAsync($"/api/v1/devices/{credentials.GetProperty("deviceId").GetGuid()}/rotate", null))
            .Content.ReadFromJsonAsync<JsonElement>();

        Assert.Null(await AuthenticateAsync(credentials));
        Assert.NotNull(await AuthenticateAsync(rotated));
    }

    private async Task<(ApiSession, JsonElement)> IssueAsync()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        return (owner, await plant.IssueCredentialsAsync(owner));
    }

    private Task<DeviceIdentity?> AuthenticateAsync(JsonElement c) =>
        Authenticator.AuthenticateAsync(Get(c, "clientId"), Get(c, "username"), Get(c, "password"), TestContext.Current.CancellationToken);

    private static string Get(JsonElement c, string name) => c.GetProperty(name).GetString()!;
}
