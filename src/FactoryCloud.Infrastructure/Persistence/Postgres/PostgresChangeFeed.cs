using System.Collections.Concurrent;
using System.Globalization;
using FactoryCloud.Infrastructure.Alerts;
using FactoryCloud.Infrastructure.Devices;
using FactoryCloud.Infrastructure.Resilience;
using FactoryCloud.Infrastructure.Telemetry.Store;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Polly;

namespace FactoryCloud.Infrastructure.Persistence.Postgres;

/// <summary>
/// Carries "this tenant's telemetry (or alerts, ingestion settings, device credentials) changed" between processes with
/// PostgreSQL LISTEN/NOTIFY, so a dashboard open on any web instance refreshes within a second of a commit made by the
/// worker or another instance, every process storing telemetry forgets the tenant's cached settings, and a broker
/// disconnects a device whose credentials were rotated or revoked on the web.
/// Changes made here are sent at most once per <see cref="CoalesceWindow"/> per tenant and kind; changes heard from
/// other processes are relayed to this process's views only (never sent on, and not evaluated for alerts again).
/// A notification lost while the listening connection reconnects is covered by the views' slow fallback refresh; every
/// time it starts listening, this process forgets all cached ingestion settings (it may have missed their changes).
/// </summary>
public sealed class PostgresChangeFeed : BackgroundService
{
    public const string Channel = "fc_changes";
    public static readonly TimeSpan CoalesceWindow = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(30);

    private readonly NpgsqlDataSource _dataSource;
    private readonly TelemetryNotifications _telemetry;
    private readonly AlertNotifications _alerts;
    private readonly TelemetrySettingsChanges _settings;
    private readonly DeviceCredentialChanges _devices;
    private readonly ILogger<PostgresChangeFeed> _logger;
    private readonly string _origin = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<(char Kind, Guid TenantId), byte> _pending = new();
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ResiliencePipeline _retry;

    public PostgresChangeFeed(
        NpgsqlDataSource dataSource, TelemetryNotifications telemetry, AlertNotifications alerts, TelemetrySettingsChanges settings,
        DeviceCredentialChanges devices, ILogger<PostgresChangeFeed> logger)
    {
        (_dataSource, _telemetry, _alerts, _settings, _devices, _logger) = (dataSource, telemetry, alerts, settings, devices, logger);
        _retry = Retries.ChangeFeed(Reconnect, TimeProvider.System, logger);
        _telemetry.Committed += OnTelemetryCommitted;
        _alerts.ChangedHere += OnAlertsChanged;
        _settings.ChangedHere += OnSettingsChanged;
        _devices.ChangedHere += OnDevicesChanged;
    }

    /// <summary>Completes once this process hears other processes' changes.</summary>
    public Task Listening => _listening.Task;

    private void OnTelemetryCommitted(Guid tenantId, IReadOnlyCollection<Guid> machines) => Enqueue('t', tenantId);

    private void OnAlertsChanged(Guid tenantId) => Enqueue('a', tenantId);

    private void OnSettingsChanged(Guid tenantId) => Enqueue('s', tenantId);

    private void OnDevicesChanged(Guid tenantId) => Enqueue('d', tenantId);

    private void Enqueue(char kind, Guid tenantId)
    {
        if (!_pending.TryAdd((kind, tenantId), 0) || _signal.CurrentCount > 0) return;
        try { _signal.Release(); }
        catch (SemaphoreFullException) { /* already signalled */ }
        catch (ObjectDisposedException) { /* shutting down */ }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Task.Run(() => SendAsync(stoppingToken), stoppingToken), Task.Run(() => ListenAsync(stoppingToken), stoppingToken));

    private async Task SendAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await _signal.WaitAsync(ct);
                var changes = _pending.Keys.Where(key => _pending.TryRemove(key, out _)).ToList();
                await _retry.ExecuteAsync(async token => await NotifyAsync(changes, token), ct); // sent again, not dropped
                await Task.Delay(CoalesceWindow, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task NotifyAsync(List<(char Kind, Guid TenantId)> changes, CancellationToken ct)
    {
        await using var batch = _dataSource.CreateBatch();
        foreach (var (kind, tenantId) in changes)
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_notify($1, $2)")
            {
                Parameters = { new() { Value = Channel }, new() { Value = Payload(kind, tenantId) } },
            });
        await batch.ExecuteNonQueryAsync(ct);
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        try
        {
            await _retry.ExecuteAsync(ListenUntilStoppedAsync, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>One listening connection, until it fails (the retry listens again) or the host stops.</summary>
    private async ValueTask ListenUntilStoppedAsync(CancellationToken ct)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        connection.Notification += (_, e) => Receive(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(ct);
        _settings.RelayMissed();
        _devices.RelayMissed();
        _listening.TrySetResult();
        while (!ct.IsCancellationRequested)
        {
            if (await connection.WaitAsync(IdleCheck, ct)) continue;
            await using var ping = new NpgsqlCommand("SELECT 1", connection);
            await ping.ExecuteScalarAsync(ct); // a dead connection throws here instead of waiting forever
        }
    }

    private string Payload(char kind, Guid tenantId) => string.Create(CultureInfo.InvariantCulture, $"{kind}:{tenantId:N}:{_origin}");

    private void Receive(string payload)
    {
        var parts = payload.Split(':');
        if (parts is not [[var kind], var tenant, var origin] || origin == _origin || !Guid.TryParseExact(tenant, "N", out var tenantId)) return;
        if (kind == 't') _telemetry.Relay(tenantId);
        else if (kind == 'a') _alerts.Relay(tenantId);
        else if (kind == 's') _settings.Relay(tenantId);
        else if (kind == 'd') _devices.Relay(tenantId);
    }

    public override void Dispose()
    {
        _telemetry.Committed -= OnTelemetryCommitted;
        _alerts.ChangedHere -= OnAlertsChanged;
        _settings.ChangedHere -= OnSettingsChanged;
        _devices.ChangedHere -= OnDevicesChanged;
        _signal.Dispose();
        _dataSource.Dispose();
        base.Dispose();
    }
}
