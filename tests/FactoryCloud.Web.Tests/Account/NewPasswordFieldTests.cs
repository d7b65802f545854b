using Bunit;
using FactoryCloud.Web.Features.Account;
using FactoryCloud.Web.Tests.Fixtures;

namespace FactoryCloud.Web.Tests.Account;

public sealed class NewPasswordFieldTests
{
    [Fact]
    public async Task BeforeTypingItSaysWhatIsAskedAndNoMore()
    {
        await using var ctx = WebTestContext.Create();
        var cut = Render(ctx);

        Assert.Contains("At least 12 characters", cut.Find("[data-testid=password-strength]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("upper", cut.Find("[data-testid=password-strength]").TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Input.Password", cut.Find("input").GetAttribute("name"));
        Assert.Equal("password", cut.Find("input").GetAttribute("type"));
        Assert.Equal("new-password", cut.Find("input").GetAttribute("autocomplete"));
    }

    [Theory]
    [InlineData("password1234", "Very weak", "0")]
    [InlineData("Kx7#p", "Weak", "1")]
    [InlineData("factorycloud", "Fair", "2")]
    [InlineData("correct horse battery staple", "Very strong", "4")]
    public async Task TheMeterFollowsWhatIsTyped(string password, string label, string score)
    {
        await using var ctx = WebTestContext.Create();
        var cut = Render(ctx);

        cut.Find("input").Input(password);

        Assert.Equal(label, cut.Find("[data-testid=password-strength-label]").TextContent);
        Assert.Equal(score, cut.Find("meter").GetAttribute("value"));
    }

    [Fact]
    public async Task ACommonPasswordSaysSo()
    {
        await using var ctx = WebTestContext.Create();
        var cut = Render(ctx);

        cut.Find("input").Input("qwertyuiop123");

        Assert.Contains("most common", cut.Find("[data-testid=password-strength]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClearingTheFieldShowsTheRuleAgain()
    {
        await using var ctx = WebTestContext.Create();
        var cut = Render(ctx);
        cut.Find("input").Input("correct horse battery staple");

        cut.Find("input").Input("");

        Assert.Empty(cut.FindAll("[data-testid=password-strength-label]"));
        Assert.Contains("At least 12 characters", cut.Find("[data-testid=password-strength]").TextContent, StringComparison.Ordinal);
    }

    private static IRenderedComponent<NewPasswordField> Render(BunitContext ctx) =>
        ctx.Render<NewPasswordField>(p => p.Add(f => f.Id, "password").Add(f => f.Name, "Input.Password"));
}
