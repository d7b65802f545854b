using Bunit;
using FactoryCloud.Web.Features.Entra;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Web.Tests.Entra;

public sealed class NotRegisteredTests
{
    [Theory]
    [InlineData("", "Your organisation is not registered", "is not linked to FactoryCloud")]
    [InlineData("?reason=NotInvited", "You have not been invited yet", "Ask an Owner or Admin")]
    [InlineData("?reason=EmailTaken", "Sign in with your FactoryCloud password first", "already exists")]
    [InlineData("?reason=NoEmail", "Microsoft sign-in did not complete", "did not share an email address")]
    [InlineData("?reason=Failed", "Microsoft sign-in did not complete", "could not be verified")]
    [InlineData("?reason=<script>", "Your organisation is not registered", "is not linked to FactoryCloud")]
    public async Task EachRefusalSaysWhatHappenedAndWhatToDo(string query, string title, string advice)
    {
        await using var ctx = WebTestContext.Create();
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("account/entra/not-registered" + query);

        var page = ctx.Render<NotRegistered>();

        Assert.Equal(title, page.Find("[data-testid=entra-refused]").TextContent.Trim());
        Assert.Contains(advice, page.Markup, StringComparison.Ordinal);
        Assert.Equal("account/login", page.Find("a").GetAttribute("href"));
    }
}
