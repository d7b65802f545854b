using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FactoryCloud.Domain.Lifecycle;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Pipeline.Inbox;
using FactoryCloud.Infrastructure.Quotas;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.Testing;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;

namespace FactoryCloud.IntegrationTests.Web.Lifecycle;

/// <summary>
/// Plan quotas on PostgreSQL with row-level security and the built-in broker: each quota refused at its limit with a
/// problem naming it (or, for telemetry, an MQTT QuotaExceeded and the reason on the ingestion health page), usage
/// figures, another tenant unaffected, and the usage and retention API's 401, 403 and 400.
/// </summary>
public sealed class QuotaTests(DatabaseServers servers) : IAsyncLifetime
{
    private readonly TempDirectory _inbox = TempDirectory.Create("fc-quota-inbox");
    private readonly int _port = FreePort.Next();
    private FactoryCloudApp App { get; set; } = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        App = new FactoryCloudApp(await servers.SharedAsync(DatabaseProvider.Postgres), new Dictionary<string, string?>
        {
            ["Mqtt:Mode"] = "BuiltIn",
            ["Mqtt:BindAddress"] = "127.0.0.1",
            ["Mqtt:Port"] = _port.ToString(CultureInfo.InvariantCulture),
            ["Inbox:Path"] = Path.Combine(_inbox.Path, "inbox.db"),
            ["Quotas:Plans:Tiny:Sites"] = "1",
            ["Quotas:Plans:Tiny:Machines"] = "2",
            ["Quotas:Plans:Tiny:Devices"] = "1",
            ["Quotas:Plans:Tiny:Members"] = "2",
            ["Quotas:Plans:Tiny:MessagesPerDay"] = "3",
        });
        _ = App.Server;
    }

    [Fact]
    public async Task SitesMachinesDevicesAndMembersAreRefusedAtTheirLimitsAndUsageShowsThem()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner); // one site, one machine
        await SetPlanAsync(owner.TenantId, "Tiny");

        await AssertQuotaRefusedAsync(await owner.Client.PostAsJsonAsync("/api/v1/sites",
            new { key = "plant-2", name = "Plant 2", timeZone = "UTC", shifts = Array.Empty<object>() }, Ct), "sites", 1);
        Assert.Equal(HttpStatusCode.Created, (await owner.Client.PostAsJsonAsync($"/api/v1/lines/{plant.Line}/machines",
            new { key = "press-2", name = "Press 2", idealCycleTimeSeconds = 2.0 }, Ct)).StatusCode);
        await AssertQuotaRefusedAsync(await owner.Client.PostAsJsonAsync($"/api/v1/lines/{plant.Line}/machines",
            new { key = "press-3", name = "Press 3", idealCycleTimeSeconds = 2.0 }, Ct), "machines", 2);
        Assert.Equal(HttpStatusCode.Created, (await owner.Client.PostAsync($"/api/v1/machines/{plant.Machine}/devices", null, Ct)).StatusCode);
        await AssertQuotaRefusedAsync(await owner.Client.PostAsync($"/api/v1/lines/{plant.Line}/devices", null, Ct), "devices", 1);
        await owner.InviteAsync($"first-{Guid.NewGuid():N}@example.com", "Viewer"); // the owner and one open invitation
        await AssertQuotaRefusedAsync(await owner.Client.PostAsJsonAsync("/api/v1/invitations",
            new { email = $"second-{Guid.NewGuid():N}@example.com", role = "Viewer" }, Ct), "members", 2);

        var usage = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/organisation/usage", Ct);
        Assert.Equal("Tiny", usage.GetProperty("plan").GetString());
        var quotas = usage.GetProperty("quotas").EnumerateArray().ToDictionary(q => q.GetProperty("quota").GetString()!);
        Assert.Equal((1, 1), Figures(quotas["sites"]));
        Assert.Equal((2, 2), Figures(quotas["machines"]));
        Assert.Equal((1, 1), Figures(quotas["devices"]));
        Assert.Equal((2, 2), Figures(quotas["members"]));
        Assert.Equal((0, 3), Figures(quotas["messagesPerDay"]));
        Assert.Equal(JsonValueKind.Null, quotas["storageBytes"].GetProperty("limit").ValueKind);
    }

    [Fact]
    public async Task AnotherTenantsPlanAndUsageAreItsOwn()
    {
        var limited = await ApiSession.SignUpAsync(App);
        await TestPlant.CreateAsync(limited);
        await SetPlanAsync(limited.TenantId, "Tiny");
        var other = await ApiSession.SignUpAsync(App);
        await TestPlant.CreateAsync(other);

        // The other tenant is on the default plan: a second site is fine, and its usage counts only its own.
        Assert.Equal(HttpStatusCode.Created, (await other.Client.PostAsJsonAsync("/api/v1/sites",
            new { key = "plant-2", name = "Plant 2", timeZone = "UTC", shifts = Array.Empty<object>() }, Ct)).StatusCode);
        var usage = await other.Client.GetFromJsonAsync<JsonElement>("/api/v1/organisation/usage", Ct);
        Assert.Equal("Standard", usage.GetProperty("plan").GetString());
        var sites = usage.GetProperty("quotas").EnumerateArray().Single(q => q.GetProperty("quota").GetString() == "sites");
        Assert.Equal(2, sites.GetProperty("used").GetInt64());
        var limitedSites = (await limited.Client.GetFromJsonAsync<JsonElement>("/api/v1/organisation/usage", Ct))
            .GetProperty("quotas").EnumerateArray().Single(q => q.GetProperty("quota").GetString() == "sites");
        Assert.Equal((1, 1), Figures(limitedSites));
    }

    [Fact]
    public async Task MessagesOverTheDailyQuotaAreRefusedAndShownOnTheIngestionHealthPage()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        await plant.WithoutShiftCalendarAsync(owner);
        var credentials = await plant.IssueCredentialsAsync(owner);
        await SetPlanAsync(owner.TenantId, "Tiny");
        await App.Services.GetRequiredService<MessageQuotaRefresher>().RefreshAsync(owner.TenantId, Ct);

        using var client = new MqttClientFactory().CreateMqttClient();
        var connected = await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _port)
            .WithClientId(credentials.GetProperty("clientId").GetString())
            .WithCredentials(credentials.GetProperty("username").GetString(), credentials.GetProperty("password").GetString())
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .Build(), Ct);
        Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);
        var results = new List<MqttClientPublishReasonCode>();
        for (var seq = 1; seq <= 5; seq++) results.Add(await PublishCountAsync(client, owner, seq));

        Assert.Equal([.. Enumerable.Repeat(MqttClientPublishReasonCode.Success, 3), .. Enumerable.Repeat(MqttClientPublishReasonCode.QuotaExceeded, 2)], results);
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            deadline.CancelAfter(TimeSpan.FromMinutes(2));
            await App.Services.GetRequiredService<TelemetryInbox>().WaitUntilProcessedAsync(deadline.Token);
        }
        var usage = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/organisation/usage", Ct);
        Assert.Equal((3, 3), Figures(usage.GetProperty("quotas").EnumerateArray().Single(q => q.GetProperty("quota").GetString() == "messagesPerDay")));
        Assert.Equal(2, usage.GetProperty("messagesRefusedToday").GetInt64());

        // The refusal is recorded (once a minute) by the refusal recorder in the background; the health page lists it with its reason.
        var refusal = await RefusalAsync(owner, RefusalReason.MessageQuotaExceeded);
        Assert.Contains("messagesPerDay", refusal.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.InRange(refusal.GetProperty("count").GetInt64(), 1, 2); // two when the refusals straddle a minute
    }

    [Fact]
    public async Task RetentionIsSetByTheOwnerValidatedAndOnlyTheirs()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var viewer = await owner.AddMemberAsync(App, "Viewer");
        var other = await ApiSession.SignUpAsync(App);

        var defaults = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/organisation/retention", Ct);
        Assert.Equal((90, 400), (defaults.GetProperty("rawEventDays").GetInt32(), defaults.GetProperty("minuteBucketDays").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PutAsJsonAsync("/api/v1/organisation/retention", new { rawEventDays = 30, minuteBucketDays = 120 }, Ct)).StatusCode);
        var saved = await viewer.Client.GetFromJsonAsync<JsonElement>("/api/v1/organisation/retention", Ct);
        Assert.Equal((30, 120), (saved.GetProperty("rawEventDays").GetInt32(), saved.GetProperty("minuteBucketDays").GetInt32()));
        var theirs = await other.Client.GetFromJsonAsync<JsonElement>("/api/v1/organisation/retention", Ct);
        Assert.Equal((90, 400), (theirs.GetProperty("rawEventDays").GetInt32(), theirs.GetProperty("minuteBucketDays").GetInt32()));

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PutAsJsonAsync("/api/v1/organisation/retention", new { rawEventDays = 10, minuteBucketDays = 10 }, Ct)).StatusCode);
        foreach (var (raw, minute, field) in new[] { (7, 400, "RawEventDays"), (90, 20_000, "MinuteBucketDays"), (-1, 400, "RawEventDays") })
        {
            var response = await owner.Client.PutAsJsonAsync("/api/v1/organisation/retention", new { rawEventDays = raw, minuteBucketDays = minute }, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
        var hostile = await owner.Client.PutAsync("/api/v1/organisation/retention",
            new StringContent("{\"rawEventDays\":\"<script>\"}", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, hostile.StatusCode);
        var after = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/organisation/retention", Ct);
        Assert.Equal(30, after.GetProperty("rawEventDays").GetInt32());
    }

    [Fact]
    public async Task UsageAndRetentionNeedASignedInMember()
    {
        using var anonymous = App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/organisation/usage", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/organisation/retention", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync("/api/v1/organisation/retention", new { rawEventDays = 30, minuteBucketDays = 30 }, Ct)).StatusCode);
    }

    private async Task SetPlanAsync(Guid tenant, string plan)
    {
        await using var db = App.Services.GetRequiredService<AppDbContextFactory>().Create(DataScope.ForTenant(tenant));
        db.TenantPlans.Add(new TenantPlan { Plan = plan });
        await db.SaveChangesAsync(Ct);
    }

    private static async Task AssertQuotaRefusedAsync(HttpResponseMessage response, string quota, long limit)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal($"urn:factorycloud:quota-exceeded:{quota}", problem.GetProperty("type").GetString());
        Assert.Equal(quota, problem.GetProperty("quota").GetString());
        Assert.Equal(limit, problem.GetProperty("limit").GetInt64());
        Assert.Contains("Quota exceeded", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static (long Used, long Limit) Figures(JsonElement quota) =>
        (quota.GetProperty("used").GetInt64(), quota.GetProperty("limit").GetInt64());

    private static async Task<MqttClientPublishReasonCode> PublishCountAsync(IMqttClient client, ApiSession owner, int seq)
    {
        var ts = DateTimeOffset.UtcNow.AddMinutes(-1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var result = await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"fc/v1/{owner.Slug}/plant-1/assembly/line-1/press-1/count")
            .WithPayload(Encoding.UTF8.GetBytes($"{{\"ts\":\"{ts}\",\"seq\":{seq},\"good\":1,\"scrap\":0}}"))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), Ct);
        return result.ReasonCode;
    }

    /// <summary>The health page's refusal group of <paramref name="reason"/>, once the background recorder has written it.</summary>
    private static async Task<JsonElement> RefusalAsync(ApiSession owner, RefusalReason reason)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var health = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/ingestion/health", deadline.Token);
            foreach (var group in health.GetProperty("refusals").EnumerateArray())
                if (group.GetProperty("reason").GetString() == reason.ToString()) return group;
            await Task.Delay(100, deadline.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        _inbox.Dispose();
    }
}
