using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure;
using FactoryCloud.Infrastructure.Devices;
using FactoryCloud.Infrastructure.Mqtt;
using FactoryCloud.Infrastructure.Pipeline;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Persistence.Postgres;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Tenancy;
using FactoryCloud.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace FactoryCloud.IntegrationTests.Infrastructure.Mqtt;

/// <summary>
/// The built-in broker guarding itself, with real clients: TLS (MQTTnet and mosquitto_pub), oversized packets refused
/// unread, password guessing rationed, limits per tenant and device, and rotated or revoked devices disconnected at
/// once, in this process (SQLite) and from another process (PostgreSQL change feed).
/// </summary>
public sealed class BrokerGuardTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private sealed class RecordingIngress : ITelemetryIngress
    {
        public ConcurrentQueue<string> Accepted { get; } = new();
        public ConcurrentQueue<RefusalReason> Refused { get; } = new();

        public Task<RefusalReason> AcceptAsync(DeviceIdentity device, TelemetryTopic topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
        {
            Accepted.Enqueue(topic.Format());
            return Task.FromResult(RefusalReason.None);
        }

        public void Refuse(DeviceIdentity device, string topic, RefusalReason reason, ReadOnlySpan<byte> payload) => Refused.Enqueue(reason);
    }

    private readonly DatabaseServers _servers = servers;
    private readonly RecordingIngress _ingress = new();
    private readonly List<BuiltInBroker> _brokers = [];
    private readonly List<IMqttClient> _clients = [];
    private readonly List<IAsyncDisposable> _disposables = [];
    private readonly TestCertificates _certificates = new();

    // ---- TLS ----

    [Fact]
    public async Task An_MQTTnet_client_publishes_over_TLS_and_a_plain_client_is_refused_where_TLS_is_required()
    {
        var (owner, credentials) = await IssueAsync();
        var broker = await StartBrokerAsync(App.Services, o =>
        {
            o.AllowPlain = false;
            o.Tls.CertificatePath = _certificates.ServerPfxPath;
            o.Tls.CertificatePassword = TestCertificates.PfxPassword;
        });
        Assert.Equal(0, broker.Port);

        var client = await ConnectAsync(credentials, broker.TlsPort, tls: true);
        Assert.Equal(MqttClientPublishReasonCode.Success, await PublishAsync(client, $"fc/v1/{owner.Slug}/plant-1/assembly/line-1/press-1/state"));

        using var plain = new MqttClientFactory().CreateMqttClient();
        await Assert.ThrowsAnyAsync<Exception>(() => plain.ConnectAsync(Options(credentials, broker.TlsPort, tls: false), TestContext.Current.CancellationToken));
        Assert.False(plain.IsConnected);
    }

    [Fact]
    public async Task Mosquitto_pub_with_cafile_publishes_over_TLS_with_a_PEM_certificate_and_without_the_CA_it_is_refused()
    {
        var (owner, credentials) = await IssueAsync();
        var broker = await StartBrokerAsync(App.Services, o =>
        {
            o.AllowPlain = false;
            o.Tls.CertificatePath = _certificates.ServerPemPath;
            o.Tls.KeyPath = _certificates.ServerKeyPath;
        });
        var topic = $"fc/v1/{owner.Slug}/plant-1/assembly/line-1/press-1/state";

        var trusted = await MosquittoPubAsync(credentials, broker.TlsPort, topic, ["--cafile", _certificates.CaPemPath]);
        var untrusted = await MosquittoPubAsync(credentials, broker.TlsPort, topic, ["--capath", "/nonexistent"]);
        var plain = await MosquittoPubAsync(credentials, broker.TlsPort, topic, []);

        Assert.True(trusted.ExitCode == 0, trusted.StandardError);
        Assert.Contains(_ingress.Accepted, t => t == topic);
        Assert.NotEqual(0, untrusted.ExitCode);
        Assert.NotEqual(0, plain.ExitCode);
        Assert.Single(_ingress.Accepted);
    }

    // ---- Packet size ----

    [Fact]
    public async Task A_32_MiB_CONNECT_from_a_stranger_is_refused_from_its_header_without_being_read()
    {
        var broker = await StartBrokerAsync(App.Services);
        const int declared = 32 * 1024 * 1024;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, broker.Port, TestContext.Current.CancellationToken);
        var stream = tcp.GetStream();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));

        long sent = 0;
        var chunk = new byte[64 * 1024];
        try
        {
            await stream.WriteAsync(new byte[] { 0x10, 0x80, 0x80, 0x80, 0x10 }, timeout.Token); // CONNECT, remaining length 32 MiB
            for (; sent < declared; sent += chunk.Length) await stream.WriteAsync(chunk, timeout.Token);
        }
        catch (IOException)
        {
            // The broker closed the connection.
        }

        await WaitUntilAsync(() => broker.BytesRead > 0);
        TestContext.Current.TestOutputHelper?.WriteLine($"Oversized CONNECT: the client got {sent:N0} of {declared:N0} bytes into the socket before it was closed; the broker read {broker.BytesRead:N0}.");
        Assert.InRange(broker.BytesRead, 1, 64 * 1024);
        Assert.True(sent < declared, "The broker let the whole 32 MiB in.");
    }

    [Fact]
    public async Task A_32_MiB_PUBLISH_is_refused_unread_and_recorded_for_the_device()
    {
        var (owner, credentials) = await IssueAsync();
        var broker = await StartBrokerAsync(App.Services);
        var client = await ConnectAsync(credentials, broker.Port);

        var message = new MqttApplicationMessageBuilder().WithTopic($"fc/v1/{owner.Slug}/plant-1/assembly/line-1/press-1/state")
            .WithPayload(new byte[32 * 1024 * 1024]).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        var outcome = await Record.ExceptionAsync(() => client.PublishAsync(message, TestContext.Current.CancellationToken));

        await WaitUntilAsync(() => _ingress.Refused.Contains(RefusalReason.PacketTooLarge) && broker.BytesRead > 0);
        TestContext.Current.TestOutputHelper?.WriteLine($"Oversized PUBLISH: {outcome?.GetType().Name ?? "no exception"}; the broker read {broker.BytesRead:N0} bytes.");
        Assert.InRange(broker.BytesRead, 1, 64 * 1024);
        Assert.Empty(_ingress.Accepted);
    }

    // ---- Limits ----

    [Fact]
    public async Task Messages_over_the_devices_rate_are_refused_with_quota_exceeded_and_recorded()
    {
        var (owner, credentials) = await IssueAsync();
        var broker = await StartBrokerAsync(App.Services, o => o.Limits.MessagesPerSecondPerDevice = 5);
        var client = await ConnectAsync(credentials, broker.Port);
        var topic = $"fc/v1/{owner.Slug}/plant-1/assembly/line-1/press-1/state";

        var clock = Stopwatch.StartNew();
        var results = new List<MqttClientPublishReasonCode>();
        for (var i = 0; i < 30; i++) results.Add(await PublishAsync(client, topic));
        var elapsed = clock.Elapsed;

        var accepted = results.Count(r => r == MqttClientPublishReasonCode.Success);
        TestContext.Current.TestOutputHelper?.WriteLine($"Rate limit 5/s: {accepted} of 30 accepted in {elapsed.TotalMilliseconds:N0} ms.");
        Assert.All(results, r => Assert.Contains(r, new[] { MqttClientPublishReasonCode.Success, MqttClientPublishReasonCode.QuotaExceeded }));
        Assert.InRange(accepted, 5, 5 + (int)Math.Ceiling(elapsed.TotalSeconds * 5) + 1);
        Assert.Contains(RefusalReason.RateLimited, _ingress.Refused);
        Assert.Equal(accepted, _ingress.Accepted.Count);
    }

    [Fact]
    public async Task A_connect_over_the_tenants_connection_limit_is_refused_and_recorded()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var first = await plant.IssueCredentialsAsync(owner);
        var second = await plant.IssueCredentialsAsync(owner, "lines");
        var broker = await StartBrokerAsync(App.Services, o => o.Limits.MaxConnectionsPerTenant = 1);
        var connected = await ConnectAsync(first, broker.Port);

        using var refused = new MqttClientFactory().CreateMqttClient();
        var result = await refused.ConnectAsync(Options(second, broker.Port), TestContext.Current.CancellationToken);
        Assert.Equal(MqttClientConnectResultCode.QuotaExceeded, result.ResultCode);
        Assert.Contains(RefusalReason.TooManyConnections, _ingress.Refused);

        await connected.DisconnectAsync(cancellationToken: TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => broker.ConnectedDevices == 0); // the first connection is closed and no longer counted
        await ConnectAsync(second, broker.Port);
    }

    // ---- Credential cache and password guessing ----

    [Fact]
    public async Task A_reconnect_is_not_hashed_again_and_rotation_forgets_the_cached_password()
    {
        var (owner, credentials) = await IssueAsync();
        var broker = await StartBrokerAsync(App.Services);
        for (var i = 0; i < 5; i++)
        {
            var client = await ConnectAsync(credentials, broker.Port);
            await client.DisconnectAsync(cancellationToken: TestContext.Current.CancellationToken);
        }
        Assert.Equal(1, broker.Throttle.PasswordChecks);

        await RotateAsync(owner, credentials);
        using var old = new MqttClientFactory().CreateMqttClient();
        var result = await old.ConnectAsync(Options(credentials, broker.Port), TestContext.Current.CancellationToken);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
    }

    [Fact]
    public async Task A_flood_of_bad_passwords_is_refused_mostly_unhashed_while_every_good_connect_succeeds()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var devices = new List<JsonElement>();
        for (var i = 0; i < 4; i++) devices.Add(await plant.IssueCredentialsAsync(owner));
        var broker = await StartBrokerAsync(App.Services);
        var victim = devices[0];
        // The targeted device is connected before the flood (its credentials are cached); the others first connect during it.
        var warm = await ConnectAsync(victim, broker.Port, from: "127.0.0.2");
        await warm.DisconnectAsync(cancellationToken: TestContext.Current.CancellationToken);

        var clock = Stopwatch.StartNew();
        var checksBefore = broker.Throttle.PasswordChecks;
        var bad = new ConcurrentDictionary<MqttClientConnectResultCode, int>();
        var flood = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                using var attacker = new MqttClientFactory().CreateMqttClient();
                var result = await attacker.ConnectAsync(Options(victim, broker.Port, password: "guess-" + i), TestContext.Current.CancellationToken);
                bad.AddOrUpdate(result.ResultCode, 1, (_, n) => n + 1);
            }
        })).ToList();
        var good = 0;
        var goodAttempts = 0;
        while (!flood.All(t => t.IsCompleted))
        {
            foreach (var device in devices)
            {
                goodAttempts++;
                using var client = new MqttClientFactory().CreateMqttClient();
                var result = await client.ConnectAsync(Options(device, broker.Port, from: "127.0.0.2"), TestContext.Current.CancellationToken);
                if (result.ResultCode == MqttClientConnectResultCode.Success) good++;
                await client.DisconnectAsync(cancellationToken: TestContext.Current.CancellationToken);
            }
        }
        await Task.WhenAll(flood);
        var elapsed = clock.Elapsed;
        var checks = broker.Throttle.PasswordChecks - checksBefore;

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Flood of 400 bad passwords in {elapsed.TotalSeconds:N1} s: {string.Join(", ", bad.Select(b => $"{b.Key} {b.Value}"))}; " +
            $"{checks} passwords hashed (both addresses), {broker.Throttle.Refused} connects refused unhashed; good connects {good} of {goodAttempts}.");
        Assert.Equal(goodAttempts, good);
        Assert.True(goodAttempts >= devices.Count);
        Assert.Equal(400, bad.Values.Sum());
        Assert.DoesNotContain(MqttClientConnectResultCode.Success, bad.Keys);
        // At most the burst plus the rate for the time it took, per address (127.0.0.1 floods, 127.0.0.2 connects).
        var rate = new BrokerLimits().PasswordChecksPerSecondPerAddress;
        var limit = 2 * (rate + (int)Math.Ceiling(elapsed.TotalSeconds * rate));
        Assert.InRange(checks, 1, limit);
    }

    // ---- Rotation and revocation ----

    [Fact]
    public async Task Revoking_disconnects_the_connected_device_at_once_in_the_same_process_on_SQLite()
    {
        var app = await _servers.AppAsync(DatabaseProvider.Sqlite);
        var owner = await ApiSession.SignUpAsync(app);
        var credentials = await (await TestPlant.CreateAsync(owner)).IssueCredentialsAsync(owner);
        var broker = await StartBrokerAsync(app.Services);
        var client = await ConnectAsync(credentials, broker.Port);
        var topic = $"fc/v1/{owner.Slug}/plant-1/assembly/line-1/press-1/state";
        Assert.Equal(MqttClientPublishReasonCode.Success, await PublishAsync(client, topic));

        (await owner.Client.DeleteAsync($"/api/v1/devices/{credentials.GetProperty("deviceId").GetGuid()}", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        await WaitUntilAsync(() => !client.IsConnected);
        Assert.Single(_ingress.Accepted);
        using var again = new MqttClientFactory().CreateMqttClient();
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword,
            (await again.ConnectAsync(Options(credentials, broker.Port), TestContext.Current.CancellationToken)).ResultCode);
    }

    [Fact]
    public async Task Rotating_on_the_web_disconnects_the_device_from_a_broker_in_another_process_on_PostgreSQL()
    {
        var (owner, credentials) = await IssueAsync();
        // The broker's own "process": its own services and change feed on the same database.
        var database = await _servers.SharedAsync(DatabaseProvider.Postgres);
        var ingressProcess = new ServiceCollection().AddLogging()
            .AddFactoryCloudPersistence(new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build(), Path.GetTempPath()).BuildServiceProvider();
        _disposables.Add(ingressProcess);
        var feed = ingressProcess.GetRequiredService<PostgresChangeFeed>();
        await feed.StartAsync(TestContext.Current.CancellationToken);
        _disposables.Add(new StopOnDispose(feed));
        await feed.Listening.WaitAsync(Patience, TestContext.Current.CancellationToken);
        var broker = await StartBrokerAsync(ingressProcess);
        var client = await ConnectAsync(credentials, broker.Port);

        var rotated = await RotateAsync(owner, credentials);

        await WaitUntilAsync(() => !client.IsConnected);
        await ConnectAsync(rotated, broker.Port);
    }

    private sealed class StopOnDispose(PostgresChangeFeed feed) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await feed.StopAsync(CancellationToken.None);
    }

    // ---- helpers ----

    private async Task<(ApiSession Owner, JsonElement Credentials)> IssueAsync()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        return (owner, await plant.IssueCredentialsAsync(owner));
    }

    private static async Task<JsonElement> RotateAsync(ApiSession owner, JsonElement credentials)
    {
        var response = await owner.Client.PostAsync($"/api/v1/devices/{credentials.GetProperty("deviceId").GetGuid()}/rotate", null, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<JsonElement>(response.Content, TestContext.Current.CancellationToken);
    }

    private async Task<BuiltInBroker> StartBrokerAsync(IServiceProvider services, Action<BuiltInBrokerOptions>? configure = null)
    {
        var options = new BuiltInBrokerOptions { BindAddress = "127.0.0.1", Port = 0 };
        options.Tls.Port = 0;
        configure?.Invoke(options);
        options.Validate();
        var broker = new BuiltInBroker(Microsoft.Extensions.Options.Options.Create(options), services.GetRequiredService<DeviceAuthenticator>(), _ingress,
            services.GetRequiredService<DeviceCredentialChanges>(), NullLogger<BuiltInBroker>.Instance);
        await broker.StartAsync(TestContext.Current.CancellationToken);
        _brokers.Add(broker);
        return broker;
    }

    private MqttClientOptions Options(JsonElement c, int port, string? password = null, bool tls = false, string? from = null)
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(c.GetProperty("clientId").GetString())
            .WithCredentials(c.GetProperty("username").GetString(), password ?? c.GetProperty("password").GetString())
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(20))
            .Build();
        var tcp = (MqttClientTcpOptions)options.ChannelOptions;
        if (from is not null) tcp.LocalEndpoint = new IPEndPoint(IPAddress.Parse(from), 0);
        if (tls)
        {
            var ca = _certificates.Ca;
            tcp.TlsOptions = new MqttClientTlsOptions
            {
                UseTls = true,
                CertificateValidationHandler = context =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    using var presented = X509CertificateLoader.LoadCertificate(context.Certificate.GetRawCertData());
                    return chain.Build(presented) && (context.SslPolicyErrors & ~System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors) == 0;
                },
            };
        }
        return options;
    }

    private async Task<IMqttClient> ConnectAsync(JsonElement credentials, int port, bool tls = false, string? from = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        _clients.Add(client);
        var result = await client.ConnectAsync(Options(credentials, port, tls: tls, from: from), TestContext.Current.CancellationToken);
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        return client;
    }

    private static async Task<MqttClientPublishReasonCode> PublishAsync(IMqttClient client, string topic)
    {
        var message = new MqttApplicationMessageBuilder().WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes($"{{\"ts\":\"{DateTimeOffset.UtcNow:O}\",\"state\":\"running\"}}"))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        return (await client.PublishAsync(message, TestContext.Current.CancellationToken)).ReasonCode;
    }

    private static Task<ProcessResult> MosquittoPubAsync(JsonElement c, int port, string topic, string[] tls) =>
        ProcessRunner.RunAsync("mosquitto_pub",
            ["-h", "localhost", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-q", "1", "-i", c.GetProperty("clientId").GetString()!,
             "-u", c.GetProperty("username").GetString()!, "-P", c.GetProperty("password").GetString()!, .. tls,
             "-t", topic, "-m", $"{{\"ts\":\"{DateTimeOffset.UtcNow:O}\",\"state\":\"running\"}}"],
            new ProcessRunOptions { Timeout = TimeSpan.FromSeconds(30), ThrowOnNonZeroExitCode = false }, TestContext.Current.CancellationToken);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within {Patience}.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            try
            {
                if (client.IsConnected) await client.DisconnectAsync();
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
                // The broker closed this connection (an oversized packet) before the client noticed.
            }
            client.Dispose();
        }
        foreach (var broker in _brokers) await broker.DisposeAsync();
        for (var i = _disposables.Count - 1; i >= 0; i--) await _disposables[i].DisposeAsync();
        _certificates.Dispose();
        await base.DisposeAsync();
    }
}
