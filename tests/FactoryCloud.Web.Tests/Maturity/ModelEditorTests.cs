using Bunit;
using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Maturity;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using MudBlazor.Extensions;

namespace FactoryCloud.Web.Tests.Maturity;

public sealed class ModelEditorTests : IAsyncLifetime
{
    private readonly MaturityScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task AnOwnerStartsFromTheIndustrie40TemplateThenCopiesTheDefaultAndSwitchesBetweenThem()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var page = ctx.Render<ModelEditorPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=copy-template-i40-maturity-index]")), MaturityScenario.Patience);

        page.Find("[data-testid=copy-template-i40-maturity-index]").Click();

        page.WaitForAssertion(() => Assert.Contains(Industrie40IndexTemplate.Name, page.Find("[data-testid=model-version]").TextContent), MaturityScenario.Patience);
        Assert.Contains("Resources · Process", page.Markup, StringComparison.Ordinal);
        page.Find("[data-testid=copy-template-factorycloud]").Click();
        page.WaitForAssertion(() => Assert.Contains(DefaultMaturityModel.Name, page.Find("[data-testid=model-version]").TextContent), MaturityScenario.Patience);
        await using var db = _scenario.Database.Contexts.Create(DataScope.ForTenant(_scenario.Tenant.Id));
        var index = await db.MaturityModelVersions.AsNoTracking().SingleAsync(v => v.Name == Industrie40IndexTemplate.Name);
        Assert.Equal(4, index.Definition.Dimensions.Count);
        page.Find($"[data-testid=model-{index.ModelId}]").Click();
        page.WaitForAssertion(() => Assert.Contains(Industrie40IndexTemplate.Name, page.Find("[data-testid=model-version]").TextContent), MaturityScenario.Patience);
    }

    [Fact]
    public async Task TheIndustrie40TemplatesComputerisationStageIsEditedLikeEveryOtherStage()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var page = ctx.Render<ModelEditorPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=copy-template-i40-maturity-index]")), MaturityScenario.Patience);
        page.Find("[data-testid=copy-template-i40-maturity-index]").Click();
        page.WaitForAssertion(() => Assert.Contains(Industrie40IndexTemplate.Name, page.Find("[data-testid=model-version]").TextContent), MaturityScenario.Patience);
        MudTextField<string> StageZero(int area) =>
            page.FindComponents<MudTextField<string>>().Where(c => c.Instance.Label == "0 Not started: description (optional)").ElementAt(area).Instance;
        Assert.StartsWith("Computerisation: ", StageZero(0).GetState(x => x.Value), StringComparison.Ordinal);

        page.Find("textarea[data-testid=stage0-resources]").Change("Computerisation: every machine has its own control, nothing more.");
        page.Find("[data-testid=save-model]").Click();

        page.WaitForAssertion(() => Assert.Equal("Saved as version 2.", page.Find("[data-testid=model-message]").TextContent.Trim()), MaturityScenario.Patience);
        await using var db = _scenario.Database.Contexts.Create(DataScope.ForTenant(_scenario.Tenant.Id));
        var versions = await db.MaturityModelVersions.AsNoTracking().Where(v => v.Name == Industrie40IndexTemplate.Name).OrderBy(v => v.Version).ToListAsync();
        Assert.Equal("Computerisation: every machine has its own control, nothing more.", versions[1].Definition.Find("resources")!.DescriptionOf(MaturityStage.NotStarted));
        Assert.Equal(Industrie40IndexTemplate.Create().Dimensions[0].NotStartedDescription, versions[0].Definition.Find("resources")!.NotStartedDescription);
        Assert.StartsWith("Connectivity: ", versions[1].Definition.Find("information-systems")!.DescriptionOf(MaturityStage.AdHoc), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOwnerCopiesTheDefaultModelAndSavesAnEditAsTheNextVersion()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var page = ctx.Render<ModelEditorPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=copy-default-model]")), MaturityScenario.Patience);
        page.Find("[data-testid=copy-default-model]").Click();
        page.WaitForAssertion(() => Assert.StartsWith("Version 1 ", page.Find("[data-testid=model-version]").TextContent.Trim()), MaturityScenario.Patience);
        await page.InvokeAsync(() => page.FindComponents<MudNumericField<double>>()[0].Instance.ValueChanged.InvokeAsync(3.5));
        page.Find("[data-testid=save-model]").Click();

        page.WaitForAssertion(() => Assert.Equal("Saved as version 2.", page.Find("[data-testid=model-message]").TextContent.Trim()), MaturityScenario.Patience);
        await using var db = _scenario.Database.Contexts.Create(DataScope.ForTenant(_scenario.Tenant.Id));
        var versions = await db.MaturityModelVersions.AsNoTracking().OrderBy(v => v.Version).ToListAsync();
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal(1.5, versions[0].Definition.Dimensions[0].Weight); // the first version never changes
        Assert.Equal(3.5, versions[1].Definition.Dimensions[0].Weight);
        Assert.Equal(DefaultMaturityModel.Create().Dimensions[0].StageDescriptions, versions[1].Definition.Dimensions[0].StageDescriptions);
    }

    [Fact]
    public async Task AnOwnerTunesAnEvidenceThresholdAndAnOutOfRangeOneIsShownInline()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var page = ctx.Render<ModelEditorPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=copy-default-model]")), MaturityScenario.Patience);
        page.Find("[data-testid=copy-default-model]").Click();
        page.WaitForAssertion(() => Assert.StartsWith("Version 1 ", page.Find("[data-testid=model-version]").TextContent.Trim()), MaturityScenario.Patience);
        MudNumericField<double> Threshold() => page.FindComponents<MudNumericField<double>>().Single(c => c.Instance.Label == "streaming-share.3").Instance;

        await page.InvokeAsync(() => Threshold().ValueChanged.InvokeAsync(2));
        page.Find("[data-testid=save-model]").Click();
        page.WaitForAssertion(() => Assert.Contains("A share is between 0 and 1.", page.Markup), MaturityScenario.Patience);

        await page.InvokeAsync(() => Threshold().ValueChanged.InvokeAsync(0.5));
        page.Find("[data-testid=save-model]").Click();
        page.WaitForAssertion(() => Assert.Equal("Saved as version 2.", page.Find("[data-testid=model-message]").TextContent.Trim()), MaturityScenario.Patience);
        await using var db = _scenario.Database.Contexts.Create(DataScope.ForTenant(_scenario.Tenant.Id));
        var latest = await db.MaturityModelVersions.AsNoTracking().OrderByDescending(v => v.Version).FirstAsync();
        Assert.Equal(0.5, latest.Definition.Find(DefaultMaturityModel.ConnectivityKey)!.EvidenceThresholds["streaming-share.3"]);
        Assert.Equal(0.9, latest.Definition.Find(DefaultMaturityModel.ConnectivityKey)!.EvidenceThresholds["streaming-share.4"]); // the others kept
    }

    [Fact]
    public async Task AnOwnerTunesAValueLeverAndAnOutOfRangeOneIsShownInline()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var page = ctx.Render<ModelEditorPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=copy-default-model]")), MaturityScenario.Patience);
        page.Find("[data-testid=copy-default-model]").Click();
        page.WaitForAssertion(() => Assert.StartsWith("Version 1 ", page.Find("[data-testid=model-version]").TextContent.Trim()), MaturityScenario.Patience);
        var connectivity = DefaultMaturityModel.Create().Dimensions.FindIndex(d => d.Key == DefaultMaturityModel.ConnectivityKey);
        MudNumericField<double> Availability() =>
            page.FindComponents<MudNumericField<double>>().Where(c => c.Instance.Label == "Availability points won per stage").ElementAt(connectivity).Instance;

        await page.InvokeAsync(() => Availability().ValueChanged.InvokeAsync(25));
        page.Find("[data-testid=save-model]").Click();
        page.WaitForAssertion(() => Assert.Contains("Availability won per stage is a share from 0 to 0.2.", page.Markup), MaturityScenario.Patience);

        await page.InvokeAsync(() => Availability().ValueChanged.InvokeAsync(2));
        page.Find("[data-testid=save-model]").Click();
        page.WaitForAssertion(() => Assert.Equal("Saved as version 2.", page.Find("[data-testid=model-message]").TextContent.Trim()), MaturityScenario.Patience);
        await using var db = _scenario.Database.Contexts.Create(DataScope.ForTenant(_scenario.Tenant.Id));
        var versions = await db.MaturityModelVersions.AsNoTracking().OrderBy(v => v.Version).ToListAsync();
        Assert.Equal(new KpiLevers(0.02, 0, 0), versions[1].Definition.Find(DefaultMaturityModel.ConnectivityKey)!.ValueLevers);
        Assert.Equal(new KpiLevers(0.01, 0, 0), versions[0].Definition.Find(DefaultMaturityModel.ConnectivityKey)!.ValueLevers); // version 1 keeps its levers
        Assert.Equal(new KpiLevers(0.015, 0.10, 0), versions[1].Definition.Find("automation")!.ValueLevers); // the others kept
    }

    [Fact]
    public async Task AViewerCanNeitherCopyNorSaveTheModel()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Viewer);
        var page = ctx.Render<ModelEditorPage>();

        page.WaitForAssertion(() => Assert.Contains("default model", page.Markup), MaturityScenario.Patience);
        Assert.Empty(page.FindAll("[data-testid=copy-default-model], [data-testid=save-model]"));
    }
}
