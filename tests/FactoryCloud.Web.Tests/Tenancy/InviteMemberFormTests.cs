using Bunit;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Web.Features.Tenancy;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Extensions;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Web.Tests.Tenancy;

public sealed class InviteMemberFormTests : IAsyncLifetime
{
    private readonly MembersScenario _scenario = new();
    private int _invitedCallbacks;

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Theory]
    [InlineData("not-an-email", "Enter a valid email address.")]
    [InlineData("", "Enter the email address to invite.")]
    public async Task InvalidEmailShowsAnInlineErrorAndInvitesNobody(string email, string message)
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var form = Render(ctx);

        await form.Find("input[data-testid=invite-email]").ChangeAsync(new() { Value = email });
        await form.Find("form").SubmitAsync();

        var field = form.FindComponent<MudTextField<string>>();
        form.WaitForAssertion(() => Assert.True(field.Instance.GetState(x => x.Error)));
        Assert.Equal([message], field.Instance.ValidationErrors);
        Assert.Contains(message, field.Markup, StringComparison.Ordinal);
        Assert.Empty(form.FindAll("[data-testid=invite-link]"));
        Assert.Empty(form.FindAll("[data-testid=invite-error]"));
        Assert.Equal(0, _invitedCallbacks);
        Assert.Empty(await _scenario.Database.InvitationsOfAsync(_scenario.Acme.Id));
    }

    [Fact]
    public async Task ValidInvitationIsSavedWithTheChosenRoleAndItsLinkIsShown()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var form = Render(ctx);

        await form.Find("input[data-testid=invite-email]").ChangeAsync(new() { Value = "nina@acme.test" });
        var role = form.FindComponent<MudSelect<TenantRole>>();
        await form.InvokeAsync(() => role.Instance.ValueChanged.InvokeAsync(TenantRole.PlantManager));
        await form.Find("form").SubmitAsync();

        var link = form.WaitForElement("input[data-testid=invite-link]").GetAttribute("value");
        Assert.StartsWith(TestDatabase.PublicBaseUrl + "/invitations/", link, StringComparison.Ordinal);
        var invitation = Assert.Single(await _scenario.Database.InvitationsOfAsync(_scenario.Acme.Id));
        Assert.Equal(("nina@acme.test", TenantRole.PlantManager), (invitation.Email, invitation.Role));
        Assert.Equal(1, _invitedCallbacks);
        // Ready for the next invitation.
        Assert.Equal("", form.Find("input[data-testid=invite-email]").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task AdminCannotInviteAnOwnerAndSeesWhy()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Admin);
        var form = Render(ctx);

        await form.Find("input[data-testid=invite-email]").ChangeAsync(new() { Value = "boss@acme.test" });
        var role = form.FindComponent<MudSelect<TenantRole>>();
        await form.InvokeAsync(() => role.Instance.ValueChanged.InvokeAsync(TenantRole.Owner));
        await form.Find("form").SubmitAsync();

        form.WaitForAssertion(() => Assert.Equal("Only an Owner can invite another Owner.", form.Find("[data-testid=invite-error]").TextContent.Trim()));
        Assert.Empty(form.FindAll("[data-testid=invite-link]"));
        Assert.Equal(0, _invitedCallbacks);
        Assert.Empty(await _scenario.Database.InvitationsOfAsync(_scenario.Acme.Id));
    }

    [Fact]
    public async Task InvitingSomeoneWhoIsAlreadyAMemberShowsAConflict()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var form = Render(ctx);

        await form.Find("input[data-testid=invite-email]").ChangeAsync(new() { Value = "Tessa@Acme.test" });
        await form.Find("form").SubmitAsync();

        form.WaitForAssertion(() => Assert.Equal("Tessa@Acme.test is already a member.", form.Find("[data-testid=invite-error]").TextContent.Trim()));
        Assert.Equal(0, _invitedCallbacks);
    }

    [Fact]
    public async Task RoleDefaultsToTeamMember()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);

        var form = Render(ctx);

        Assert.Equal(TenantRole.TeamMember, form.FindComponent<MudSelect<TenantRole>>().Instance.GetState(x => x.Value));
    }

    private IRenderedComponent<InviteMemberForm> Render(BunitContext ctx) =>
        MembersScenario.RenderWithProviders<InviteMemberForm>(ctx, p => p.Add(x => x.OnInvited, () => _invitedCallbacks++));
}
