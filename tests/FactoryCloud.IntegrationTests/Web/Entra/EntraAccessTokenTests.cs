using System.Net;
using System.Net.Http.Json;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.Web.Features.Tenancy;

namespace FactoryCloud.IntegrationTests.Web.Entra;

/// <summary>The REST API accepts Entra access tokens validated by Microsoft.Identity.Web against the test authority.</summary>
public sealed class EntraAccessTokenTests(DatabaseServers servers) : EntraTestContext(servers)
{
    [Fact]
    public async Task Invited_user_of_a_linked_tenant_gets_in_with_the_invited_role()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var entraTenant = await LinkAsync(owner);
        var user = EntraUser.Create(entraTenant);
        await owner.InviteAsync(user.Email, "PlantManager");

        var me = await MeAsync(ClientWith(Authority.AccessToken(user)));

        Assert.Equal(owner.TenantId, me.Active!.TenantId);
        Assert.Equal(TenantRole.PlantManager, me.Active.Role);
        Assert.Equal(user.Email, me.Email);
        var again = await MeAsync(ClientWith(Authority.AccessToken(user)));
        Assert.Equal(me.UserId, again.UserId);
    }

    [Fact]
    public async Task Member_of_the_configured_group_gets_in_with_the_group_role()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var group = Guid.NewGuid();
        var entraTenant = await LinkAsync(owner, group, TenantRole.TeamMember);

        var me = await MeAsync(ClientWith(Authority.AccessToken(EntraUser.Create(entraTenant, Guid.NewGuid(), group))));

        Assert.Equal(owner.TenantId, me.Active!.TenantId);
        Assert.Equal(TenantRole.TeamMember, me.Active.Role);
    }

    [Fact]
    public async Task Member_who_joined_through_the_group_loses_access_once_out_of_it_and_regains_it_back_in()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var group = Guid.NewGuid();
        var entraTenant = await LinkAsync(owner, group, TenantRole.TeamMember);
        var inGroup = EntraUser.Create(entraTenant, group);
        await MeAsync(ClientWith(Authority.AccessToken(inGroup)));

        var outOfGroup = inGroup with { Groups = [] };
        var refused = await ClientWith(Authority.AccessToken(outOfGroup)).GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(TenantRole.TeamMember, (await MeAsync(ClientWith(Authority.AccessToken(inGroup)))).Active!.Role);
    }

    [Fact]
    public async Task Invited_member_keeps_access_outside_the_group()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var entraTenant = await LinkAsync(owner, Guid.NewGuid(), TenantRole.Viewer);
        var user = EntraUser.Create(entraTenant);
        await owner.InviteAsync(user.Email, "PlantManager");

        await MeAsync(ClientWith(Authority.AccessToken(user)));
        var again = await MeAsync(ClientWith(Authority.AccessToken(user)));

        Assert.Equal(TenantRole.PlantManager, again.Active!.Role);
    }

    [Fact]
    public async Task Group_viewer_may_read_but_not_write()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var group = Guid.NewGuid();
        var entraTenant = await LinkAsync(owner, group, TenantRole.Viewer);
        var client = ClientWith(Authority.AccessToken(EntraUser.Create(entraTenant, group)));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/sites")).StatusCode);
        var write = await client.PostAsJsonAsync("/api/v1/sites", new { key = "plant-1", name = "Plant 1", timeZone = "Europe/Berlin" });
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task Token_of_an_unlinked_tenant_is_refused()
    {
        var response = await ClientWith(Authority.AccessToken(EntraUser.Create(Guid.NewGuid()))).GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task User_of_a_linked_tenant_who_was_not_invited_is_refused()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var entraTenant = await LinkAsync(owner, Guid.NewGuid(), TenantRole.Viewer);
        var response = await ClientWith(Authority.AccessToken(EntraUser.Create(entraTenant, Guid.NewGuid()))).GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_for_another_audience_is_refused()
    {
        var (user, _) = await InvitedUserAsync();
        var response = await ClientWith(Authority.AccessToken(user, audience: Guid.NewGuid().ToString())).GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Expired_token_is_refused()
    {
        var (user, _) = await InvitedUserAsync();
        var response = await ClientWith(Authority.AccessToken(user, expires: DateTimeOffset.UtcNow.AddMinutes(-10))).GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Tampered_token_is_refused()
    {
        var (user, _) = await InvitedUserAsync();
        var parts = Authority.AccessToken(user).Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace("access_as_user", "access_as_user admin", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        var response = await ClientWith(tampered).GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_whose_issuer_names_another_tenant_than_its_tid_is_refused()
    {
        var (user, _) = await InvitedUserAsync();
        var response = await ClientWith(Authority.AccessToken(user, issuerTenant: Guid.NewGuid())).GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_without_the_api_scope_is_refused()
    {
        var (user, _) = await InvitedUserAsync();
        var response = await ClientWith(Authority.AccessToken(user, scope: "User.Read")).GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Local_bearer_tokens_keep_working_beside_entra()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var me = await MeAsync(owner.Client);
        Assert.Equal(TenantRole.Owner, me.Active!.Role);
    }

    private async Task<(EntraUser User, ApiSession Owner)> InvitedUserAsync()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var user = EntraUser.Create(await LinkAsync(owner));
        await owner.InviteAsync(user.Email, "Viewer");
        return (user, owner);
    }

    private static async Task<TenancyApi.MeResponse> MeAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TenancyApi.MeResponse>(new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } }))!;
    }
}
