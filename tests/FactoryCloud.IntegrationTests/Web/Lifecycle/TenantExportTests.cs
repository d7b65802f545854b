using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Common;
using FactoryCloud.Domain.Lifecycle;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Notifications;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Files;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.Web.Common;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.WorkItems;
using FactoryCloud.Web.Features.Lifecycle.Export;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Lifecycle;

/// <summary>
/// The tenant export on both providers (PostgreSQL under row-level security): an Owner asks for it, the background job
/// builds the zip in batches of two rows (so keyset and offset paging both turn pages), and the zip holds the manifest,
/// JSON and CSV of tenant A's rows with their SHA-256, the attached files, no secret and nothing of tenant B. Then the
/// API's refusals (401, 403, another tenant's id 404, a second export 409), restarts and expiry.
/// </summary>
public sealed class TenantExportTests(DatabaseServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["TenantExport:BatchSize"] = "2",
        ["TenantExport:ProgressInterval"] = "00:00:00",
    };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AnOwnersExportHoldsTheManifestAndTheOrganisationsRowsAndFilesAndNothingOfAnother(DatabaseProvider provider)
    {
        await using var app = new FactoryCloudApp(await servers.SharedAsync(provider), Settings);
        var owner = await ApiSession.SignUpAsync(app, "Export Works");
        var plant = await TestPlant.CreateAsync(owner);
        var credentials = await plant.IssueCredentialsAsync(owner);
        var seeded = await SeedAsync(app, owner, plant);
        var other = await ApiSession.SignUpAsync(app, "Other Org");
        var otherPlant = await TestPlant.CreateAsync(other);
        await SeedAsync(app, other, otherPlant, "Secret B site");

        var started = await owner.Client.PostAsync("/api/v1/organisation/exports", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/organisation/exports/{id}", started.Headers.Location?.OriginalString);
        var view = await WaitForAsync(app, owner, id);
        Assert.Equal("Completed", view.GetProperty("status").GetString());
        Assert.Equal(view.GetProperty("entitiesTotal").GetInt32(), view.GetProperty("entitiesDone").GetInt32());
        Assert.True(view.GetProperty("rowsWritten").GetInt64() >= 10);
        Assert.Equal(1, view.GetProperty("filesWritten").GetInt32());

        var download = await owner.Client.GetAsync(view.GetProperty("downloadUrl").GetString(), Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".zip", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var entries = ReadZip(await download.Content.ReadAsByteArrayAsync(Ct));

        // The manifest: organisation, format, every file with its rows and SHA-256.
        var manifest = JsonDocument.Parse(entries[TenantExportWriter.ManifestPath]).RootElement;
        Assert.Equal(TenantExport.FormatVersion, manifest.GetProperty("formatVersion").GetInt32());
        Assert.Equal(owner.TenantId, manifest.GetProperty("organisation").GetProperty("id").GetGuid());
        Assert.Equal("Export Works", manifest.GetProperty("organisation").GetProperty("name").GetString());
        var files = manifest.GetProperty("files").EnumerateArray().Concat(manifest.GetProperty("attachments").EnumerateArray()).ToList();
        foreach (var file in files)
        {
            var bytes = entries[file.GetProperty("path").GetString()!];
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.GetProperty("sha256").GetString());
            Assert.Equal(bytes.Length, file.GetProperty("bytes").GetInt64());
        }
        Assert.Equal(entries.Count - 1, files.Count); // every entry but the manifest is listed
        using (var db = Contexts(app).Create(DataScope.None))
        {
            var entityNames = TenantExportWriter.EntityTypes(db.Model).Select(t => t.ClrType.Name).ToList();
            foreach (var name in entityNames)
            {
                Assert.Contains($"entities/{name}.json", entries.Keys);
                Assert.Contains($"entities/{name}.csv", entries.Keys);
            }
            Assert.DoesNotContain("TenantExport", entityNames);
        }

        // Rows: the sites (three pages of two), raw telemetry (keyset pages), buckets (composite key, offset pages).
        var sites = Rows(entries, "Site");
        Assert.Equal(["=HYPERLINK(\"http://evil.test\")", "Plant 1", "Plant 2", "Plant 3", "Plant 4"], sites.Select(s => s.GetProperty("Name").GetString()).Order(StringComparer.Ordinal));
        Assert.All(sites, s => Assert.Equal(owner.TenantId, s.GetProperty("TenantId").GetGuid()));
        Assert.Equal(sites.Count, ManifestRows(manifest, "Site", "json"));
        Assert.Equal(sites.Count, ManifestRows(manifest, "Site", "csv"));
        var events = Rows(entries, "TelemetryEvent");
        Assert.Equal(seeded.EventIds.Order(), events.Select(e => e.GetProperty("Id").GetInt64()).Order());
        Assert.Equal("Count", events[0].GetProperty("Channel").GetString());
        Assert.Equal(3, Rows(entries, "MachineBucket").Count);
        var downtime = Rows(entries, "MachineDowntimeBucket");
        Assert.Equal(["Day jam", "Hour Jam", "Hour blocked", "Hour jam", "Hour starved"],
            downtime.Select(d => $"{d.GetProperty("Size").GetString()} {d.GetProperty("Reason").GetString()}").Order(StringComparer.Ordinal));
        var machine = Assert.Single(Rows(entries, "Machine"));
        Assert.Equal(1.5, machine.GetProperty("ProductCycleTimes").GetProperty("sku-1").GetDouble());

        // CSV: a header, a line per row, cells escaped by CsvText (the formula stays text).
        var siteCsv = CsvText.Parse(Encoding.UTF8.GetString(entries["entities/Site.csv"]).TrimStart('\uFEFF'));
        Assert.Equal(sites.Count + 1, siteCsv.Count);
        var nameColumn = siteCsv[0].Fields.ToList().IndexOf("Name");
        Assert.Contains(siteCsv.Skip(1), r => r.Fields[nameColumn] == "'=HYPERLINK(\"http://evil.test\")");
        var eventCsv = CsvText.Parse(Encoding.UTF8.GetString(entries["entities/TelemetryEvent.csv"]).TrimStart('\uFEFF'));
        Assert.Equal(seeded.EventIds.Count + 1, eventCsv.Count);

        // Who the user ids are: the organisation's members, with their addresses.
        var member = Assert.Single(JsonDocument.Parse(entries["people/Members.json"]).RootElement.EnumerateArray());
        Assert.Equal((owner.UserId, owner.Email, "Owner"), (member.GetProperty("UserId").GetGuid(), member.GetProperty("Email").GetString(), member.GetProperty("Role").GetString()));
        Assert.Equal(1, ManifestRows(manifest, "Members", "csv"));
        Assert.DoesNotContain(other.Email, EverythingText(entries));

        // The attached file's bytes, under files/.
        var attachment = Assert.Single(entries.Keys, k => k.StartsWith("files/", StringComparison.Ordinal));
        Assert.Equal($"files/attachments/{seeded.AttachmentId:N}/report.pdf", attachment);
        Assert.Equal(seeded.AttachmentBytes, entries[attachment]);

        // No secret: the columns are gone and their values appear nowhere.
        var device = Assert.Single(Rows(entries, "Device"));
        Assert.False(device.TryGetProperty("PasswordHash", out _));
        Assert.Equal(credentials.GetProperty("username").GetString(), device.GetProperty("Username").GetString());
        Assert.False(Assert.Single(Rows(entries, "Webhook")).TryGetProperty("Secret", out _));
        var everything = string.Join("\n", entries.Values.Select(Encoding.UTF8.GetString));
        Assert.DoesNotContain(seeded.WebhookSecret, everything);
        Assert.DoesNotContain(credentials.GetProperty("password").GetString()!, everything);
        using (var db = Contexts(app).Create(DataScope.ForTenant(owner.TenantId)))
            Assert.DoesNotContain((await db.Devices.SingleAsync(Ct)).PasswordHash, everything);
        Assert.Contains("PasswordHash", manifest.GetProperty("excludedColumns").GetRawText());

        // Nothing of tenant B.
        Assert.DoesNotContain(other.TenantId.ToString(), everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(other.TenantId.ToString("N"), everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Secret B site", everything);

        // Audited: asked for, and downloaded.
        var audit = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/audit?pageSize=50", Ct);
        var actions = audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("TenantExportRequested", actions);
        Assert.Contains("ExportDownloaded", actions);
    }

    [Fact]
    public async Task OnlyOwnersOfTheOrganisationReachItsExports()
    {
        await using var app = new FactoryCloudApp(await servers.SharedAsync(DatabaseProvider.Postgres), Settings);
        var owner = await ApiSession.SignUpAsync(app);
        var admin = await owner.AddMemberAsync(app, "Admin");
        var other = await ApiSession.SignUpAsync(app);
        var started = await owner.Client.PostAsync("/api/v1/organisation/exports", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        await WaitForAsync(app, owner, id);

        // Nobody signed in: 401.
        using var anonymous = app.CreateClient();
        foreach (var url in (string[])["/api/v1/organisation/exports", $"/api/v1/organisation/exports/{id}", $"/api/v1/organisation/exports/{id}/content"])
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/organisation/exports", null, Ct)).StatusCode);

        // An Admin is not an Owner: 403.
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.Client.PostAsync("/api/v1/organisation/exports", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.Client.GetAsync($"/api/v1/organisation/exports/{id}/content", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.Client.GetAsync("/api/v1/organisation/exports", Ct)).StatusCode);

        // A personal access token, even the Owner's with every area read-write: the export belongs to no area (403).
        var created = await owner.Client.PostAsJsonAsync("/api/v1/tokens",
            new { name = "everything", plants = "ReadWrite", backlogs = "ReadWrite", maturity = "ReadWrite", expiresAt = DateTimeOffset.UtcNow.AddDays(30) }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var script = app.CreateClient();
        script.DefaultRequestHeaders.Authorization = new("Bearer", (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("secret").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await script.GetAsync($"/api/v1/organisation/exports/{id}/content", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await script.PostAsync("/api/v1/organisation/exports", null, Ct)).StatusCode);

        // Another organisation's Owner, with the id: not found, and not listed.
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/api/v1/organisation/exports/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/api/v1/organisation/exports/{id}/content", Ct)).StatusCode);
        Assert.Empty((await other.Client.GetFromJsonAsync<JsonElement>("/api/v1/organisation/exports", Ct)).EnumerateArray());
        Assert.Single((await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/organisation/exports", Ct)).EnumerateArray());

        // Hostile ids: not a route (404), never a path into the file store.
        foreach (var url in (string[])["/api/v1/organisation/exports/..%2F..%2Fetc", "/api/v1/organisation/exports/%27%20OR%201=1--/content"])
            Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync(url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/api/v1/organisation/exports/{Guid.NewGuid()}/content", Ct)).StatusCode);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ASecondExportWhileOneIsBeingMadeIsRefusedWith409(DatabaseProvider provider)
    {
        await using var app = new FactoryCloudApp(await servers.SharedAsync(provider), Settings);
        var owner = await ApiSession.SignUpAsync(app);
        var running = await AddExportAsync(app, owner, TenantExportStatus.Running, leaseUntil: DateTimeOffset.UtcNow.AddHours(1));

        var refused = await owner.Client.PostAsync("/api/v1/organisation/exports", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(TenantExportService.ConflictType, problem.GetProperty("type").GetString());
        Assert.Contains("already being made", problem.GetProperty("detail").GetString());
        // Not ready: its content is a conflict too.
        Assert.Equal(HttpStatusCode.Conflict, (await owner.Client.GetAsync($"/api/v1/organisation/exports/{running}/content", Ct)).StatusCode);

        // The unique index holds even past the check (two requests at the same moment).
        await using var db = Contexts(app).Create(DataScope.ForTenant(owner.TenantId));
        db.TenantExports.Add(new TenantExport { Status = TenantExportStatus.Queued, RequestedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddDays(7) });
        Assert.True((await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct))).IsUniqueViolation());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AnExportInterruptedByARestartIsBuiltAgainAndFailsClearlyAfterTooManyAttempts(DatabaseProvider provider)
    {
        await using var app = new FactoryCloudApp(await servers.SharedAsync(provider), Settings);
        var owner = await ApiSession.SignUpAsync(app);
        var job = app.Services.GetRequiredService<TenantExportJob>();

        // Its builder's lease ran out (the process died): built again.
        var interrupted = await AddExportAsync(app, owner, TenantExportStatus.Running, leaseUntil: DateTimeOffset.UtcNow.AddMinutes(-1), attempts: 1);
        await job.RunAsync(owner.TenantId, interrupted, Ct);
        var rebuilt = await ExportAsync(app, owner.TenantId, interrupted);
        Assert.Equal(TenantExportStatus.Completed, rebuilt.Status);
        Assert.Equal(2, rebuilt.Attempts);
        await using (var zip = await app.Services.GetRequiredService<IFileStore>().OpenReadAsync(TenantExportJob.KeyOf(owner.TenantId, interrupted), Ct))
            Assert.NotNull(zip);

        // Interrupted once too often: failed, and says why.
        var doomed = await AddExportAsync(app, owner, TenantExportStatus.Running, leaseUntil: DateTimeOffset.UtcNow.AddMinutes(-1), attempts: TenantExport.MaxAttempts);
        await job.RunAsync(owner.TenantId, doomed, Ct);
        var failed = await ExportAsync(app, owner.TenantId, doomed);
        Assert.Equal(TenantExportStatus.Failed, failed.Status);
        Assert.Contains("interrupted 3 times", failed.Error);
        var view = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/organisation/exports/{doomed}", Ct);
        Assert.Equal("Failed", view.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("downloadUrl").ValueKind);

        // One still held by a live builder is left alone.
        var held = await AddExportAsync(app, owner, TenantExportStatus.Running, leaseUntil: DateTimeOffset.UtcNow.AddHours(1));
        await job.RunAsync(owner.TenantId, held, Ct);
        Assert.Equal(0, (await ExportAsync(app, owner.TenantId, held)).Attempts);
    }

    [Fact]
    public async Task AfterARestartTheStartupSweepBuildsTheExportLeftQueuedAndDeletesExpiredOnes()
    {
        // A database of its own, so the sweep over every organisation sees only this test's.
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, servers.Postgres);
        using var files = FactoryCloud.Testing.TempDirectory.Create("fc-export-files");
        var settings = new Dictionary<string, string?>(Settings) { ["Files:Path"] = files.Path };
        ApiSession owner;
        Guid queued, expired;
        await using (var before = new FactoryCloudApp(database, settings))
        {
            owner = await ApiSession.SignUpAsync(before);
            // What a shutdown leaves: an export put back in the queue; and one past its 7 days with its zip.
            queued = await AddExportAsync(before, owner, TenantExportStatus.Queued, attempts: 1);
            expired = await AddExportAsync(before, owner, TenantExportStatus.Completed, expiresAt: DateTimeOffset.UtcNow.AddMinutes(-1));
            await before.Services.GetRequiredService<IFileStore>().SaveAsync(TenantExportJob.KeyOf(owner.TenantId, expired), new MemoryStream([1, 2, 3]), Ct);
        }

        await using var after = new FactoryCloudApp(database, settings);
        owner = await ApiSession.SignedInAsync(after.CreateClient(), owner.Email, owner.Password);
        var view = await WaitForAsync(after, owner, queued);

        Assert.Equal("Completed", view.GetProperty("status").GetString());
        Assert.Equal(2, (await ExportAsync(after, owner.TenantId, queued)).Attempts);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync(view.GetProperty("downloadUrl").GetString(), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/api/v1/organisation/exports/{expired}", Ct)).StatusCode);
        Assert.Null(await after.Services.GetRequiredService<IFileStore>().OpenReadAsync(TenantExportJob.KeyOf(owner.TenantId, expired), Ct));
    }

    [Fact]
    public async Task TheDemoOrganisationExportsEveryRowOfEveryEntity()
    {
        // The demo seeds every feature (plants, alerts, backlogs, sprints, assessments, hypotheses, notifications):
        // every value that is stored must also serialise to JSON and CSV, and each file holds exactly the table's rows.
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, servers.Postgres);
        await using var app = new FactoryCloudApp(database, new Dictionary<string, string?>(Settings)
        {
            ["Demo:Enabled"] = "true", ["Demo:Stream"] = "false", ["TenantExport:BatchSize"] = "7",
        });
        _ = app.Server;
        await app.Services.GetRequiredService<FactoryCloud.Web.Features.Demo.DemoStatus>().Seeded.WaitAsync(TimeSpan.FromMinutes(3), Ct);
        var demo = (await FactoryCloud.Web.Features.Demo.DemoOrganisation.FindAsync(database.Contexts, new FactoryCloud.Web.Features.Demo.DemoOptions().Email, Ct))!;
        var owner = new ApiSession(app.CreateClient(), demo.TenantId, demo.Slug, demo.OwnerId, "", "");
        var id = await AddExportAsync(app, owner, TenantExportStatus.Queued);

        await app.Services.GetRequiredService<TenantExportJob>().RunAsync(demo.TenantId, id, Ct);

        var export = await ExportAsync(app, demo.TenantId, id);
        Assert.Equal(TenantExportStatus.Completed, export.Status);
        byte[] zip;
        await using (var stored = (await app.Services.GetRequiredService<IFileStore>().OpenReadAsync(TenantExportJob.KeyOf(demo.TenantId, id), Ct))!)
        using (var copy = new MemoryStream())
        {
            await stored.CopyToAsync(copy, Ct);
            zip = copy.ToArray();
        }
        Assert.Equal(zip.Length, export.SizeBytes);
        var entries = ReadZip(zip);
        var manifest = JsonDocument.Parse(entries[TenantExportWriter.ManifestPath]).RootElement;
        await using var db = Contexts(app).Create(DataScope.ForTenant(demo.TenantId));
        long total = 0;
        foreach (var entityType in TenantExportWriter.EntityTypes(db.Model))
        {
            var name = entityType.ClrType.Name;
            var count = await (Task<int>)CountMethod.MakeGenericMethod(entityType.ClrType).Invoke(null, [db])!;
            Assert.True(count == ManifestRows(manifest, name, "json"), $"{name}: {count} rows, manifest {ManifestRows(manifest, name, "json")}");
            Assert.Equal(count, Rows(entries, name).Count);
            Assert.Equal(count + 1, CsvText.Parse(Encoding.UTF8.GetString(entries[$"entities/{name}.csv"]).TrimStart('\uFEFF')).Count);
            total += count;
        }
        foreach (var name in (string[])["Site", "Machine", "AlertRule", "Alert", "Product", "Sprint", "WorkItem", "MaturityAssessment", "MaturityAnswer", "KpiHypothesis", "AuditEntry"])
            Assert.True(ManifestRows(manifest, name, "json") > 0, $"The demo has no {name}");
        Assert.Equal(total + ManifestRows(manifest, "Members", "json"), export.RowsWritten);
        Assert.Equal(export.EntitiesTotal, export.EntitiesDone);
    }

    private static readonly System.Reflection.MethodInfo CountMethod =
        typeof(TenantExportTests).GetMethod(nameof(CountAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

    private static Task<int> CountAsync<T>(AppDbContext db) where T : class => db.Set<T>().CountAsync(Ct);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ExpiredExportsAreDeletedWithTheirZipAndOthersAreKept(DatabaseProvider provider)
    {
        await using var app = new FactoryCloudApp(await servers.SharedAsync(provider), Settings);
        var owner = await ApiSession.SignUpAsync(app);
        var store = app.Services.GetRequiredService<IFileStore>();
        var expired = await AddExportAsync(app, owner, TenantExportStatus.Completed, expiresAt: DateTimeOffset.UtcNow.AddMinutes(-1));
        var fresh = await AddExportAsync(app, owner, TenantExportStatus.Completed);
        foreach (var id in new[] { expired, fresh })
            await store.SaveAsync(TenantExportJob.KeyOf(owner.TenantId, id), new MemoryStream([1, 2, 3]), Ct);

        Assert.Equal(1, await app.Services.GetRequiredService<TenantExportJob>().DeleteExpiredAsync(owner.TenantId, Ct));

        Assert.Null(await store.OpenReadAsync(TenantExportJob.KeyOf(owner.TenantId, expired), Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/api/v1/organisation/exports/{expired}", Ct)).StatusCode);
        await using var kept = await store.OpenReadAsync(TenantExportJob.KeyOf(owner.TenantId, fresh), Ct);
        Assert.NotNull(kept);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync($"/api/v1/organisation/exports/{fresh}/content", Ct)).StatusCode);
    }

    [Fact]
    public async Task EveryTenantOwnedColumnNamedLikeASecretIsLeftOut()
    {
        var app = await servers.AppAsync(DatabaseProvider.Sqlite);
        await using var db = Contexts(app).Create(DataScope.None);
        string[] secretWords = ["hash", "secret", "password", "token"];
        var suspicious = TenantExportWriter.EntityTypes(db.Model)
            .SelectMany(t => t.GetProperties().Select(p => (Type: t.ClrType, p.Name)))
            .Where(c => secretWords.Any(w => c.Name.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        Assert.NotEmpty(suspicious);
        Assert.All(suspicious, c => Assert.True(TenantExportExclusions.IsExcluded(c.Type, c.Name), $"{c.Type.Name}.{c.Name} looks like a secret: exclude it in TenantExportExclusions (or rename it)."));
        foreach (var exclusion in TenantExportExclusions.All)
            Assert.DoesNotContain(TenantExportWriter.Columns(db.Model.FindEntityType(exclusion.Entity)!), p => p.Name == exclusion.Column);
    }

    private sealed record Seeded(IReadOnlyList<long> EventIds, Guid AttachmentId, byte[] AttachmentBytes, string WebhookSecret);

    /// <summary>Three more sites (one named like a formula), five raw events, three minute buckets, a webhook and an attached file.</summary>
    private static async Task<Seeded> SeedAsync(FactoryCloudApp app, ApiSession owner, TestPlant plant, string? extraSiteName = null)
    {
        var now = DateTimeOffset.UtcNow;
        await using var db = Contexts(app).Create(DataScope.ForTenant(owner.TenantId));
        string[] names = ["Plant 2", "Plant 3", extraSiteName ?? "Plant 4", "=HYPERLINK(\"http://evil.test\")"];
        for (var i = 0; i < names.Length; i++) db.Sites.Add(new Site { Key = $"extra-{i}", Name = names[i] });
        var events = Enumerable.Range(0, 5).Select(i => new TelemetryEvent
        {
            MachineId = plant.Machine, DeviceId = Guid.NewGuid(), DedupKey = $"export:{i}:{Guid.NewGuid():N}", Channel = TelemetryChannel.Count,
            Timestamp = now.AddMinutes(-i), Payload = $$"""{"good":{{i}}}""", ReceivedAt = now,
        }).ToList();
        db.TelemetryEvents.AddRange(events);
        for (var i = 0; i < 3; i++)
            db.MachineBuckets.Add(new MachineBucket
            {
                MachineId = plant.Machine, Size = BucketSize.Minute, Start = BucketSize.Minute.StartOf(now).AddMinutes(-i), RunSeconds = 60, GoodCount = 10 + i, MessageCount = 1,
            });
        // Composite keys with an enum (size) and text (reason): pages within one size, ordered by machine, start, reason.
        foreach (var (size, reason, minutes) in new[] { (BucketSize.Hour, "jam", 0), (BucketSize.Hour, "blocked", 0), (BucketSize.Hour, "starved", 60), (BucketSize.Day, "jam", 0), (BucketSize.Hour, "Jam", 0) })
            db.MachineDowntimeBuckets.Add(new MachineDowntimeBucket
            {
                MachineId = plant.Machine, Size = size, Start = size.StartOf(now).AddMinutes(-minutes), Reason = reason, DownSeconds = 5,
            });
        var secret = WebhookSignature.NewSecret();
        db.Webhooks.Add(new Webhook { Name = "Ops", Url = "https://hooks.example.test/ops", Format = WebhookFormat.GenericJson, Secret = secret, CreatedAt = now });
        var attachment = (WorkItemAttachment)TenantOwnedSamples.For(nameof(WorkItemAttachment)).Make(new TenantPair(owner.TenantId, Guid.Empty, owner.UserId), db);
        attachment.FileName = "report.pdf";
        attachment.StorageKey = AttachmentLocation.StoredFile;
        attachment.TenantId = owner.TenantId;
        db.WorkItemAttachments.Add(attachment);
        await db.SaveChangesAsync(Ct);
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.7 export test " + owner.TenantId);
        await app.Services.GetRequiredService<IFileStore>().SaveAsync(
            FileKeys.For(owner.TenantId, FileKeys.Attachments, attachment.Id), new MemoryStream(bytes), Ct);
        return new Seeded(events.Select(e => e.Id).ToList(), attachment.Id, bytes, secret);
    }

    private static async Task<Guid> AddExportAsync(
        FactoryCloudApp app, ApiSession owner, TenantExportStatus status, DateTimeOffset? leaseUntil = null, int attempts = 0, DateTimeOffset? expiresAt = null)
    {
        await using var db = Contexts(app).Create(DataScope.ForTenant(owner.TenantId));
        var export = new TenantExport
        {
            Status = status, RequestedBy = owner.UserId, RequestedAt = DateTimeOffset.UtcNow, LeaseUntil = leaseUntil, Attempts = attempts,
            ExpiresAt = expiresAt ?? DateTimeOffset.UtcNow.AddDays(7),
        };
        db.TenantExports.Add(export);
        await db.SaveChangesAsync(Ct);
        return export.Id;
    }

    private static async Task<TenantExport> ExportAsync(FactoryCloudApp app, Guid tenantId, Guid id)
    {
        await using var db = Contexts(app).Create(DataScope.ForTenant(tenantId));
        return await db.TenantExports.AsNoTracking().SingleAsync(e => e.Id == id, Ct);
    }

    /// <summary>Reads the export until it is finished, reading again on each progress announcement (no polling interval).</summary>
    private static async Task<JsonElement> WaitForAsync(FactoryCloudApp app, ApiSession owner, Guid id)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var changes = app.Services.GetRequiredService<TenantExportChanges>();
        using var changed = new SemaphoreSlim(0);
        void OnChanged(Guid tenant)
        {
            if (tenant == owner.TenantId) changed.Release();
        }
        changes.Changed += OnChanged;
        try
        {
            while (true)
            {
                var view = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/organisation/exports/{id}", timeout.Token);
                if (view.GetProperty("status").GetString() is "Completed" or "Failed") return view;
                await changed.WaitAsync(timeout.Token);
            }
        }
        finally
        {
            changes.Changed -= OnChanged;
        }
    }

    private static Dictionary<string, byte[]> ReadZip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    private static string EverythingText(Dictionary<string, byte[]> entries) => string.Join("\n", entries.Values.Select(Encoding.UTF8.GetString));

    private static List<JsonElement> Rows(Dictionary<string, byte[]> entries, string entity) =>
        JsonDocument.Parse(entries[$"entities/{entity}.json"]).RootElement.EnumerateArray().ToList();

    private static long ManifestRows(JsonElement manifest, string entity, string format) =>
        manifest.GetProperty("files").EnumerateArray()
            .Single(f => f.GetProperty("entity").GetString() == entity && f.GetProperty("format").GetString() == format)
            .GetProperty("rows").GetInt64();

    private static AppDbContextFactory Contexts(FactoryCloudApp app) => app.Services.GetRequiredService<AppDbContextFactory>();
}
