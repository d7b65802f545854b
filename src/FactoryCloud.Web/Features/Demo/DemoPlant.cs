using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Mqtt;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Simulator.Publishing;
using FactoryCloud.Simulator.Simulation;
using FactoryCloud.Web.Features.Plants;
using FactoryCloud.Web.Features.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Features.Demo;

/// <summary>
/// Development only: seeds a demo organisation with one plant, prints its sign-in, and streams simulated telemetry
/// for its machines through the built-in broker with a line gateway's credentials, so data shows within a minute.
/// </summary>
public sealed class DemoPlant(
    IServiceScopeFactory scopes, AppDbContextFactory contexts, IOptions<DemoOptions> options, IOptions<BuiltInBrokerOptions> broker,
    TimeProvider clock, ILogger<DemoPlant> logger) : BackgroundService
{
    private const string Site = "plant-1", Area = "assembly", Line = "line-1";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The demo is a convenience: its failure is logged, and the product keeps running.
            logger.LogError(e, "The demo plant stopped");
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var demo = options.Value;
        var (tenantId, slug, ownerId) = await EnsureOrganisationAsync(demo, stoppingToken);
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(ownerId, new ActiveMembership(tenantId, "Demo Manufacturing", slug, TenantRole.Owner));
        var plan = PlantSimulationOptions.ForLine(slug, Site, Area, Line, PlantSimulationOptions.NumberedMachineKeys(demo.MachineCount), seed: 42, start: clock.GetUtcNow())
            with { FirstSequence = (ulong)clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000 };
        var lineId = await EnsurePlantAsync(scope.ServiceProvider.GetRequiredService<AssetService>(), plan.Machines, stoppingToken);
        // The password of the last start is unknown (only its hash is kept): revoke that gateway and issue a new one.
        var devices = scope.ServiceProvider.GetRequiredService<DeviceService>();
        foreach (var old in (await devices.ListAsync(stoppingToken)).Where(d => d.ScopeId == lineId && d.RevokedAt is null))
            await devices.RevokeAsync(old.Id, stoppingToken);
        var credentials = (await devices.IssueAsync(DeviceScopeKind.Line, lineId, stoppingToken)).Value!;

        logger.LogInformation("Demo organisation ready: sign in as {Email} with password {Password} (development only)", demo.Email, demo.Password);

        var simulation = new PlantSimulation(plan);
        await using var publisher = new MqttTelemetryPublisher(new MqttPublisherOptions
        {
            Host = "127.0.0.1", Port = broker.Value.Port, ClientId = credentials.ClientId, Username = credentials.Username, Password = credentials.Password,
        });
        await publisher.ConnectAsync(stoppingToken);
        await publisher.PublishAllAsync(simulation.RunAsync(new RealTimeClock(clock.GetUtcNow()), cancellationToken: stoppingToken), stoppingToken);
    }

    private async Task<(Guid TenantId, string Slug, Guid OwnerId)> EnsureOrganisationAsync(DemoOptions demo, CancellationToken ct)
    {
        await using (var shared = contexts.Create(DataScope.None))
        {
            var owner = await shared.Users.Where(u => u.NormalizedEmail == demo.Email.ToUpperInvariant()).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
            if (owner is { } ownerId)
            {
                var memberships = await new MembershipDirectory(contexts).ListForUserAsync(ownerId, ct);
                if (memberships.FirstOrDefault(m => m.Role == TenantRole.Owner) is { } membership) return (membership.TenantId, membership.TenantSlug, ownerId);
            }
        }
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<SignUpService>()
            .SignUpAsync(new SignUpRequest { Organization = "Demo Manufacturing", Name = "Demo Owner", Email = demo.Email, Password = demo.Password }, emailConfirmed: true, ct);
        if (result.Failure is { } failure) throw new InvalidOperationException($"The demo organisation could not be created: {failure.Message}");
        return (result.Value!.TenantId, result.Value.Slug, result.Value.UserId);
    }

    private static async Task<Guid> EnsurePlantAsync(AssetService assets, IReadOnlyList<MachineProfile> machines, CancellationToken ct)
    {
        var tree = await assets.GetTreeAsync(ct);
        if (tree.Sites.SelectMany(s => s.Areas).SelectMany(a => a.Lines).FirstOrDefault() is { } existing) return existing.Line.Id;

        var site = (await assets.CreateSiteAsync(new SiteRequest { Key = Site, Name = "Plant 1", TimeZone = "Europe/Berlin" }, ct)).Value!;
        var area = (await assets.CreateAreaAsync(site.Id, new AssetRequest { Key = Area, Name = "Assembly" }, ct)).Value!;
        var line = (await assets.CreateLineAsync(area.Id, new AssetRequest { Key = Line, Name = "Line 1" }, ct)).Value!;
        foreach (var machine in machines)
        {
            await assets.CreateMachineAsync(line.Id, new MachineRequest
            {
                Key = machine.Path.Machine, Name = "Machine " + machine.Path.Machine[2..],
                IdealCycleTimeSeconds = machine.IdealCycleTime.TotalSeconds,
                ProductCycleTimes = machine.Products.ToDictionary(p => p.Code, p => p.IdealCycleTime.TotalSeconds),
            }, ct);
        }
        return line.Id;
    }
}
