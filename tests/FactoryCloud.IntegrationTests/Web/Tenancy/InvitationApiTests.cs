using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.IntegrationTests.Fixtures;

namespace FactoryCloud.IntegrationTests.Web.Tenancy;

public sealed class InvitationApiTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    [Fact]
    public async Task AcceptingAnInvitationAddsTheMembershipWithTheInvitedRole()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var member = await owner.AddMemberAsync(App, "PlantManager");

        var me = await member.Client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(owner.TenantId, me.GetProperty("active").GetProperty("tenantId").GetGuid());
        Assert.Equal("PlantManager", me.GetProperty("active").GetProperty("role").GetString());
        Assert.Equal(2, me.GetProperty("memberships").GetArrayLength());
    }

    [Fact]
    public async Task AnInvitationCanBeAcceptedOnlyOnce()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var invitee = await ApiSession.SignUpAsync(App);
        var token = await owner.InviteAsync(invitee.Email, "Viewer");

        Assert.Equal(HttpStatusCode.OK, (await invitee.Client.PostAsJsonAsync("/api/v1/invitations/accept", new { token })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await invitee.Client.PostAsJsonAsync("/api/v1/invitations/accept", new { token })).StatusCode);
    }

    [Fact]
    public async Task AnInvitationForAnotherAddressIsForbidden()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var stranger = await ApiSession.SignUpAsync(App);
        var token = await owner.InviteAsync("intended@example.test", "Viewer");

        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.Client.PostAsJsonAsync("/api/v1/invitations/accept", new { token })).StatusCode);
    }

    [Fact]
    public async Task ARevokedInvitationCannotBeAccepted()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var invitee = await ApiSession.SignUpAsync(App);
        var token = await owner.InviteAsync(invitee.Email, "Viewer");
        var id = (await owner.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/invitations"))![0].GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/invitations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await invitee.Client.PostAsJsonAsync("/api/v1/invitations/accept", new { token })).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task AMalformedOrUnknownTokenAnswersNotFound(string token)
    {
        var invitee = await ApiSession.SignUpAsync(App);
        Assert.Equal(HttpStatusCode.NotFound, (await invitee.Client.PostAsJsonAsync("/api/v1/invitations/accept", new { token })).StatusCode);
    }

    [Fact]
    public async Task InvitingAnExistingMemberConflicts()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var response = await owner.Client.PostAsJsonAsync("/api/v1/invitations", new { email = owner.Email, role = "Viewer" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task InvitingWithAnInvalidEmailAnswersValidationProblem()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var response = await owner.Client.PostAsJsonAsync("/api/v1/invitations", new { email = "nope", role = "Viewer" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Email", out _));
    }
}
