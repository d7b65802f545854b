using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.ProductBacklog;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace FactoryCloud.Benchmarks;

/// <summary>The backlog page with the MudBlazor providers the app's layout puts around every page.</summary>
internal sealed class BacklogPageInLayout : ComponentBase
{
    [Parameter] public Guid ProductId { get; set; }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<MudSnackbarProvider>(2);
        builder.CloseComponent();
        builder.OpenComponent<ProductBacklogPage>(3);
        builder.AddComponentParameter(4, nameof(ProductBacklogPage.ProductId), ProductId);
        builder.CloseComponent();
    }
}
