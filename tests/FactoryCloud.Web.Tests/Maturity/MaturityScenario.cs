using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Plants;
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
    /// <summary>How long to wait for a save or a load: generous, the machine is shared with other builds.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public TestDatabase Database { get; private set; } = default!;
    public SeededTenant Tenant { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Tenant = await Database.SeedTenantAsync("Acme", ("olivia@acme.test", "Olivia", TenantRole.Owner), ("victor@acme.test", "Victor", TenantRole.Viewer));
    }

    public Bunit.BunitContext ContextFor(TenantRole role, Action<IServiceCollection>? moreServices = null)
    {
        var ctx = WebTestContext.Create(Database);
        ctx.Services.AddScoped<KpiService>();
        ctx.Services.AddMaturity();
        ctx.Services.AddBacklogs();
        moreServices?.Invoke(ctx.Services);
        ctx.SignIn(Tenant.Member(role), new ActiveMembership(Tenant.Id, Tenant.Name, Tenant.Slug, role));
        return ctx;
    }

    /// <summary>An assessment of a new site with the default model; <paramref name="answers"/> per dimension key: (stage, target).</summary>
    public async Task<Guid> SeedAssessmentAsync(AssessmentStatus status, IReadOnlyDictionary<string, (int Stage, int Target)>? answers = null)
    {
        await using var db = Database.Contexts.Create(DataScope.ForTenant(Tenant.Id));
        var site = new Site { Key = "north-" + Guid.NewGuid().ToString("N")[..6], Name = "Plant North" };
        var model = new MaturityModelVersion { ModelId = Guid.NewGuid(), Name = DefaultMaturityModel.Name, CreatedAt = DateTimeOffset.UtcNow, Definition = DefaultMaturityModel.Create() };
        var approved = status == AssessmentStatus.Approved;
        var assessment = new MaturityAssessment
        {
            SiteId = site.Id, ModelVersionId = model.Id, Title = "North 2026", Status = status, Assessors = ["Olivia"],
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow, ApprovedAt = approved ? DateTimeOffset.UtcNow : null, ApprovedBy = approved ? "Olivia" : null,
        };
        db.AddRange(site, model, assessment);
        foreach (var (key, (stage, target)) in answers ?? new Dictionary<string, (int, int)>())
            db.Add(new MaturityAnswer
            {
                AssessmentId = assessment.Id, DimensionKey = key, Stage = (MaturityStage)stage, TargetStage = (MaturityStage)target,
                Notes = $"notes on {key}", UpdatedAt = DateTimeOffset.UtcNow,
            });
        await db.SaveChangesAsync();
        return assessment.Id;
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
