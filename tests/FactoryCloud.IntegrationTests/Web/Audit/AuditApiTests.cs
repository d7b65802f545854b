using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.Audit;
using FactoryCloud.Domain.Common;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.Web.Common;

namespace FactoryCloud.IntegrationTests.Web.Audit;

/// <summary><c>GET /api/v1/audit</c> and <c>/audit.csv</c> on both providers: paging, filters, CSV, who may read, and isolation.</summary>
public sealed class AuditApiTests(DatabaseServers servers)
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<DatabaseProvider> Providers() => new(Enum.GetValues<DatabaseProvider>());

    [Theory, MemberData(nameof(Providers))]
    public async Task PagesComeNewestFirstWithTheTotal(DatabaseProvider provider)
    {
        var (owner, marker) = await SeededOwnerAsync(provider);

        var page = await GetAsync(owner, $"/api/v1/audit?q={marker}&page=2&pageSize=3");

        Assert.Equal(7, page.GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("page").GetInt32());
        Assert.Equal(3, page.GetProperty("pageSize").GetInt32());
        Assert.Equal([$"{marker} 3", $"{marker} 2", $"{marker} 1"], Targets(page));
        Assert.Equal([$"{marker} 0"], Targets(await GetAsync(owner, $"/api/v1/audit?q={marker}&page=3&pageSize=3")));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task FiltersNarrowByActionActorTimeAndText(DatabaseProvider provider)
    {
        var (owner, marker) = await SeededOwnerAsync(provider);

        Assert.Equal([$"{marker} 4", $"{marker} 1"], Targets(await GetAsync(owner, $"/api/v1/audit?q={marker}&action=memberremoved")));
        Assert.Equal([$"{marker} 5", $"{marker} 3", $"{marker} 1"], Targets(await GetAsync(owner, $"/api/v1/audit?q={marker}&actor=ALICE@")));
        Assert.Equal([$"{marker} 4", $"{marker} 3", $"{marker} 2"],
            Targets(await GetAsync(owner, $"/api/v1/audit?q={marker}&from=2026-01-01T08:02:00Z&to=2026-01-01T09:05:00%2B01:00")));
        Assert.Equal([$"{marker} 6"], Targets(await GetAsync(owner, $"/api/v1/audit?q={marker}&action=ExportDownloaded&actor=bob")));
        Assert.Equal([$"{marker} 2"], Targets(await GetAsync(owner, $"/api/v1/audit?q=DETAIL {marker} 2")));
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("action=Nope", "action")]
    [InlineData("action=3", "action")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "to")]
    public async Task BadPagingOrFiltersAnswerAProblemNamingTheField(string query, string field)
    {
        var owner = await ApiSession.SignUpAsync(await servers.AppAsync(DatabaseProvider.Postgres));

        var response = await owner.Client.GetAsync($"/api/v1/audit?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task OnlyOwnersReadTheTrailAndNobodySignedInGetsIn()
    {
        var app = await servers.AppAsync(DatabaseProvider.Postgres);
        var owner = await ApiSession.SignUpAsync(app);
        var admin = await owner.AddMemberAsync(app, "Admin");

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.Client.GetAsync("/api/v1/audit", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.Client.GetAsync("/api/v1/audit.csv", Ct)).StatusCode);
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/audit", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/audit.csv", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync("/api/v1/audit", Ct)).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AnotherTenantNeverSeesAnEntry(DatabaseProvider provider)
    {
        var (a, marker) = await SeededOwnerAsync(provider);
        var b = await ApiSession.SignUpAsync(await servers.AppAsync(provider));

        var all = await GetAsync(b, "/api/v1/audit?pageSize=200");
        Assert.All(all.GetProperty("items").EnumerateArray(), e => Assert.Equal(b.Email, e.GetProperty("actor").GetString()));
        Assert.Equal(0, (await GetAsync(b, $"/api/v1/audit?q={marker}")).GetProperty("total").GetInt32());
        Assert.DoesNotContain(marker, await b.Client.GetStringAsync("/api/v1/audit.csv", Ct), StringComparison.Ordinal);
        Assert.DoesNotContain(a.Email, await b.Client.GetStringAsync("/api/v1/audit.csv", Ct), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task TheCsvHoldsTheFilteredEntriesNewestFirstWithFormulasNeutralised(DatabaseProvider provider)
    {
        var (owner, marker) = await SeededOwnerAsync(provider);

        var response = await owner.Client.GetAsync($"/api/v1/audit.csv?q={marker}&action=MemberRemoved", Ct);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("audit-", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var records = CsvText.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(["Occurred at (UTC)", "Action", "Actor", "Actor id", "Target", "Details", "IP address"], records[0].Fields);
        Assert.Equal(3, records.Count);
        Assert.Equal(["2026-01-01T08:04:00Z", "MemberRemoved", "carol@example.test", "", $"{marker} 4", "'=HYPERLINK(\"http://evil\",\"x\")", ""], records[1].Fields);
        Assert.Equal("2026-01-01T08:01:00Z", records[2].Fields[0]);
    }

    /// <summary>An owner whose tenant holds seven entries targeted "{marker} 0" to "{marker} 6", one minute apart from 08:00 UTC.</summary>
    private async Task<(ApiSession Owner, string Marker)> SeededOwnerAsync(DatabaseProvider provider)
    {
        var app = await servers.AppAsync(provider);
        var owner = await ApiSession.SignUpAsync(app);
        var marker = "seed-" + Guid.NewGuid().ToString("N")[..8];
        (AuditAction Action, string Actor, string? Details)[] seeds =
        [
            (AuditAction.MemberInvited, "bob@example.test", null),
            (AuditAction.MemberRemoved, "alice@example.test", "Was Viewer"),
            (AuditAction.KpiSettingsChanged, "bob@example.test", $"detail {marker} 2"),
            (AuditAction.AlertRuleCreated, "Alice@Example.test", null),
            (AuditAction.MemberRemoved, "carol@example.test", "=HYPERLINK(\"http://evil\",\"x\")"),
            (AuditAction.SignInFailed, "alice@example.test", "Wrong password"),
            (AuditAction.ExportDownloaded, "bob@example.test", "/api/v1/audit.csv"),
        ];
        await using var db = app.Database.Contexts.Create(DataScope.ForTenant(owner.TenantId));
        for (var i = 0; i < seeds.Length; i++)
            db.AuditEntries.Add(new AuditEntry
            {
                OccurredAt = Start.AddMinutes(i), Action = seeds[i].Action, ActorName = seeds[i].Actor, Target = $"{marker} {i}", Details = seeds[i].Details,
            });
        await db.SaveChangesAsync(Ct);
        return (owner, marker);
    }

    private static async Task<JsonElement> GetAsync(ApiSession session, string url)
    {
        var response = await session.Client.GetAsync(url, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static string?[] Targets(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("target").GetString())];
}
