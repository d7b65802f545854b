using System.Net;
using FactoryCloud.Infrastructure.Identity;
using FactoryCloud.IntegrationTests.Fixtures;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Tenancy;

public sealed class BearerTokenRevocationTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    [Fact]
    public async Task PasswordChangeEndsTheOldAccessTokenAtOnceButNotAnotherTenantsToken()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var other = await ApiSession.SignUpAsync(App);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync("/api/v1/me")).StatusCode);

        using (var scope = App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(owner.UserId.ToString()))!;
            Assert.True((await users.ChangePasswordAsync(user, owner.Password, "Another-Horse-7")).Succeeded);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await owner.Client.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.Client.GetAsync("/api/v1/me")).StatusCode);
        var fresh = await (owner with { Password = "Another-Horse-7" }).LoginAsync();
        Assert.Equal(HttpStatusCode.OK, (await fresh.Client.GetAsync("/api/v1/me")).StatusCode);
    }
}
