using Bunit;
using FactoryCloud.Web.Features.Account;
using FactoryCloud.Web.Tests.Fixtures;

namespace FactoryCloud.Web.Tests.Account;

public sealed class TwoFactorPanelsTests
{
    [Fact]
    public async Task TheKeyIsShownInGroupsAndTheLinkIsTheOtpauthUri()
    {
        await using var ctx = WebTestContext.Create();
        const string uri = "otpauth://totp/FactoryCloud:ana%40example.com?secret=ABCDEFGHIJKLMNOP&issuer=FactoryCloud&digits=6";

        var cut = ctx.Render<AuthenticatorKeyPanel>(p => p.Add(x => x.Key, "ABCDEFGHIJKLMNOP").Add(x => x.Uri, uri));

        Assert.Equal("abcd efgh ijkl mnop", cut.Find("[data-testid=authenticator-key]").TextContent);
        Assert.Equal(uri, cut.Find("[data-testid=authenticator-uri]").GetAttribute("href"));
    }

    [Fact]
    public async Task EveryRecoveryCodeIsListedOnce()
    {
        await using var ctx = WebTestContext.Create();
        string[] codes = ["BCD23-FGH45", "KMN67-PQR89", "<script>x</script>"];

        var cut = ctx.Render<RecoveryCodesPanel>(p => p.Add(x => x.Codes, codes));

        Assert.Equal(codes, cut.FindAll("[data-testid=recovery-codes] code").Select(c => c.TextContent));
        Assert.Empty(cut.FindAll("[data-testid=recovery-codes] script")); // shown as text, never markup
    }
}
