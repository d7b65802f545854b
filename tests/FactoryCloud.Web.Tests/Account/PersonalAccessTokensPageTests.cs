using Bunit;
using FactoryCloud.Domain.AccessTokens;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Account.Tokens;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FactoryCloud.Web.Tests.Account;

/// <summary>The access-tokens page on a real SQLite database: inline validation, the secret shown once, who sees what.</summary>
public sealed class PersonalAccessTokensPageTests : IAsyncLifetime
{
    private readonly MembersScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task AMissingNameNoAreaAndAnExpiryBeyondAYearAreShownBesideTheirFieldsAndNothingIsSaved()
    {
        await using var ctx = ContextFor(TenantRole.TeamMember);
        var page = MembersScenario.RenderWithProviders<PersonalAccessTokensPage>(ctx);

        await page.Find("input[data-testid=token-expiry]").ChangeAsync(new() { Value = "400" });
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("Give the token a name.", page.Markup, StringComparison.Ordinal));
        Assert.Contains("Choose between 1 and 365 days.", page.Markup, StringComparison.Ordinal);

        await page.Find("input[data-testid=token-name]").ChangeAsync(new() { Value = "export" });
        await page.Find("input[data-testid=token-expiry]").ChangeAsync(new() { Value = "30" });
        var plants = page.FindComponents<MudSelect<TokenAccess>>()[0];
        await page.InvokeAsync(() => plants.Instance.ValueChanged.InvokeAsync(TokenAccess.None));
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("Give the token access to at least one area.", plants.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=token-secret]"));
        Assert.Empty(await TokensAsync());
    }

    [Fact]
    public async Task AValidTokenIsShownOnceAndStoredOnlyAsItsHash()
    {
        await using var ctx = ContextFor(TenantRole.TeamMember);
        var page = MembersScenario.RenderWithProviders<PersonalAccessTokensPage>(ctx);

        await page.Find("input[data-testid=token-name]").ChangeAsync(new() { Value = "Nightly export" });
        var backlogs = page.FindComponents<MudSelect<TokenAccess>>()[1];
        await page.InvokeAsync(() => backlogs.Instance.ValueChanged.InvokeAsync(TokenAccess.ReadWrite));
        await page.Find("form").SubmitAsync();

        var secret = page.WaitForElement("input[data-testid=token-secret]").GetAttribute("value")!;
        Assert.StartsWith(TokenSecret.PersonalAccessPrefix, secret, StringComparison.Ordinal);
        var stored = Assert.Single(await TokensAsync());
        Assert.Equal(("Nightly export", "plants:read backlogs:write", TokenSecret.Hash(secret)), (stored.Name, stored.Scopes, stored.TokenHash));
        Assert.Contains("Nightly export", page.Find("[data-testid=token-list]").TextContent, StringComparison.Ordinal);

        var again = ctx.Render<PersonalAccessTokensPage>(); // a later visit: the providers are already there
        Assert.DoesNotContain(secret, again.Markup, StringComparison.Ordinal);
        Assert.Contains("Nightly export", again.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOwnerSeesAndRevokesEveryonesTokensAMemberOnlyTheirOwn()
    {
        await using (var member = ContextFor(TenantRole.TeamMember))
            await member.Services.GetRequiredService<PersonalAccessTokenService>()
                .CreateAsync(new("tessa's script", TokenAccess.Read, TokenAccess.None, TokenAccess.None, DateTimeOffset.UtcNow.AddDays(30)), Xunit.TestContext.Current.CancellationToken);
        await using (var viewer = ContextFor(TenantRole.Viewer))
        {
            var page = MembersScenario.RenderWithProviders<PersonalAccessTokensPage>(viewer);
            Assert.DoesNotContain("tessa's script", page.Markup, StringComparison.Ordinal);
        }

        await using var owner = ContextFor(TenantRole.Owner);
        var list = MembersScenario.RenderWithProviders<PersonalAccessTokensPage>(owner);
        Assert.Contains("tessa's script", list.Markup, StringComparison.Ordinal);
        Assert.Contains("tessa@acme.test", list.Markup, StringComparison.Ordinal);
        await list.Find("[data-testid=token-revoke]").ClickAsync(new());

        list.WaitForAssertion(() => Assert.Contains("Revoked", list.Find("[data-testid=token-list]").TextContent, StringComparison.Ordinal));
        Assert.NotNull(Assert.Single(await TokensAsync()).RevokedAt);
    }

    private BunitContext ContextFor(TenantRole role) => _scenario.ContextFor(role);

    private async Task<List<PersonalAccessToken>> TokensAsync()
    {
        await using var db = _scenario.Database.Contexts.Create(DataScope.ForTenant(_scenario.Acme.Id));
        return await db.PersonalAccessTokens.AsNoTracking().ToListAsync(Xunit.TestContext.Current.CancellationToken);
    }
}
