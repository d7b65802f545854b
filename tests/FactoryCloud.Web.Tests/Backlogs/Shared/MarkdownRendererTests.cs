using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Shared;

namespace FactoryCloud.Web.Tests.Backlogs.Shared;

public sealed class MarkdownRendererTests
{
    [Fact]
    public void RendersMarkdown()
    {
        var html = MarkdownRenderer.ToHtml("**Scrap** per [shift](https://example.test/s?a=1)\n\n- [x] done");
        Assert.Contains("<strong>Scrap</strong>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.test/s?a=1\"", html, StringComparison.Ordinal);
        Assert.Contains("checkbox", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JavaScript:alert(1))")]
    [InlineData("[click](java\tscript:alert(1))")]
    [InlineData("[click](javascript&#58;alert(1))")]
    [InlineData("![img](javascript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[click](vbscript:msgbox(1))")]
    public void NeitherScriptsNorScriptLinksSurvive(string markdown)
    {
        var html = MarkdownRenderer.ToHtml(markdown);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
        foreach (var attribute in new[] { "href=\"", "src=\"" })
            foreach (var scheme in new[] { "javascript", "java\t", "vbscript", "data:" })
                Assert.DoesNotContain(attribute + scheme, html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("https://x.test", true)]
    [InlineData("mailto:a@b.test", true)]
    [InlineData("/backlogs/items/1", true)]
    [InlineData("docs/a:b", true)]
    [InlineData("#top", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData(" javascript:alert(1)", false)]
    [InlineData("data:text/html,x", false)]
    public void OnlyHttpMailtoAndRelativeTargetsAreSafe(string url, bool safe) => Assert.Equal(safe, MarkdownRenderer.IsSafe(url));
}
