using System.Diagnostics;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Testing;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Board;
using FactoryCloud.Web.Features.Backlogs.ProductBacklog;
using FactoryCloud.Web.Features.Backlogs.WorkItems;
using FactoryCloud.Web.Features.Kpis;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FactoryCloud.Benchmarks;

/// <summary>
/// Issue #5's targets on a product with 5,000 work items, on SQLite and PostgreSQL (app role under row-level
/// security): the backlog page's first query (the first 200 open items in rank order, with count and points)
/// and a persisted drag-and-drop reorder, each against a naive baseline measured in the same run (load every item
/// and sort in memory; rewrite every rank on a reorder).
/// </summary>
internal static class BacklogBenchmark
{
    public const int Items = 5_000;

    public static async Task RunAsync()
    {
        Console.WriteLine($"FactoryCloud backlog benchmark: one product with {Items:N0} work items, {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"database",-11}{"measure",-52}{"median",12}{"baseline",12}{"ratio",9}");
        var sqliteDirectory = Directory.CreateTempSubdirectory("fc-backlog-bench-");
        try
        {
            await MeasureAsync("SQLite", new() { ["Database:Provider"] = "Sqlite", ["Database:ConnectionString"] = $"Data Source={Path.Combine(sqliteDirectory.FullName, "bench.db")}" });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            sqliteDirectory.Delete(recursive: true);
        }
        await using var postgres = await PostgresServer.StartAsync();
        var admin = await postgres.CreateDatabaseAsync("backlog_bench");
        await postgres.CreateLoginRoleAsync("backlog_app", "bench");
        await MeasureAsync("PostgreSQL", new()
        {
            ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = postgres.GetConnectionString("backlog_bench", "backlog_app", "bench"),
            ["Database:AdminConnectionString"] = admin, ["Database:AppRole"] = "backlog_app",
        });
    }

    private static async Task MeasureAsync(string name, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddFactoryCloudPersistence(configuration, Path.GetTempPath())
            .AddScoped<KpiService>()
            .AddBacklogs()
            .BuildServiceProvider();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        var (tenantId, productId) = await SeedAsync(services.GetRequiredService<AppDbContextFactory>());

        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(Guid.NewGuid(), new ActiveMembership(tenantId, "Bench", "bench", TenantRole.TeamMember));
        var queries = scope.ServiceProvider.GetRequiredService<BacklogQueryService>();
        var placement = scope.ServiceProvider.GetRequiredService<WorkItemPlacementService>();
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();

        var firstPage = await MedianAsync(30, async () => await queries.BacklogAsync(productId, new BacklogFilter()));
        var naivePage = await MedianAsync(30, () => NaiveBacklogAsync(contexts, productId));
        Print(name, "backlog first query (200 open items, count, points)", firstPage, naivePage);
        var everything = await MedianAsync(10, async () => await queries.BacklogAsync(productId, new BacklogFilter { IncludeClosed = true, Take = BacklogQueryService.MaxPageSize }));
        Print(name, "backlog, 1,000 rows incl. done", everything, naivePage);
        var hierarchy = await MedianAsync(10, async () => await queries.HierarchyAsync(productId));
        Print(name, "hierarchy of all 5,000 with roll-ups", hierarchy, naivePage);

        var ids = await IdsInRankOrderAsync(contexts, productId);
        var random = new Random(5);
        var reorder = await MedianAsync(50, async () =>
        {
            var (moved, after) = (ids[random.Next(ids.Count)], ids[random.Next(ids.Count)]);
            if (moved != after) await placement.RankAsync(moved, new RankRequest { AfterId = after });
        });
        var naiveReorder = await MedianAsync(5, () => NaiveReorderAsync(contexts, productId, random));
        Print(name, "reorder persisted (one row)", reorder, naiveReorder);

        var firstRender = await FirstRenderAsync(settings, tenantId, productId);
        Print(name, "backlog page first render, server side", firstRender, naivePage);
    }

    /// <summary>
    /// The backlog page as a circuit first renders it, in the real app (its DI scope and a renderer): from creating
    /// the page until it and every component under it finished loading. Each run is a fresh circuit.
    /// </summary>
    private static async Task<TimeSpan> FirstRenderAsync(Dictionary<string, string?> settings, Guid tenantId, Guid productId)
    {
        await using var app = new BenchmarkWebApp(settings);
        var logs = app.Services.GetRequiredService<ILoggerFactory>();
        var errors = 0L;
        Exception? first = null;
        var median = await MedianAsync(10, async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(Guid.NewGuid(), new ActiveMembership(tenantId, "Bench", "bench", TenantRole.TeamMember));
            // As a circuit does when it starts: the navigation manager knows the page's address.
            ((IHostEnvironmentNavigationManager)scope.ServiceProvider.GetRequiredService<NavigationManager>())
                .Initialize("http://localhost/", $"http://localhost/backlogs/{productId}");
            using var renderer = new CircuitLikeRenderer(scope.ServiceProvider, logs);
            await renderer.RenderAsync<BacklogPageInLayout>(ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(BacklogPageInLayout.ProductId)] = productId }));
            errors += renderer.Errors;
            first ??= renderer.FirstError;
        });
        if (errors > 0) throw new InvalidOperationException($"The backlog page failed {errors} times while rendering.", first);
        return median;
    }

    private static void Print(string database, string measure, TimeSpan value, TimeSpan baseline) =>
        Console.WriteLine($"{database,-11}{measure,-52}{value.TotalMilliseconds,9:N1} ms{baseline.TotalMilliseconds,9:N1} ms{value / baseline,9:P1}");

    /// <summary>Baseline query: every item of the product, sorted and cut in memory.</summary>
    private static async Task NaiveBacklogAsync(IDbContextFactory<AppDbContext> contexts, Guid productId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var all = await db.WorkItems.Where(w => w.ProductId == productId).ToListAsync();
        _ = all.OrderBy(w => w.Rank, StringComparer.Ordinal).Take(200).ToList();
    }

    /// <summary>Baseline reorder: move one item by renumbering every item's rank (what a position column forces).</summary>
    private static async Task NaiveReorderAsync(IDbContextFactory<AppDbContext> contexts, Guid productId, Random random)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var all = await db.WorkItems.Where(w => w.ProductId == productId).OrderBy(w => w.Rank).ToListAsync();
        var moved = all[random.Next(all.Count)];
        all.Remove(moved);
        all.Insert(random.Next(all.Count), moved);
        for (var i = 0; i < all.Count; i++) all[i].Rank = "~" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        await db.SaveChangesAsync();
        var keys = Rank.Spread(all.Count);
        for (var i = 0; i < all.Count; i++) all[i].Rank = keys[i];
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    private static async Task<List<Guid>> IdsInRankOrderAsync(IDbContextFactory<AppDbContext> contexts, Guid productId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.WorkItems.Where(w => w.ProductId == productId).OrderBy(w => w.Rank).Select(w => w.Id).ToListAsync();
    }

    private static async Task<TimeSpan> MedianAsync(int runs, Func<Task> action)
    {
        for (var i = 0; i < 3; i++) await action(); // warm-up: JIT, EF query cache, connection pool
        var times = new List<TimeSpan>(runs);
        for (var i = 0; i < runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await action();
            times.Add(stopwatch.Elapsed);
        }
        return times.Order().ElementAt(runs / 2);
    }

    /// <summary>A tenant and one product with 50 epics, 250 features and 4,700 stories, bugs and tasks spread over the columns.</summary>
    private static async Task<(Guid TenantId, Guid ProductId)> SeedAsync(AppDbContextFactory contexts)
    {
        var tenant = new Tenant { Name = "Backlog bench", Slug = "backlog-bench", CreatedAt = DateTimeOffset.UtcNow };
        await using (var shared = contexts.Create(DataScope.None))
        {
            shared.Tenants.Add(tenant);
            await shared.SaveChangesAsync();
        }
        await using var db = contexts.Create(DataScope.ForTenant(tenant.Id));
        var product = new Product { Name = "MES rollout", CreatedAt = DateTimeOffset.UtcNow };
        var columns = DefaultWorkflow.For(product.Id);
        var random = new Random(42);
        var ranks = Rank.Spread(Items).ToArray();
        random.Shuffle(ranks); // rank order differs from insertion order, as after months of reprioritising
        var items = new List<WorkItem>(Items);
        for (var i = 0; i < Items; i++)
        {
            var (type, parent) = i switch
            {
                < 50 => (WorkItemType.Epic, (Guid?)null),
                < 300 => (WorkItemType.Feature, items[i % 50].Id),
                _ => (i % 10 == 0 ? WorkItemType.Bug : WorkItemType.Story, items[50 + (i % 250)].Id),
            };
            items.Add(new WorkItem
            {
                ProductId = product.Id, Type = type, ParentId = parent, Title = $"{type} {i}: scrap and energy on line {i % 7}",
                Description = "As a shift lead I want to see scrap per shift so that I can act before the end of the shift.",
                ColumnId = columns[random.Next(columns.Count)].Id, Estimate = PointScale.Fibonacci[random.Next(PointScale.Fibonacci.Count)],
                Tags = TagSet.Normalize(i % 3 == 0 ? ["mes", "energy"] : ["mes"]), Rank = ranks[i],
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            });
        }
        db.Products.Add(product);
        db.WorkflowColumns.AddRange(columns);
        db.WorkItems.AddRange(items);
        await db.SaveChangesAsync();
        return (tenant.Id, product.Id);
    }
}
