using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Kpis;
using FactoryCloud.Web.Features.Maturity;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Web.Tests.Maturity;

/// <summary>A real SQLite database with one organisation (an Owner and a Viewer) and bUnit contexts with the maturity services.</summary>
public sealed class MaturityScenario : IAsyncDisposable
{
    public TestDatabase Database { get; private set; } = default!;
    public SeededTenant Tenant { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Tenant = await Database.SeedTenantAsync("Acme", ("olivia@acme.test", "Olivia", TenantRole.Owner), ("victor@acme.test", "Victor", TenantRole.Viewer));
    }

    public Bunit.BunitContext ContextFor(TenantRole role)
    {
        var ctx = WebTestContext.Create(Database);
        ctx.Services.AddScoped<KpiService>();
        ctx.Services.AddMaturity();
        ctx.SignIn(Tenant.Member(role), new ActiveMembership(Tenant.Id, Tenant.Name, Tenant.Slug, role));
        return ctx;
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
