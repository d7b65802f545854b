using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.IntegrationTests.Fixtures;

namespace FactoryCloud.IntegrationTests.Web.Tenancy;

public sealed class MembersApiTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    [Fact]
    public async Task MembersListShowsOnlyTheCallersTenant()
    {
        var a = await ApiSession.SignUpAsync(App);
        var b = await ApiSession.SignUpAsync(App);

        var members = await b.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/members");

        Assert.Single(members!);
        Assert.Equal(b.Email, members![0].GetProperty("email").GetString());
        Assert.DoesNotContain(members, m => m.GetProperty("email").GetString() == a.Email);
    }

    [Fact]
    public async Task TenantBTokenOnTenantAMemberAnswersNotFound()
    {
        var a = await ApiSession.SignUpAsync(App);
        var b = await ApiSession.SignUpAsync(App);
        var aMembership = await OwnMembershipIdAsync(a);

        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.PutAsJsonAsync($"/api/v1/members/{aMembership}/role", new { role = "Viewer" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.DeleteAsync($"/api/v1/members/{aMembership}")).StatusCode);
        Assert.Single((await a.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/members"))!, m => m.GetProperty("role").GetString() == "Owner");
    }

    [Fact]
    public async Task TenantBTokenOnTenantAInvitationAnswersNotFound()
    {
        var a = await ApiSession.SignUpAsync(App);
        var b = await ApiSession.SignUpAsync(App);
        await a.InviteAsync("someone@example.test", "Viewer");
        var invitationId = (await a.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/invitations"))![0].GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.DeleteAsync($"/api/v1/invitations/{invitationId}")).StatusCode);
        Assert.Empty((await b.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/invitations"))!);
    }

    [Fact]
    public async Task ViewerCannotChangeAnything()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var viewer = await owner.AddMemberAsync(App, "Viewer");
        var ownerMembership = await OwnMembershipIdAsync(owner);

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PostAsJsonAsync("/api/v1/invitations", new { email = "x@example.test", role = "Viewer" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PutAsJsonAsync($"/api/v1/members/{ownerMembership}/role", new { role = "Viewer" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.DeleteAsync($"/api/v1/members/{ownerMembership}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.Client.GetAsync("/api/v1/members")).StatusCode);
    }

    [Fact]
    public async Task TheLastOwnerCannotBeRemovedOrDemoted()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var membership = await OwnMembershipIdAsync(owner);

        Assert.Equal(HttpStatusCode.Conflict, (await owner.Client.DeleteAsync($"/api/v1/members/{membership}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await owner.Client.PutAsJsonAsync($"/api/v1/members/{membership}/role", new { role = "Admin" })).StatusCode);
    }

    [Fact]
    public async Task AnOwnerCanChangeARoleAndRemoveAMember()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var member = await owner.AddMemberAsync(App, "TeamMember");
        var membership = await MembershipIdOfAsync(owner, member.Email);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.PutAsJsonAsync($"/api/v1/members/{membership}/role", new { role = "PlantManager" })).StatusCode);
        Assert.Equal("PlantManager", (await MemberAsync(owner, member.Email)).GetProperty("role").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/members/{membership}")).StatusCode);
        // The removal renewed the member's security stamp: the token they held ends, and they cannot sign in to the tenant again.
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.Client.GetAsync("/api/v1/members")).StatusCode);
        var again = await member.Client.PostAsJsonAsync("/api/v1/auth/login", new { email = member.Email, password = member.Password, tenant = owner.Slug });
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
    }

    [Fact]
    public async Task AnAdminCannotMakeSomeoneAnOwner()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var admin = await owner.AddMemberAsync(App, "Admin");
        var member = await owner.AddMemberAsync(App, "TeamMember");

        var response = await admin.Client.PutAsJsonAsync($"/api/v1/members/{await MembershipIdOfAsync(owner, member.Email)}/role", new { role = "Owner" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task UnknownRoleAnswersBadRequest()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var response = await owner.Client.PutAsJsonAsync($"/api/v1/members/{await OwnMembershipIdAsync(owner)}/role", new { role = "Emperor" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static Task<Guid> OwnMembershipIdAsync(ApiSession session) => MembershipIdOfAsync(session, session.Email);

    private static async Task<Guid> MembershipIdOfAsync(ApiSession session, string email) =>
        (await MemberAsync(session, email)).GetProperty("membershipId").GetGuid();

    private static async Task<JsonElement> MemberAsync(ApiSession session, string email) =>
        (await session.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/members"))!.Single(m => m.GetProperty("email").GetString() == email);
}
