using Bunit;
using FactoryCloud.Web.Components.Shared;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FactoryCloud.Web.Tests.Shell;

public sealed class EmptyStateTests
{
    [Fact]
    public async Task ShowsTitleTextAndTheActionGivenAsChildContent()
    {
        await using var ctx = WebTestContext.Create();

        var cut = ctx.Render<EmptyState>(p => p
            .Add(x => x.Icon, Icons.Material.Outlined.Factory)
            .Add(x => x.Title, "No plants yet")
            .Add(x => x.Text, "Add your first site to start streaming machine data.")
            .AddChildContent("<button id=\"add-plant\">Add a plant</button>"));

        var texts = cut.FindComponents<MudText>().Select(t => t.Find("*").TextContent.Trim()).ToList();
        Assert.Equal(["No plants yet", "Add your first site to start streaming machine data."], texts);
        Assert.Equal("Add a plant", cut.Find("[data-testid=empty-state] #add-plant").TextContent);
        Assert.Equal(Icons.Material.Outlined.Factory, cut.FindComponent<MudIcon>().Instance.Icon);
    }

    [Fact]
    public async Task WithoutChildContentRendersNoActionArea()
    {
        await using var ctx = WebTestContext.Create();

        var cut = ctx.Render<EmptyState>(p => p
            .Add(x => x.Icon, Icons.Material.Outlined.Lock)
            .Add(x => x.Title, "You do not have access to this page"));

        Assert.Contains("You do not have access to this page", cut.Find("[data-testid=empty-state]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=empty-state] > div.mt-4"));
    }

    [Fact]
    public async Task ChildContentCanBeAnyComponent()
    {
        await using var ctx = WebTestContext.Create();
        RenderFragment action = b =>
        {
            b.OpenComponent<MudButton>(0);
            b.AddAttribute(1, nameof(MudButton.Href), "account/signup");
            b.AddAttribute(2, nameof(MudButton.ChildContent), (RenderFragment)(c => c.AddContent(3, "Create an organisation")));
            b.CloseComponent();
        };

        var cut = ctx.Render<EmptyState>(p => p
            .Add(x => x.Icon, Icons.Material.Outlined.Business)
            .Add(x => x.Title, "You are not a member of any organisation")
            .Add(x => x.ChildContent, action));

        var button = cut.FindComponent<MudButton>();
        Assert.Equal("account/signup", button.Instance.Href);
        Assert.Contains("Create an organisation", button.Markup);
    }
}
