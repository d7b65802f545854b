using Bunit;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Board;
using FactoryCloud.Web.Features.Backlogs.ProductBacklog;
using FactoryCloud.Web.Features.Backlogs.Products;
using FactoryCloud.Web.Features.Backlogs.WorkItems;
using FactoryCloud.Web.Features.Kpis;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FactoryCloud.Web.Tests.Backlogs.Shared;

/// <summary>
/// A fresh database with "Acme Works" (an Owner and a TeamMember) and one product with the default workflow, for
/// the backlog and board components. The product and its items are made through the real services, as a user would.
/// </summary>
public sealed class BacklogScenario : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = default!;
    public SeededTenant Acme { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Acme = await Database.SeedTenantAsync("Acme Works",
            ("olivia@acme.test", "Olivia Owner", TenantRole.Owner),
            ("tessa@acme.test", "Tessa Team", TenantRole.TeamMember));
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();

    /// <summary>A bUnit context with the backlog services, where the Acme member with <paramref name="role"/> is signed in.</summary>
    public BunitContext ContextFor(TenantRole role)
    {
        var ctx = WebTestContext.Create(Database);
        ctx.Services.AddBacklogs();
        ctx.Services.AddScoped<KpiService>();
        ctx.SignIn(Acme.Member(role), Acme.MembershipAs(role));
        return ctx;
    }

    public static async Task<ProductView> CreateProductAsync(BunitContext ctx, string name, WipMode wipMode = WipMode.WarnAndConfirm)
    {
        var created = await ctx.Services.GetRequiredService<ProductService>().CreateAsync(new ProductRequest { Name = name, WipMode = wipMode });
        return created.Value ?? throw new InvalidOperationException(created.Failure!.Message);
    }

    /// <summary>Sets the WIP limit of the named column, keeping the rest of the workflow.</summary>
    public static async Task<ProductView> LimitAsync(BunitContext ctx, ProductView product, string column, int limit)
    {
        var request = new WorkflowRequest
        {
            Columns = product.Columns.Select(c => new ColumnRequest { Id = c.Id, Name = c.Name, Category = c.Category, WipLimit = c.Name == column ? limit : c.WipLimit }).ToList(),
        };
        var saved = await ctx.Services.GetRequiredService<ProductService>().SaveWorkflowAsync(product.Id, request);
        return saved.Value ?? throw new InvalidOperationException(saved.Failure!.Message);
    }

    public static async Task<BacklogRow> AddAsync(BunitContext ctx, ProductView product, string title, WorkItemType type = WorkItemType.Story)
    {
        var added = await ctx.Services.GetRequiredService<WorkItemService>().QuickAddAsync(product.Id, new QuickAddRequest { Title = title, Type = type });
        return added.Value ?? throw new InvalidOperationException(added.Failure!.Message);
    }

    public static async Task MoveAsync(BunitContext ctx, Guid itemId, Guid columnId)
    {
        var moved = await ctx.Services.GetRequiredService<WorkItemPlacementService>().MoveAsync(itemId, new MoveRequest { ColumnId = columnId, ConfirmWipBreach = true });
        if (moved.Failure is { } failure) throw new InvalidOperationException(failure.Message);
    }

    public static async Task<WorkItemView> ItemAsync(BunitContext ctx, Guid id) =>
        await ctx.Services.GetRequiredService<WorkItemService>().GetAsync(id) ?? throw new InvalidOperationException("The item is gone.");

    /// <summary>The product's open items in rank order, as the service reads them.</summary>
    public static async Task<List<string>> RankedTitlesAsync(BunitContext ctx, ProductView product) =>
        (await ctx.Services.GetRequiredService<BacklogQueryService>().BacklogAsync(product.Id, new BacklogFilter())).Value!.Rows.Select(r => r.Title).ToList();

    public static Guid Column(ProductView product, string name) => product.Columns.Single(c => c.Name == name).Id;

    /// <summary>Renders the providers and shows <typeparamref name="TDialog"/> as the app does; returns where it appears and its reference.</summary>
    public static async Task<(IRenderedComponent<MudDialogProvider> Dialogs, IDialogReference Dialog)> ShowAsync<TDialog>(BunitContext ctx, DialogParameters<TDialog> parameters)
        where TDialog : ComponentBase
    {
        var dialogs = MembersScenario.RenderProviders(ctx);
        var dialog = await dialogs.InvokeAsync(() => ctx.Services.GetRequiredService<IDialogService>().ShowAsync<TDialog>("Dialog", parameters));
        return (dialogs, dialog);
    }

    /// <summary>
    /// What a dialog's Save button does: it sits in the dialog's actions, outside the form, and submits the form named by
    /// its form attribute (which bUnit does not follow, so the form is submitted here).
    /// </summary>
    public static void SubmitByButton(IRenderedComponent<MudDialogProvider> dialogs, string buttonTestId)
    {
        var form = dialogs.Find($"button[data-testid={buttonTestId}]").GetAttribute("form");
        dialogs.Find($"form#{form}").Submit();
    }

    /// <summary>Sets a MudSelect (by its label) as a person picking an option would.</summary>
    public static Task SelectAsync<T>(IRenderedComponent<MudDialogProvider> dialogs, string label, T value) =>
        dialogs.InvokeAsync(() => dialogs.FindComponents<MudSelect<T>>().Single(s => s.Instance.Label == label).Instance.ValueChanged.InvokeAsync(value));
}
