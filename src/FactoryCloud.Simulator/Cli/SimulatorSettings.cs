using FactoryCloud.Simulator.Publishing;

namespace FactoryCloud.Simulator.Cli;

/// <summary>Everything the command line (or the environment) configured, already validated.</summary>
public sealed record SimulatorSettings
{
    /// <summary>The broker to publish to and the device's credentials (host, port, TLS, client id, QoS, MQTT version).</summary>
    public required MqttPublisherOptions Broker { get; init; }

    public required string Tenant { get; init; }
    public required string Site { get; init; }
    public required string Area { get; init; }
    public required string Line { get; init; }
    public required IReadOnlyList<string> Machines { get; init; }

    /// <summary>Speed-up factor; null means as fast as possible (virtual time, needs a duration).</summary>
    public double? Rate { get; init; } = 1.0;

    /// <summary>Simulated time to run; null runs until stopped.</summary>
    public TimeSpan? Duration { get; init; }

    public required int Seed { get; init; }

    /// <summary>First simulated instant; null picks one (see <see cref="SimulatorApp"/>).</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>Offset of every ts; null uses the local time zone's current offset.</summary>
    public TimeSpan? UtcOffset { get; init; }

    public TimeSpan CountInterval { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan MeasureInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>First seq; null uses the current Unix time in microseconds, above what an earlier run sent.</summary>
    public ulong? FirstSequence { get; init; }

    /// <summary>Print the messages instead of publishing them.</summary>
    public bool DryRun { get; init; }

    public string TopicPrefix => $"fc/v1/{Tenant}/{Site}/{Area}/{Line}";

}
