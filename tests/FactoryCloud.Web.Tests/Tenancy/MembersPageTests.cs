using AngleSharp.Dom;
using Bunit;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Web.Features.Tenancy;
using FactoryCloud.Web.Tests.Fixtures;
using MudBlazor;
using MudBlazor.Extensions;

namespace FactoryCloud.Web.Tests.Tenancy;

public sealed class MembersPageTests : IAsyncLifetime
{
    private readonly MembersScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task OwnerSeesInviteFormAndARoleSelectForEveryoneButThemselves()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);

        var page = await RenderLoadedAsync(ctx);

        Assert.Single(page.FindComponents<InviteMemberForm>());
        var selects = page.FindComponent<MudTable<MemberView>>().FindComponents<MudSelect<TenantRole>>()
            .ToDictionary(s => s.Instance.UserAttributes["aria-label"]?.ToString() ?? "", s => s.Instance.GetState(x => x.Value));
        Assert.Equal(new Dictionary<string, TenantRole>
        {
            ["Role of adam@acme.test"] = TenantRole.Admin,
            ["Role of paula@acme.test"] = TenantRole.PlantManager,
            ["Role of tessa@acme.test"] = TenantRole.TeamMember,
            ["Role of victor@acme.test"] = TenantRole.Viewer,
        }, selects);
        // Their own role is shown, not editable.
        Assert.Equal("Owner", RoleCell(RowOf(page, "olivia@acme.test")).TextContent.Trim());
        Assert.Empty(RowOf(page, "olivia@acme.test").QuerySelectorAll("[role=combobox]"));
        foreach (var other in (string[])["adam@acme.test", "paula@acme.test", "tessa@acme.test", "victor@acme.test"])
            Assert.NotNull(page.Find($"button[aria-label='Remove {other}']"));
    }

    [Fact]
    public async Task ViewerSeesTheMembersButNoInviteFormRoleSelectsOrRemoveButtons()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Viewer);

        var page = await RenderLoadedAsync(ctx);

        Assert.Empty(page.FindComponents<InviteMemberForm>());
        Assert.Empty(page.FindComponents<MudSelect<TenantRole>>());
        Assert.Empty(page.FindAll("button[aria-label^='Remove ']"));
        Assert.Empty(page.FindAll("[data-testid=invitations-table]"));
        Assert.Equal(5, Rows(page).Count);
        Assert.Equal("TeamMember", RoleCell(RowOf(page, "tessa@acme.test")).TextContent.Trim());
    }

    [Theory]
    [InlineData(TenantRole.Owner, true)]
    [InlineData(TenantRole.Admin, true)]
    [InlineData(TenantRole.PlantManager, false)]
    [InlineData(TenantRole.TeamMember, false)]
    [InlineData(TenantRole.Viewer, false)]
    public async Task OnlyOwnersAndAdminsGetTheManagementControls(TenantRole role, bool manages)
    {
        await using var ctx = _scenario.ContextFor(role);

        var page = await RenderLoadedAsync(ctx);

        Assert.Equal(manages, page.FindComponents<InviteMemberForm>().Count == 1);
        Assert.Equal(manages, page.FindAll("button[aria-label^='Remove ']").Count > 0);
        Assert.Equal(manages, page.FindComponent<MudTable<MemberView>>().FindComponents<MudSelect<TenantRole>>().Count > 0);
    }

    [Fact]
    public async Task ListsTheCurrentOrganisationsMembersOnlyOrderedByEmailWithNameAndRole()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Viewer);

        var page = await RenderLoadedAsync(ctx);

        var rows = Rows(page).Select(r => (Name: Cell(r, "Name"), Email: Cell(r, "Email"), Role: Cell(r, "Role"))).ToList();
        Assert.Equal(
        [
            ("Adam Admin", "adam@acme.test", "Admin"),
            ("Olivia Owner", "olivia@acme.test", "Owner"),
            ("Paula Plant", "paula@acme.test", "PlantManager"),
            ("Tessa Team", "tessa@acme.test", "TeamMember"),
            ("—", "victor@acme.test", "Viewer"),
        ], rows);
        Assert.DoesNotContain("gary@globex.test", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnerChangingARoleSavesItAndShowsTheNewRole()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var page = await RenderLoadedAsync(ctx);
        var tessa = _scenario.Acme.Member(TenantRole.TeamMember);

        var select = SelectFor(page, tessa.Email);
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(TenantRole.PlantManager));

        Assert.Equal(TenantRole.PlantManager, await _scenario.Database.RoleOfAsync(_scenario.Acme.Id, tessa.UserId));
        page.WaitForAssertion(() => Assert.Equal(TenantRole.PlantManager, SelectFor(page, tessa.Email).Instance.GetState(x => x.Value)));
    }

    [Fact]
    public async Task AdminCannotDemoteAnOwnerAndTheRoleStaysUnchanged()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Admin);
        var page = await RenderLoadedAsync(ctx);
        var olivia = _scenario.Acme.Member(TenantRole.Owner);

        var select = SelectFor(page, olivia.Email);
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(TenantRole.Viewer));

        Assert.Equal(TenantRole.Owner, await _scenario.Database.RoleOfAsync(_scenario.Acme.Id, olivia.UserId));
        page.WaitForAssertion(() => Assert.Equal(TenantRole.Owner, SelectFor(page, olivia.Email).Instance.GetState(x => x.Value)));
    }

    [Fact(Timeout = 30_000)]
    public async Task OwnerRemovesAMemberAfterConfirming()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var dialogs = MembersScenario.RenderProviders(ctx);
        var page = ctx.Render<MembersPage>();
        await page.WaitForAssertionAsync(() => Assert.Equal(5, Rows(page).Count));

        // The click's handler awaits the confirmation, so it completes only after the dialog is answered.
        var removing = page.Find("button[aria-label='Remove victor@acme.test']").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Remove victor@acme.test from Acme Works?", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        Assert.Equal(5, Rows(page).Count);
        await dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Remove").ClickAsync(new());
        await removing.WaitAsync(TimeSpan.FromSeconds(10), Xunit.TestContext.Current.CancellationToken);

        page.WaitForAssertion(() => Assert.Equal(4, Rows(page).Count));
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
        Assert.DoesNotContain("victor@acme.test", page.Find("[data-testid=members-table]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvitingSomeoneListsTheOpenInvitation()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var page = await RenderLoadedAsync(ctx);
        Assert.Empty(page.FindAll("[data-testid=invitations-table]"));

        await page.Find("input[data-testid=invite-email]").ChangeAsync(new() { Value = "nina@acme.test" });
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("nina@acme.test", page.Find("[data-testid=invitations-table]").TextContent, StringComparison.Ordinal));
    }

    private static async Task<IRenderedComponent<MembersPage>> RenderLoadedAsync(BunitContext ctx)
    {
        var page = MembersScenario.RenderWithProviders<MembersPage>(ctx);
        await page.WaitForAssertionAsync(() => Assert.NotEmpty(Rows(page)));
        return page;
    }

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<MembersPage> page) =>
        page.FindAll("[data-testid=members-table] tbody tr.mud-table-row");

    private static IElement RowOf(IRenderedComponent<MembersPage> page, string email) =>
        Rows(page).Single(r => Cell(r, "Email") == email);

    private static IElement RoleCell(IElement row) => row.QuerySelector("td[data-label='Role']")!;

    private static string Cell(IElement row, string label) => row.QuerySelector($"td[data-label='{label}']")!.TextContent.Trim();

    private static IRenderedComponent<MudSelect<TenantRole>> SelectFor(IRenderedComponent<MembersPage> page, string email) =>
        page.FindComponent<MudTable<MemberView>>().FindComponents<MudSelect<TenantRole>>()
            .Single(s => Equals(s.Instance.UserAttributes["aria-label"], $"Role of {email}"));
}
