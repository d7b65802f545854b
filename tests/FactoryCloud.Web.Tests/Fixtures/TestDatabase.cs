using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure;
using FactoryCloud.Infrastructure.Identity;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Audit;
using FactoryCloud.Web.Features.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Web.Tests.Fixtures;

/// <summary>
/// A real, migrated SQLite database in a temp directory, registered exactly as the app registers it
/// (<see cref="DependencyInjection.AddFactoryCloudPersistence"/>), so the members page's concrete services run their
/// real queries, query filters and write guard. No EF InMemory.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _directory;
    private readonly ServiceProvider _services;

    private TestDatabase(string directory)
    {
        _directory = directory;
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(directory, "fc.db")}",
        }).Build();
        _services = new ServiceCollection().AddLogging().AddFactoryCloudPersistence(Configuration, directory).BuildServiceProvider();
    }

    public IConfiguration Configuration { get; }

    /// <summary>Contexts for an explicit scope, for seeding and for checking what the UI saved.</summary>
    public AppDbContextFactory Contexts => _services.GetRequiredService<AppDbContextFactory>();

    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase(Directory.CreateTempSubdirectory("fc-web-tests-").FullName);
        await database._services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        return database;
    }

    /// <summary>The app's configured public address (<c>App:PublicBaseUrl</c>): invitation links start with it.</summary>
    public const string PublicBaseUrl = "https://factorycloud.example";

    /// <summary>Registers the database and the members page's services in a bUnit (or any) service collection.</summary>
    public void AddTo(IServiceCollection services)
    {
        services.AddLogging();
        services.AddFactoryCloudPersistence(Configuration, _directory);
        // Every audited use case writes through the audit log.
        services.AddAuditTrail();
        FactoryCloud.Infrastructure.Files.FileStoreSetup.AddFileStore(services, Configuration);
        services.AddScoped<MembersService>();
        // The member's start page (the home page, the program view's button, the settings page).
        services.AddScoped<StartPageService>();
        services.AddScoped<InvitationService>();
        // Plan quotas, checked when sites, machines, devices and members are added.
        services.AddOptions<FactoryCloud.Infrastructure.Quotas.QuotaOptions>();
        services.AddSingleton<FactoryCloud.Infrastructure.Quotas.QuotaUsageReader>();
        services.AddSingleton<FactoryCloud.Infrastructure.Quotas.MessageQuota>();
        services.AddSingleton<FactoryCloud.Web.Features.Lifecycle.QuotaGuard>();
        services.AddScoped<FactoryCloud.Web.Features.Lifecycle.PlanService>();
        // Deleting the organisation (the danger zone of the plan page, the hold page's restore).
        services.AddOptions<FactoryCloud.Web.Features.Lifecycle.TenantDeletionOptions>();
        services.AddScoped<FactoryCloud.Web.Features.Lifecycle.OrganisationDeletionService>();
        services.AddScoped<FactoryCloud.Web.Features.Account.Tokens.PersonalAccessTokenService>();
        services.Configure<FactoryCloud.Web.Common.PublicAddress>(o => o.PublicBaseUrl = PublicBaseUrl);
        // The app bar's alert bell.
        services.AddSingleton<FactoryCloud.Infrastructure.Alerts.AlertNotifications>();
        services.AddScoped<FactoryCloud.Web.Features.Alerts.AlertService>();
        // The app bar's notification centre.
        FactoryCloud.Web.Features.Notifications.NotificationsSetup.AddNotificationCentre(services);
    }

    /// <summary>Creates an organisation with the given members (the users are created too).</summary>
    public async Task<SeededTenant> SeedTenantAsync(string name, params (string Email, string? DisplayName, TenantRole Role)[] members)
    {
        var now = DateTimeOffset.UtcNow;
        var tenant = new Tenant { Name = name, Slug = Slug.FromName(name) + "-" + Guid.NewGuid().ToString("N")[..6], CreatedAt = now };
        var users = members.Select(m => new AppUser
        {
            UserName = m.Email, NormalizedUserName = m.Email.ToUpperInvariant(),
            Email = m.Email, NormalizedEmail = m.Email.ToUpperInvariant(),
            DisplayName = m.DisplayName, SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = now,
        }).ToList();
        await using (var shared = Contexts.Create(DataScope.None))
        {
            shared.Tenants.Add(tenant);
            shared.Users.AddRange(users);
            await shared.SaveChangesAsync();
        }

        var seeded = new List<SeededMember>();
        await using (var db = Contexts.Create(DataScope.ForTenant(tenant.Id)))
        {
            for (var i = 0; i < members.Length; i++)
            {
                var membership = new Membership { UserId = users[i].Id, Role = members[i].Role, JoinedAt = now };
                db.Memberships.Add(membership);
                seeded.Add(new SeededMember(users[i].Id, membership.Id, members[i].Email, members[i].DisplayName, members[i].Role));
            }
            await db.SaveChangesAsync();
        }
        return new SeededTenant(tenant.Id, tenant.Name, tenant.Slug, seeded);
    }

    /// <summary>Adds an existing user to another organisation.</summary>
    public async Task AddMembershipAsync(Guid tenantId, Guid userId, TenantRole role)
    {
        await using var db = Contexts.Create(DataScope.ForTenant(tenantId));
        db.Memberships.Add(new Membership { UserId = userId, Role = role, JoinedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
    }

    public async Task<List<Invitation>> InvitationsOfAsync(Guid tenantId)
    {
        await using var db = Contexts.Create(DataScope.ForTenant(tenantId));
        return await db.Invitations.AsNoTracking().ToListAsync();
    }

    public async Task<TenantRole> RoleOfAsync(Guid tenantId, Guid userId)
    {
        await using var db = Contexts.Create(DataScope.ForTenant(tenantId));
        return await db.Memberships.Where(m => m.UserId == userId).Select(m => m.Role).SingleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 10)
            {
                await Task.Delay(50);
            }
        }
    }
}

public sealed record SeededMember(Guid UserId, Guid MembershipId, string Email, string? DisplayName, TenantRole Role);

public sealed record SeededTenant(Guid Id, string Name, string Slug, IReadOnlyList<SeededMember> Members)
{
    public SeededMember Member(TenantRole role) => Members.First(m => m.Role == role);

    public ActiveMembership MembershipAs(TenantRole role) => new(Id, Name, Slug, role);
}
