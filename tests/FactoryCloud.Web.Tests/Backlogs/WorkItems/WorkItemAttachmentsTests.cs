using Bunit;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Shared;
using FactoryCloud.Web.Features.Backlogs.WorkItems;
using FactoryCloud.Web.Tests.Backlogs.Shared;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Web.Tests.Backlogs.WorkItems;

public sealed class WorkItemAttachmentsTests : IAsyncLifetime
{
    private readonly BacklogScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task AnAttachmentAddedInTheFormIsListedWithItsLinkSizeTypeAndWhoAddedIt()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Andon app");
        var item = await BacklogScenario.AddAsync(ctx, product, "Andon call button");
        var tessa = _scenario.Acme.Member(TenantRole.TeamMember);
        var changes = 0;
        var attachments = Render(ctx, item.Id, canEdit: true, onChanged: () => changes++);

        attachments.Find("input[data-testid=attachment-file-name]").Change("wiring.pdf");
        attachments.Find("input[data-testid=attachment-location]").Change("https://acme.sharepoint.com/line4/wiring.pdf");
        attachments.Find("input[data-testid=attachment-size]").Change("1536");
        attachments.Find("input[data-testid=attachment-type]").Change("application/pdf");
        attachments.Find("button[data-testid=attachment-add]").Click();

        attachments.WaitForAssertion(() => Assert.Single(attachments.FindAll("[data-testid=attachment]")));
        var saved = Assert.Single((await Details(ctx).AttachmentsAsync(item.Id)).Value!);
        Assert.Equal(("wiring.pdf", "https://acme.sharepoint.com/line4/wiring.pdf", 1536L, "application/pdf", tessa.UserId),
            (saved.FileName, saved.StorageKey, saved.SizeBytes, saved.ContentType, saved.UploadedBy));
        Assert.Equal("https://acme.sharepoint.com/line4/wiring.pdf", attachments.Find("a[data-testid=attachment-name]").GetAttribute("href"));
        Assert.Equal($"1.5 KB · application/pdf · Tessa Team · {saved.UploadedAt:yyyy-MM-dd HH:mm}", attachments.Find("[data-testid=attachment-meta]").TextContent.Trim());
        Assert.Equal(1, changes);
        Assert.Contains((await Details(ctx).HistoryAsync(item.Id)).Value!, h => h.Field == "Attachment" && h.NewValue == "wiring.pdf");
    }

    [Fact]
    public async Task MissingFieldsAndAScriptLinkShowInlineMessagesAndSaveNothing()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Energy monitor");
        var item = await BacklogScenario.AddAsync(ctx, product, "Meter import");
        var attachments = Render(ctx, item.Id, canEdit: true);

        attachments.Find("button[data-testid=attachment-add]").Click();
        attachments.WaitForAssertion(() => Assert.Contains("Enter a file name.", attachments.Markup, StringComparison.Ordinal));
        Assert.Contains("Enter a link to the file or where it is stored.", attachments.Markup, StringComparison.Ordinal);

        attachments.Find("input[data-testid=attachment-file-name]").Change("meters.xlsx");
        attachments.Find("input[data-testid=attachment-location]").Change("javascript:alert(1)");
        attachments.Find("button[data-testid=attachment-add]").Click();
        attachments.WaitForAssertion(() => Assert.Contains("A link starts with http:// or https://; a storage key has no scheme.", attachments.Markup, StringComparison.Ordinal));

        Assert.Empty((await Details(ctx).AttachmentsAsync(item.Id)).Value!);
        Assert.Empty(attachments.FindAll("[data-testid=attachment]"));
    }

    [Fact]
    public async Task AStorageKeyIsShownAsTextAndRemovingAnAttachmentDeletesItsMetadata()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Scrap tracker");
        var item = await BacklogScenario.AddAsync(ctx, product, "Scrap reasons");
        await Details(ctx).AddAttachmentAsync(item.Id, new AttachmentRequest { FileName = "reasons.csv", StorageKey = "attachments/reasons.csv", SizeBytes = 300, ContentType = "text/csv" });
        var attachments = Render(ctx, item.Id, canEdit: true);
        attachments.WaitForAssertion(() => Assert.Single(attachments.FindAll("[data-testid=attachment]")));

        Assert.Empty(attachments.FindAll("a[data-testid=attachment-name]"));
        Assert.Equal("reasons.csv", attachments.Find("[data-testid=attachment-name]").TextContent.Trim());
        Assert.StartsWith("300 B · text/csv", attachments.Find("[data-testid=attachment-meta]").TextContent.Trim(), StringComparison.Ordinal);

        attachments.Find("button[data-testid=attachment-remove]").Click();

        attachments.WaitForAssertion(() => Assert.Empty(attachments.FindAll("[data-testid=attachment]")));
        Assert.Empty((await Details(ctx).AttachmentsAsync(item.Id)).Value!);
        Assert.Contains((await Details(ctx).HistoryAsync(item.Id)).Value!, h => h.Field == "Attachment" && h.OldValue == "reasons.csv" && h.NewValue is null);
    }

    [Fact]
    public async Task WithoutEditRightsTheListHasNoFormAndNoRemoveButton()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Andon app");
        var item = await BacklogScenario.AddAsync(ctx, product, "Andon board");
        await Details(ctx).AddAttachmentAsync(item.Id, new AttachmentRequest { FileName = "layout.png", StorageKey = "https://files.acme.test/layout.png", SizeBytes = 2_500_000, ContentType = "image/png" });

        var attachments = Render(ctx, item.Id, canEdit: false);

        attachments.WaitForAssertion(() => Assert.Single(attachments.FindAll("[data-testid=attachment]")));
        Assert.StartsWith("2.4 MB · image/png", attachments.Find("[data-testid=attachment-meta]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Empty(attachments.FindAll("[data-testid=attachment-remove]"));
        Assert.Empty(attachments.FindAll("[data-testid=attachment-add]"));
    }

    [Fact]
    public async Task AnUploadedFileIsStoredListedWithADownloadLinkAndAFileOfAnotherKindIsRefusedInline()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Andon app");
        var item = await BacklogScenario.AddAsync(ctx, product, "Andon call button");
        var attachments = Render(ctx, item.Id, canEdit: true);

        attachments.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>()
            .UploadFiles(InputFileContent.CreateFromText("%PDF-1.7\n%%EOF\n", "wiring.pdf"));

        attachments.WaitForAssertion(() => Assert.Single(attachments.FindAll("[data-testid=attachment]")));
        var saved = Assert.Single((await Details(ctx).AttachmentsAsync(item.Id)).Value!);
        Assert.Equal(("wiring.pdf", "application/pdf", "stored:file"), (saved.FileName, saved.ContentType, saved.StorageKey));
        Assert.Equal($"/api/v1/attachments/{saved.Id}/content", attachments.Find("a[data-testid=attachment-name]").GetAttribute("href"));

        attachments.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>()
            .UploadFiles(InputFileContent.CreateFromText("<html><script>alert(1)</script>", "report.pdf"));
        attachments.WaitForAssertion(() => Assert.Contains("This kind of file cannot be attached.", attachments.Find("[data-testid=attachment-error]").TextContent, StringComparison.Ordinal));
        Assert.Single((await Details(ctx).AttachmentsAsync(item.Id)).Value!);
    }

    private IRenderedComponent<WorkItemAttachments> Render(BunitContext ctx, Guid itemId, bool canEdit, Action? onChanged = null)
    {
        var people = new[] { _scenario.Acme.Member(TenantRole.Owner), _scenario.Acme.Member(TenantRole.TeamMember) }
            .Select(m => new Person(m.UserId, m.DisplayName!)).ToList();
        return ctx.Render<WorkItemAttachments>(p => p.Add(a => a.ItemId, itemId).Add(a => a.People, people).Add(a => a.CanEdit, canEdit)
            .Add(a => a.OnChanged, onChanged ?? (() => { })));
    }

    private static WorkItemDetailsService Details(BunitContext ctx) => ctx.Services.GetRequiredService<WorkItemDetailsService>();
}
