using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Mqtt;
using FactoryCloud.Simulator.Publishing;
using FactoryCloud.Simulator.Simulation;
using FactoryCloud.Web.Features.Plants;
using FactoryCloud.Web.Features.Tenancy;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Features.Demo;

/// <summary>
/// Development only: seeds a demo organisation with one plant and its content (<see cref="DemoContent"/>), prints its
/// sign-in, and streams simulated telemetry for its machines through the built-in broker with a line gateway's
/// credentials, so data shows within a minute.
/// </summary>
public sealed class DemoPlant(
    IServiceScopeFactory scopes, AppDbContextFactory contexts, IOptions<DemoOptions> options, IOptions<BuiltInBrokerOptions> broker,
    DemoStatus status, TimeProvider clock, ILogger<DemoPlant> logger) : BackgroundService
{
    public const string SiteKey = "plant-1";
    private const string Area = "assembly", Line = "line-1";

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
            status.MarkFailed(e);
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var demo = options.Value;
        var organisation = await EnsureOrganisationAsync(demo, stoppingToken);
        await using var scope = scopes.CreateAsyncScope();
        organisation.ActAsOwner(scope.ServiceProvider.GetRequiredService<CurrentTenant>());
        var plan = PlantSimulationOptions.ForLine(organisation.Slug, SiteKey, Area, Line, PlantSimulationOptions.NumberedMachineKeys(demo.MachineCount), seed: 42, start: clock.GetUtcNow())
            with { FirstSequence = (ulong)clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000 };
        var lineId = await EnsurePlantAsync(scope.ServiceProvider.GetRequiredService<AssetService>(), plan.Machines, stoppingToken);
        await SeedContentAsync(scope.ServiceProvider.GetRequiredService<DemoContent>(), stoppingToken);
        if (!demo.Stream) return;
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

    /// <summary>A failure here is logged and the plant streams anyway; a restart seeds what is missing.</summary>
    private async Task SeedContentAsync(DemoContent content, CancellationToken ct)
    {
        try
        {
            await content.SeedAsync(ct);
            status.MarkSeeded();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The demo content could not be seeded");
            status.MarkFailed(e);
        }
    }

    private async Task<DemoOrganisation> EnsureOrganisationAsync(DemoOptions demo, CancellationToken ct)
    {
        if (await DemoOrganisation.FindAsync(contexts, demo.Email, ct) is { } existing) return existing;
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<SignUpService>()
            .SignUpAsync(new SignUpRequest { Organization = DemoOrganisation.Name, Name = "Demo Owner", Email = demo.Email, Password = demo.Password }, emailConfirmed: true, ct);
        if (result.Failure is { } failure) throw new InvalidOperationException($"The demo organisation could not be created: {failure.Message}");
        return new DemoOrganisation(result.Value!.TenantId, result.Value.Slug, result.Value.UserId);
    }

    private static async Task<Guid> EnsurePlantAsync(AssetService assets, IReadOnlyList<MachineProfile> machines, CancellationToken ct)
    {
        var tree = await assets.GetTreeAsync(ct);
        // The demo's second site has no lines: the streaming line is the first one of the first site.
        if (tree.Sites.Where(s => s.Site.Key == SiteKey).SelectMany(s => s.Areas).SelectMany(a => a.Lines).FirstOrDefault() is { } existing) return existing.Line.Id;

        var site = (await assets.CreateSiteAsync(new SiteRequest { Key = SiteKey, Name = "Plant 1", TimeZone = "Europe/Berlin" }, ct)).Value!;
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
