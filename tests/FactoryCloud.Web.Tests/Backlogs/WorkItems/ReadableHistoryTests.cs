using Bunit;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.WorkItems;
using FactoryCloud.Web.Tests.Backlogs.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Web.Tests.Backlogs.WorkItems;

/// <summary>History reads as words (it showed "AcceptanceCriteria" and "Parent: – → 01a24560-…").</summary>
public sealed class ReadableHistoryTests
{
    [Theory]
    [InlineData(WorkItemFields.AcceptanceCriteria, "Acceptance criteria")]
    [InlineData(WorkItemFields.DueDate, "Due date")]
    [InlineData(WorkItemFields.Column, "Status")]
    [InlineData(WorkItemFields.Parent, "Parent")]
    [InlineData("Field:Customer impact", "Customer impact")]
    public void FieldsAreLabelledInWords(string field, string label) => Assert.Equal(label, ReadableHistory.Label(field));
}

/// <summary>The item page's history list against a real SQLite database.</summary>
public sealed class WorkItemHistoryListTests : IAsyncLifetime
{
    private readonly BacklogScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task TheParentIsNamedByItsTitleAndFieldsByTheirLabels()
    {
        await using var ctx = _scenario.ContextFor(Domain.Tenancy.TenantRole.Owner);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Connected plant");
        var items = ctx.Services.GetRequiredService<WorkItemService>();
        var epic = (await items.CreateAsync(product.Id, new WorkItemRequest { Type = WorkItemType.Epic, Title = "Reduce scrap on Line 1" })).Value!;
        var feature = (await items.CreateAsync(product.Id, new WorkItemRequest
        {
            Type = WorkItemType.Feature, Title = "Scrap reasons at the press", ParentId = epic.Id, AcceptanceCriteria = "Every reject has a reason",
        })).Value!;

        var list = ctx.Render<WorkItemHistoryList>(p => p.Add(x => x.ItemId, feature.Id));

        list.WaitForAssertion(() => Assert.Contains("Parent: – → Reduce scrap on Line 1", list.Find("[data-testid=item-history]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        Assert.Contains("Acceptance criteria", list.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(epic.Id.ToString(), list.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("AcceptanceCriteria", list.Markup, StringComparison.Ordinal);
    }
}
