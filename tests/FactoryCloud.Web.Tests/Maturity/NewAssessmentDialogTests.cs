using Bunit;
using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Maturity;
using FactoryCloud.Web.Features.Plants;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FactoryCloud.Web.Tests.Maturity;

/// <summary>The new-assessment dialog's model picker: the organisation's models, the latest saved one unless another is picked.</summary>
public sealed class NewAssessmentDialogTests : IAsyncLifetime
{
    private readonly MaturityScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task AnAssessorPicksAModelOtherThanTheLatestAndTheAssessmentIsTakenWithIt()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner, services => services.AddScoped<AssetService>());
        var models = ctx.Services.GetRequiredService<MaturityModelService>();
        var index = (await models.CopyDefaultAsync(new CopyModelRequest { Template = Industrie40IndexTemplate.Key })).Value!;
        var latest = (await models.CopyDefaultAsync(new CopyModelRequest { Name = "Our model" })).Value!;
        var dialogs = MembersScenario.RenderProviders(ctx);
        var reference = await dialogs.InvokeAsync(() => ctx.Services.GetRequiredService<IDialogService>().ShowAsync<NewAssessmentDialog>("New assessment"));
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=assessment-model]")), MaturityScenario.Patience);
        var picker = dialogs.FindComponents<MudSelect<Guid?>>().Single(s => s.Instance.Label == "Maturity model").Instance;
        Assert.Contains("The latest version of the model is used", dialogs.Markup, StringComparison.Ordinal);

        await dialogs.InvokeAsync(() => dialogs.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Title").Instance.ValueChanged.InvokeAsync("Index 2027"));
        await dialogs.InvokeAsync(() => picker.ValueChanged.InvokeAsync(index.Id));
        await dialogs.Find("form#assessment-form").SubmitAsync();

        var result = await reference.Result.WaitAsync(MaturityScenario.Patience, Xunit.TestContext.Current.CancellationToken);
        Assert.False(result!.Canceled);
        await using var db = _scenario.Database.Contexts.Create(DataScope.ForTenant(_scenario.Tenant.Id));
        var created = await db.MaturityAssessments.AsNoTracking().SingleAsync(a => a.Id == (Guid)result.Data!);
        Assert.Equal(index.Id, created.ModelVersionId);
        Assert.NotEqual(latest.Id, created.ModelVersionId);
    }
}
