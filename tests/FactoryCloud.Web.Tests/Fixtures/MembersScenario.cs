using Bunit;
using FactoryCloud.Domain.Tenancy;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FactoryCloud.Web.Tests.Fixtures;

/// <summary>
/// A fresh database with "Acme Works" (one member per role) and "Globex" (someone else's organisation), for the
/// members page and the invite form.
/// </summary>
public sealed class MembersScenario : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = default!;
    public SeededTenant Acme { get; private set; } = default!;
    public SeededTenant Globex { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Acme = await Database.SeedTenantAsync("Acme Works",
            ("olivia@acme.test", "Olivia Owner", TenantRole.Owner),
            ("adam@acme.test", "Adam Admin", TenantRole.Admin),
            ("paula@acme.test", "Paula Plant", TenantRole.PlantManager),
            ("tessa@acme.test", "Tessa Team", TenantRole.TeamMember),
            ("victor@acme.test", null, TenantRole.Viewer));
        Globex = await Database.SeedTenantAsync("Globex", ("gary@globex.test", "Gary", TenantRole.Owner));
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();

    /// <summary>A bUnit context where the Acme member with <paramref name="role"/> is signed in.</summary>
    public BunitContext ContextFor(TenantRole role)
    {
        var ctx = WebTestContext.Create(Database);
        ctx.SignIn(Acme.Member(role), Acme.MembershipAs(role));
        return ctx;
    }

    /// <summary>
    /// Renders the providers the layout normally supplies (popovers, dialogs, snackbars; they talk to components
    /// through services, so they need not be ancestors), then <typeparamref name="T"/>.
    /// </summary>
    public static IRenderedComponent<T> RenderWithProviders<T>(BunitContext ctx, Action<ComponentParameterCollectionBuilder<T>>? parameters = null)
        where T : IComponent
    {
        RenderProviders(ctx);
        return ctx.Render(parameters);
    }

    /// <summary>Renders the providers; returns the dialog provider, where dialogs appear.</summary>
    public static IRenderedComponent<MudDialogProvider> RenderProviders(BunitContext ctx)
    {
        ctx.Render<MudPopoverProvider>();
        ctx.Render<MudSnackbarProvider>();
        return ctx.Render<MudDialogProvider>();
    }
}
