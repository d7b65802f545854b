using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FactoryCloud.Benchmarks;

/// <summary>
/// A migrated PostgreSQL database (app as a non-owner role under row-level security) with one tenant and a
/// 200-machine line, each machine with its own device and its own MQTT connection, as in a mid-size plant.
/// </summary>
internal sealed class BenchmarkDatabase : IAsyncDisposable
{
    public const string Slug = "bench";
    public const int Machines = 200;
    public const string GatewayPassword = "bench-gateway-password";
    public static readonly string LinePrefix = $"fc/v1/{Slug}/plant-1/assembly/line-1";

    private BenchmarkDatabase(Dictionary<string, string?> settings, ServiceProvider services)
    {
        Settings = settings;
        Services = services;
    }

    public Dictionary<string, string?> Settings { get; }
    public ServiceProvider Services { get; }
    public Guid TenantId { get; private set; }
    public Guid DeviceId { get; private set; }
    public IReadOnlyList<Guid> MachineIds { get; private set; } = [];

    public static async Task<BenchmarkDatabase> CreateAsync(PostgresServer postgres)
    {
        var admin = await postgres.CreateDatabaseAsync("bench");
        await postgres.CreateLoginRoleAsync("bench_app", "bench");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = postgres.GetConnectionString("bench", "bench_app", "bench") + ";Maximum Pool Size=50",
            ["Database:AdminConnectionString"] = admin,
            ["Database:AppRole"] = "bench_app",
        };
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddFactoryCloudPersistence(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), Path.GetTempPath())
            .BuildServiceProvider();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        var database = new BenchmarkDatabase(settings, services);
        await database.SeedAsync();
        return database;
    }

    private async Task SeedAsync()
    {
        var contexts = Services.GetRequiredService<AppDbContextFactory>();
        var tenant = new Tenant { Name = "Benchmark", Slug = Slug, CreatedAt = DateTimeOffset.UtcNow };
        await using (var shared = contexts.Create(DataScope.None))
        {
            shared.Tenants.Add(tenant);
            await shared.SaveChangesAsync();
        }
        TenantId = tenant.Id;
        await using var db = contexts.Create(DataScope.ForTenant(tenant.Id));
        var site = new Site { Key = "plant-1", Name = "Plant 1" };
        var area = new Area { SiteId = site.Id, Key = "assembly", Name = "Assembly" };
        var line = new Line { AreaId = area.Id, Key = "line-1", Name = "Line 1" };
        var machines = Enumerable.Range(1, Machines).Select(i => new Machine { LineId = line.Id, Key = $"m-{i:000}", Name = $"Machine {i}", IdealCycleTimeSeconds = 1.5 }).ToList();
        // One device per machine, as machines connect on their own; all share one password hash (hashing is slow on purpose).
        var hash = DevicePassword.Hash(GatewayPassword);
        var devices = machines.Select(m => new Device
        {
            ScopeKind = DeviceScopeKind.Machine, ScopeId = m.Id, ClientId = $"bench-{m.Key}", Username = $"{Slug}.{m.Key}",
            PasswordHash = hash, CreatedAt = DateTimeOffset.UtcNow,
        }).ToList();
        db.AddRange(site, area, line);
        db.Machines.AddRange(machines);
        db.Devices.AddRange(devices);
        await db.SaveChangesAsync();
        MachineIds = machines.Select(m => m.Id).ToList();
        DeviceId = devices[0].Id;
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
