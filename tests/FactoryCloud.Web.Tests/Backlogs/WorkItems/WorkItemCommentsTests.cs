using Bunit;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.WorkItems;
using FactoryCloud.Web.Tests.Backlogs.Shared;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Web.Tests.Backlogs.WorkItems;

public sealed class WorkItemCommentsTests : IAsyncLifetime
{
    private readonly BacklogScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task TheAuthorEditsTheirCommentWithInlineValidationAndTheEditIsShownAndRecorded()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Andon app");
        var item = await BacklogScenario.AddAsync(ctx, product, "Andon call button");
        var details = ctx.Services.GetRequiredService<WorkItemDetailsService>();
        await details.AddCommentAsync(item.Id, new CommentRequest { Body = "Needs a **red** light" });
        MembersScenario.RenderProviders(ctx);
        var comments = ctx.Render<WorkItemComments>(p => p.Add(c => c.ItemId, item.Id).Add(c => c.CanEdit, true));
        comments.WaitForAssertion(() => Assert.Single(comments.FindAll("[data-testid=comment]")));
        Assert.DoesNotContain("edited", comments.Find("[data-testid=comment-meta]").TextContent, StringComparison.Ordinal);

        comments.Find("button[data-testid=comment-edit]").Click();
        comments.Find("textarea[data-testid=comment-edit-input]").Input("");
        comments.Find("button[data-testid=comment-save]").Click();
        comments.WaitForAssertion(() => Assert.Contains("Write a comment.", comments.Markup, StringComparison.Ordinal));
        Assert.Equal("Needs a **red** light", (await details.CommentsAsync(item.Id)).Value!.Single().Body);

        comments.Find("textarea[data-testid=comment-edit-input]").Input("Needs a **green** light");
        comments.Find("button[data-testid=comment-save]").Click();

        comments.WaitForAssertion(() => Assert.Contains("<strong>green</strong>", comments.Find("[data-testid=comment-body]").InnerHtml, StringComparison.Ordinal));
        var saved = (await details.CommentsAsync(item.Id)).Value!.Single();
        Assert.Equal("Needs a **green** light", saved.Body);
        Assert.NotNull(saved.EditedAt);
        Assert.Contains($"edited {saved.EditedAt:yyyy-MM-dd HH:mm}", comments.Find("[data-testid=comment-meta]").TextContent, StringComparison.Ordinal);
        var history = (await details.HistoryAsync(item.Id)).Value!;
        Assert.Contains(history, h => h.Field == "Comment" && h.OldValue == "Needs a **red** light" && h.NewValue == "Needs a **green** light");
    }

    [Fact]
    public async Task AnOwnerDeletesSomeoneElsesCommentAfterConfirmingButCannotEditIt()
    {
        await using var author = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(author, "Energy monitor");
        var item = await BacklogScenario.AddAsync(author, product, "Meter import");
        await author.Services.GetRequiredService<WorkItemDetailsService>().AddCommentAsync(item.Id, new CommentRequest { Body = "Meters are Modbus" });
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var dialogs = MembersScenario.RenderProviders(ctx);
        var comments = ctx.Render<WorkItemComments>(p => p.Add(c => c.ItemId, item.Id).Add(c => c.CanEdit, true));
        comments.WaitForAssertion(() => Assert.Single(comments.FindAll("[data-testid=comment]")));

        Assert.Empty(comments.FindAll("[data-testid=comment-edit]"));
        comments.Find("button[data-testid=comment-delete]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Delete Tessa Team's comment?", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();

        comments.WaitForAssertion(() => Assert.Empty(comments.FindAll("[data-testid=comment]")));
        var details = ctx.Services.GetRequiredService<WorkItemDetailsService>();
        Assert.Empty((await details.CommentsAsync(item.Id)).Value!);
        Assert.Contains((await details.HistoryAsync(item.Id)).Value!, h => h.Field == "Comment" && h.OldValue == "Meters are Modbus" && h.NewValue is null);
    }

    [Fact]
    public async Task AMemberSeesNeitherEditNorDeleteOnSomeoneElsesComment()
    {
        await using var owner = _scenario.ContextFor(TenantRole.Owner);
        var product = await BacklogScenario.CreateProductAsync(owner, "Scrap tracker");
        var item = await BacklogScenario.AddAsync(owner, product, "Scrap reasons");
        await owner.Services.GetRequiredService<WorkItemDetailsService>().AddCommentAsync(item.Id, new CommentRequest { Body = "From the plant manager" });
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);

        var comments = ctx.Render<WorkItemComments>(p => p.Add(c => c.ItemId, item.Id).Add(c => c.CanEdit, true));

        comments.WaitForAssertion(() => Assert.Single(comments.FindAll("[data-testid=comment]")));
        Assert.Empty(comments.FindAll("[data-testid=comment-edit]"));
        Assert.Empty(comments.FindAll("[data-testid=comment-delete]"));
    }
}
