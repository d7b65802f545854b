using Bunit;
using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Quotas;
using FactoryCloud.Web.Features.Maturity;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Web.Tests.Maturity;

/// <summary>
/// Evidence files under a dimension of the assessment page: an upload is stored and listed with its download link, a
/// file of another kind or one that does not fit the plan's storage is refused inline with its reason, removing
/// deletes it, and an approved assessment shows the files without upload or remove.
/// </summary>
public sealed class EvidenceFilesTests : IAsyncLifetime
{
    private readonly MaturityScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task AnUploadIsListedWithItsDownloadLinkAnotherKindOrNoRoomIsRefusedInlineAndRemovingDeletesIt()
    {
        // Room for the first file only.
        await using var ctx = _scenario.ContextFor(TenantRole.Owner,
            s => s.Configure<QuotaOptions>(o => o.Plans["Standard"] = new PlanLimitOptions { StorageBytes = 24 }));
        var assessment = await _scenario.SeedAssessmentAsync(AssessmentStatus.Draft);
        var files = Render(ctx, assessment, readOnly: false);

        files.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("%PDF-1.7\n%%EOF\n", "audit.pdf"));
        files.WaitForAssertion(() => Assert.Single(files.FindAll("[data-testid=evidence-file]")), MaturityScenario.Patience);
        var saved = Assert.Single((await Service(ctx).ListAsync(assessment, DefaultMaturityModel.ConnectivityKey)).Value!);
        Assert.Equal(("audit.pdf", "application/pdf"), (saved.FileName, saved.ContentType));
        Assert.Equal($"/api/v1/maturity/evidence-files/{saved.Id}/content", files.Find("a[data-testid=evidence-file-name]").GetAttribute("href"));

        files.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("<svg onload=alert(1)>", "photo.png"));
        files.WaitForAssertion(() => Assert.Contains("This kind of file cannot be attached.", files.Find("[data-testid=evidence-file-error]").TextContent, StringComparison.Ordinal),
            MaturityScenario.Patience);

        files.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("line 4 changeover log, 12 entries", "log.txt"));
        files.WaitForAssertion(() => Assert.StartsWith("Quota exceeded: this file does not fit in the organisation's storage.",
            files.Find("[data-testid=evidence-file-error]").TextContent.Trim(), StringComparison.Ordinal), MaturityScenario.Patience);
        Assert.Single((await Service(ctx).ListAsync(assessment)).Value!);

        files.Find("button[data-testid=evidence-file-remove]").Click();
        files.WaitForAssertion(() => Assert.Empty(files.FindAll("[data-testid=evidence-file]")), MaturityScenario.Patience);
        Assert.Empty((await Service(ctx).ListAsync(assessment)).Value!);
    }

    [Fact]
    public async Task AnApprovedAssessmentListsItsFilesWithoutUploadOrRemove()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var assessment = await _scenario.SeedAssessmentAsync(AssessmentStatus.Draft);
        await using (var pdf = new MemoryStream("%PDF-1.7\n%%EOF\n"u8.ToArray()))
            Assert.True((await Service(ctx).UploadAsync(assessment, DefaultMaturityModel.ConnectivityKey, "audit.pdf", pdf)).Value is not null);

        var files = Render(ctx, assessment, readOnly: true);

        files.WaitForAssertion(() => Assert.Single(files.FindAll("[data-testid=evidence-file]")), MaturityScenario.Patience);
        Assert.Empty(files.FindAll("[data-testid=evidence-file-remove]"));
        Assert.Empty(files.FindAll("[data-testid=evidence-upload-button]"));
    }

    private static IRenderedComponent<EvidenceFiles> Render(BunitContext ctx, Guid assessment, bool readOnly) =>
        ctx.Render<EvidenceFiles>(p => p.Add(f => f.AssessmentId, assessment).Add(f => f.DimensionKey, DefaultMaturityModel.ConnectivityKey).Add(f => f.ReadOnly, readOnly));

    private static EvidenceFileService Service(BunitContext ctx) => ctx.Services.GetRequiredService<EvidenceFileService>();
}
