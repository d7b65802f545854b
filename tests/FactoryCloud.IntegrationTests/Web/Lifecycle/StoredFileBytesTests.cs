using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FactoryCloud.Domain.Lifecycle;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Backlogs.Shared;
using FactoryCloud.IntegrationTests.Web.Maturity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Lifecycle;

/// <summary>
/// Uploaded files' bytes against the plan's storage quota (work-item attachments and maturity evidence alike, refused
/// while streaming with the storage quota's problem) and their lifetime: no stored bytes outlive their row, whether the
/// row goes on its own or by cascade with its work item or product, and only once the deletion is committed.
/// </summary>
public sealed class StoredFileBytesTests(DatabaseServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UploadedFilesCountAgainstTheStorageQuotaAndAFileThatDoesNotFitIsRefusedAndNotKept()
    {
        await using var app = new FactoryCloudApp(await servers.SharedAsync(DatabaseProvider.Postgres), new Dictionary<string, string?>
        {
            ["Quotas:Plans:Small:StorageBytes"] = "3000",
        });
        var owner = await ApiSession.SignUpAsync(app);
        await SetPlanAsync(app, owner.TenantId, "Small");
        var story = await (await TestProduct.CreateAsync(owner)).AddAsync("Wiring");
        var assessment = await owner.CreateAssessmentAsync("Storage", null);

        using var first = await UploadToItemAsync(owner.Client, story, "notes.txt", Text(2000));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var attachment = (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        Assert.Equal((2000L, 3000L), await StorageAsync(owner));

        using var over = await EvidenceFilesApiTests.UploadAsync(owner.Client, assessment, "connectivity", "audit.txt", Text(1001));
        Assert.Equal(HttpStatusCode.Conflict, over.StatusCode);
        var problem = await over.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("urn:factorycloud:quota-exceeded:storageBytes", problem.GetProperty("type").GetString());
        Assert.Equal(("storageBytes", 3000L, 2000L, "Small"), (problem.GetProperty("quota").GetString(), problem.GetProperty("limit").GetInt64(),
            problem.GetProperty("used").GetInt64(), problem.GetProperty("plan").GetString()));
        Assert.StartsWith("Quota exceeded: this file does not fit in the organisation's storage.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/maturity/assessments/{assessment}/evidence-files", Ct))!);
        Assert.Single(TenantFiles(app, owner));

        using (var fits = await EvidenceFilesApiTests.UploadAsync(owner.Client, assessment, "connectivity", "audit.txt", Text(1000)))
            Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
        Assert.Equal((3000L, 3000L), await StorageAsync(owner));
        using (var full = await UploadToItemAsync(owner.Client, story, "one-more.txt", Text(1))) Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/attachments/{attachment}", Ct)).StatusCode);
        Assert.Equal((1000L, 3000L), await StorageAsync(owner));
        // Another organisation's files are not this one's storage.
        var other = await ApiSession.SignUpAsync(app);
        Assert.Equal(0L, (await StorageAsync(other)).Used);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ConcurrentUploadsNeverTogetherOvershootTheStorageQuotaAndTheRefusedOnesLeaveNoBytes(DatabaseProvider provider)
    {
        await using var app = new FactoryCloudApp(await servers.SharedAsync(provider), new Dictionary<string, string?>
        {
            ["Quotas:Plans:Small:StorageBytes"] = "3000",
        });
        var owner = await ApiSession.SignUpAsync(app);
        await SetPlanAsync(app, owner.TenantId, "Small");
        var story = await (await TestProduct.CreateAsync(owner)).AddAsync("Wiring");

        // Eight uploads of 1,000 bytes at once, each seeing room for three while it streams: exactly three are kept.
        using var start = new SemaphoreSlim(0);
        var uploads = Enumerable.Range(0, 8).Select(async i =>
        {
            await start.WaitAsync(Ct);
            return await UploadToItemAsync(owner.Client, story, $"part-{i}.txt", Text(1000));
        }).ToList();
        start.Release(8);
        var responses = await Task.WhenAll(uploads);
        try
        {
            var statuses = responses.Select(r => r.StatusCode).ToList();
            Assert.True(statuses.Count(s => s == HttpStatusCode.Created) == 3, string.Join(", ", statuses));
            Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Conflict));
            foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
                Assert.Equal("urn:factorycloud:quota-exceeded:storageBytes", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("type").GetString());
        }
        finally
        {
            foreach (var response in responses) response.Dispose();
        }
        Assert.Equal((3000L, 3000L), await StorageAsync(owner));
        Assert.Equal(3, TenantFiles(app, owner).Length);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task DeletingAWorkItemOrItsProductDeletesItsStoredFilesBytes(DatabaseProvider provider)
    {
        var app = await servers.AppAsync(provider);
        var owner = await ApiSession.SignUpAsync(app);
        var product = await TestProduct.CreateAsync(owner);
        var doomed = await product.AddAsync("Doomed", type: "Feature");
        var survivor = await product.AddAsync("Survivor", parentId: doomed);
        var doomedFiles = new[] { await UploadedAsync(owner, doomed, "a.txt"), await UploadedAsync(owner, doomed, "b.txt") };
        var survivorFile = await UploadedAsync(owner, survivor, "c.txt");
        // A row that only names a link has no bytes to delete.
        await TestProduct.CreatedAsync(owner.Client.PostAsJsonAsync($"/api/v1/items/{survivor}/attachments",
            new { fileName = "spec.pdf", storageKey = "https://drive.example/spec.pdf", sizeBytes = 10 }, Ct));
        var elsewhere = await (await TestProduct.CreateAsync(owner, "Other product")).AddAsync("Elsewhere");
        var elsewhereFile = await UploadedAsync(owner, elsewhere, "d.txt");

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/items/{doomed}", Ct)).StatusCode);
        Assert.All(doomedFiles, id => Assert.Empty(EvidenceFilesApiTests.StoredFiles(app, id)));
        Assert.Single(EvidenceFilesApiTests.StoredFiles(app, survivorFile));

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/products/{product.Id}", Ct)).StatusCode);
        Assert.Empty(EvidenceFilesApiTests.StoredFiles(app, survivorFile));
        Assert.Single(EvidenceFilesApiTests.StoredFiles(app, elsewhereFile));
        Assert.Single(TenantFiles(app, owner));
    }

    [Fact]
    public async Task BytesGoOnlyWhenTheDeletionCommits()
    {
        var app = await servers.AppAsync(DatabaseProvider.Postgres);
        var owner = await ApiSession.SignUpAsync(app);
        var item = await (await TestProduct.CreateAsync(owner)).AddAsync("Item");
        var file = await UploadedAsync(owner, item, "a.txt");
        var contexts = app.Services.GetRequiredService<AppDbContextFactory>();

        await using (var db = contexts.Create(DataScope.ForTenant(owner.TenantId)))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            db.WorkItems.Remove(await db.WorkItems.SingleAsync(w => w.Id == item, Ct));
            await db.SaveChangesAsync(Ct);
            Assert.Single(EvidenceFilesApiTests.StoredFiles(app, file)); // saved, not committed
            await transaction.RollbackAsync(Ct);
        }
        Assert.Single(EvidenceFilesApiTests.StoredFiles(app, file));
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync($"/api/v1/attachments/{file}/content", Ct)).StatusCode);

        await using (var db = contexts.Create(DataScope.ForTenant(owner.TenantId)))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            db.WorkItems.Remove(await db.WorkItems.SingleAsync(w => w.Id == item, Ct));
            await db.SaveChangesAsync(Ct);
            Assert.Single(EvidenceFilesApiTests.StoredFiles(app, file));
            await transaction.CommitAsync(Ct);
        }
        Assert.Empty(EvidenceFilesApiTests.StoredFiles(app, file));
    }

    private static byte[] Text(int length) => Encoding.ASCII.GetBytes(new string('a', length));

    private static string[] TenantFiles(FactoryCloudApp app, ApiSession owner) =>
        Directory.GetFiles(app.FilesPath, "*", SearchOption.AllDirectories).Where(f => f.Contains(owner.TenantId.ToString("N"), StringComparison.Ordinal)).ToArray();

    private static async Task<(long Used, long? Limit)> StorageAsync(ApiSession session)
    {
        var usage = await session.Client.GetFromJsonAsync<JsonElement>("/api/v1/organisation/usage", Ct);
        var storage = usage.GetProperty("quotas").EnumerateArray().Single(q => q.GetProperty("quota").GetString() == "storageBytes");
        var limit = storage.GetProperty("limit");
        return (storage.GetProperty("used").GetInt64(), limit.ValueKind == JsonValueKind.Null ? null : limit.GetInt64());
    }

    private static async Task SetPlanAsync(FactoryCloudApp app, Guid tenant, string plan)
    {
        await using var db = app.Services.GetRequiredService<AppDbContextFactory>().Create(DataScope.ForTenant(tenant));
        db.TenantPlans.Add(new TenantPlan { Plan = plan });
        await db.SaveChangesAsync(Ct);
    }

    private static async Task<Guid> UploadedAsync(ApiSession owner, Guid item, string name)
    {
        using var created = await UploadToItemAsync(owner.Client, item, name, Text(10));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    private static Task<HttpResponseMessage> UploadToItemAsync(HttpClient client, Guid item, string name, byte[] content) =>
        client.PostAsync($"/api/v1/items/{item}/files?name={Uri.EscapeDataString(name)}",
            new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } }, Ct);
}
