using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

using FactoryCloud.Simulator.Publishing;
using FactoryCloud.Simulator.Simulation;

namespace FactoryCloud.Simulator.Cli;

/// <summary>The console program: parses the options, builds the simulation and its clock, and publishes (or prints).</summary>
public static class SimulatorApp
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(30);

    /// <returns>0 on success or after a graceful stop, 1 when the broker refused the connection, 2 on bad options.</returns>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        Func<string, string?> environment,
        TextWriter output,
        TextWriter log,
        CancellationToken stoppingToken,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(log);
        var time = timeProvider ?? TimeProvider.System;
        var parsed = SimulatorCommandLine.Parse(args, environment);
        if (parsed.ShowHelp)
        {
            await output.WriteAsync(SimulatorCommandLine.Usage()).ConfigureAwait(false);
            return 0;
        }
        if (parsed.Settings is not { } settings)
        {
            await log.WriteLineAsync($"fc-simulator: {parsed.Error}. See --help.").ConfigureAwait(false);
            return 2;
        }

        PlantSimulation simulation;
        try
        {
            simulation = new PlantSimulation(BuildOptions(settings, time.GetUtcNow(), log));
        }
        catch (ArgumentException ex)
        {
            await log.WriteLineAsync($"fc-simulator: {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        var end = settings.Duration is { } duration ? simulation.Start + duration : (DateTimeOffset?)null;
        SimulationClock clock = settings.Rate is { } rate ? new RealTimeClock(simulation.Start, rate, time) : new VirtualClock(simulation.Start);
        await log.WriteLineAsync(Describe(settings, simulation, end)).ConfigureAwait(false);
        var messages = WithProgress(simulation.RunAsync(clock, end, cancellationToken: stoppingToken), simulation, log, time, stoppingToken);

        if (settings.DryRun)
        {
            long printed = 0;
            try
            {
                await foreach (var message in messages.ConfigureAwait(false))
                {
                    await output.WriteLineAsync(message.ToString()).ConfigureAwait(false);
                    printed++;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
            await log.WriteLineAsync($"fc-simulator: printed {printed} messages up to {Ts(simulation.Now, simulation.Options.UtcOffset)}").ConfigureAwait(false);
            return 0;
        }

        await using var publisher = new MqttTelemetryPublisher(settings.Broker, log, time);
        try
        {
            await publisher.ConnectAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (MqttConnectionRefusedException ex)
        {
            await log.WriteLineAsync($"fc-simulator: {ex.Message} Check --client-id, --username and the password.").ConfigureAwait(false);
            return 1;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return 0;
        }

        var published = await publisher.PublishAllAsync(messages, stoppingToken).ConfigureAwait(false);
        await publisher.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await log.WriteLineAsync(
            $"fc-simulator: {(stoppingToken.IsCancellationRequested ? "stopped" : "finished")}: published {published} messages " +
            $"(seq up to {simulation.NextSequence - 1}, simulated time up to {Ts(simulation.Now, simulation.Options.UtcOffset)}, " +
            $"{publisher.ConnectionCount} connection(s), {publisher.RefusedCount} refused)").ConfigureAwait(false);
        return 0;
    }

    /// <summary>The simulation options for the settings; <paramref name="now"/> picks the defaults of start, offset and seq.</summary>
    public static PlantSimulationOptions BuildOptions(SimulatorSettings settings, DateTimeOffset now, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var offset = settings.UtcOffset ?? TimeZoneInfo.Local.GetUtcOffset(now);
        var start = settings.Start ?? DefaultStart(settings, now, log);
        var options = PlantSimulationOptions.ForLine(settings.Tenant, settings.Site, settings.Area, settings.Line, settings.Machines, settings.Seed, start);
        return options with
        {
            UtcOffset = offset,
            CountInterval = settings.CountInterval,
            MeasureInterval = settings.MeasureInterval,
            FirstSequence = settings.FirstSequence ?? (ulong)((now - DateTimeOffset.UnixEpoch).Ticks / 10),
        };
    }

    /// <summary>
    /// Real time: now. Sped up with a duration: early enough that the run ends at the wall-clock end, so no ts is ever
    /// in the future. As fast as possible: the duration back from now (a back-fill).
    /// </summary>
    private static DateTimeOffset DefaultStart(SimulatorSettings settings, DateTimeOffset now, TextWriter? log)
    {
        if (settings.Rate is { } rate && rate <= 1) return now;
        if (settings.Duration is not { } duration)
        {
            log?.WriteLine("fc-simulator: warning: with --rate above 1 and no --duration the ts values run ahead of the clock; "
                + "FactoryCloud refuses ts more than 5 minutes ahead. Give --duration or --start.");
            return now;
        }
        var wall = settings.Rate is { } r ? duration / r : TimeSpan.Zero;
        var start = now + wall - duration;
        if (now - start > TimeSpan.FromDays(7) - TimeSpan.FromHours(1))
        {
            log?.WriteLine("fc-simulator: warning: the run starts more than 7 days back; FactoryCloud refuses ts older than 7 days.");
        }
        return start;
    }

    private static string Describe(SimulatorSettings settings, PlantSimulation simulation, DateTimeOffset? end)
    {
        var machines = settings.Machines.Count <= 6 ? string.Join(",", settings.Machines) : $"{settings.Machines[0]}..{settings.Machines[^1]}";
        var rate = settings.Rate is { } r ? $"{r.ToString(CultureInfo.InvariantCulture)}x" : "max";
        var target = settings.DryRun
            ? "dry run (stdout)"
            : $"{settings.Broker.Host}:{settings.Broker.Port}{(settings.Broker.UseTls ? " (TLS)" : "")} as {settings.Broker.ClientId}, QoS {(int)settings.Broker.QualityOfService}";
        var offset = simulation.Options.UtcOffset;
        return $"fc-simulator: {settings.Machines.Count} machine(s) {machines} under {settings.TopicPrefix}, seed {settings.Seed}, "
            + $"from {Ts(simulation.Start, offset)}{(end is { } e ? $" to {Ts(e, offset)}" : " until stopped")}, rate {rate}, "
            + $"first seq {simulation.NextSequence}; {target}";
    }

    private static string Ts(DateTimeOffset instant, TimeSpan offset) => TelemetryPayloadWriter.FormatTimestamp(instant, offset);

    private static async IAsyncEnumerable<SimulatedMessage> WithProgress(
        IAsyncEnumerable<SimulatedMessage> messages,
        PlantSimulation simulation,
        TextWriter log,
        TimeProvider time,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var last = time.GetTimestamp();
        long count = 0;
        await foreach (var message in messages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return message;
            count++;
            if (time.GetElapsedTime(last) >= ProgressEvery)
            {
                last = time.GetTimestamp();
                var states = string.Join(" ", simulation.Machines.Select(m => $"{m.Path.Machine}={m.State.ToString().ToLowerInvariant()}"));
                await log.WriteLineAsync($"fc-simulator: {count} messages, simulated {Ts(message.Timestamp, simulation.Options.UtcOffset)}; {states}").ConfigureAwait(false);
            }
        }
    }
}
