using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using System.Text;

using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Simulator.Publishing;

using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace FactoryCloud.Simulator.Cli;

/// <summary>The outcome of <see cref="SimulatorCommandLine.Parse"/>: settings, a request for help, or an error.</summary>
public sealed record CommandLineResult(SimulatorSettings? Settings, bool ShowHelp, string? Error);

/// <summary>
/// The simulator's options, parsed by System.CommandLine (<c>--name value</c>, <c>--name=value</c>, flags, <c>--help</c>).
/// Every option can also come from an environment variable <c>FC_SIM_NAME</c> (upper case, <c>-</c> as <c>_</c>, e.g.
/// <c>FC_SIM_PASSWORD</c>); the command line wins. The rules between options (a valid topic prefix, either machines or a
/// count, ...) are checked after parsing, on the merged values.
/// </summary>
public static class SimulatorCommandLine
{
    public const string EnvironmentPrefix = "FC_SIM_";

    private static readonly (string Name, string? Value, string Help)[] Specs =
    [
        ("host", "HOST", "Broker host name or address. Default 127.0.0.1."),
        ("port", "PORT", "Broker port. Default 1883 (8883 with --tls)."),
        ("tls", null, "Connect with TLS, trusting the system's root certificates."),
        ("client-id", "ID", "MQTT client id of the device. Default fc-sim-<process id>."),
        ("username", "USER", "Device user name."),
        ("password", "SECRET", "Device password (prefer FC_SIM_PASSWORD to keep it out of the process list)."),
        ("topic-prefix", "PREFIX", "Required. The line the machines belong to: fc/v1/{tenant}/{site}/{area}/{line}."),
        ("machines", "KEYS", "Comma-separated machine keys, e.g. m-01,m-02."),
        ("machine-count", "N", "Or: N machines named m-01, m-02, ... Default 3."),
        ("rate", "FACTOR", "Speed-up factor of simulated time (1 = real time, 60 = an hour per minute), or 'max' (as fast as possible, needs --duration). Default 1."),
        ("duration", "TIME", "Simulated time to run, e.g. 90s, 15m, 8h, 1d. Default: until Ctrl+C."),
        ("seed", "N", "Seed of the simulation: the same seed gives the same telemetry. Default: random, printed at start."),
        ("qos", "0|1|2", "MQTT QoS. Default 1 (each publish awaits the broker's acknowledgement)."),
        ("mqtt-version", "3.1.1|5", "MQTT protocol version. Default 3.1.1."),
        ("start", "TS", "First simulated instant, RFC 3339 (e.g. 2025-03-03T06:00:00+01:00). Default: now, or so that a sped-up run ends now."),
        ("utc-offset", "+HH:MM", "Offset written in every ts and used for the break times. Default: the local offset (or that of --start)."),
        ("count-interval", "TIME", "How often a running machine reports its parts. Default 10s."),
        ("measure-interval", "TIME", "How often each machine reports temperature_c, power_kw, energy_kwh. Default 30s."),
        ("seq-start", "N", "First seq. Default: the Unix time in microseconds, so a restarted device never reuses a seq."),
        ("dry-run", null, "Print 'topic payload' lines to stdout instead of publishing."),
    ];

    private static readonly Dictionary<string, Option> s_options = Specs.ToDictionary(
        spec => spec.Name,
        spec => spec.Value is null
            ? (Option)new Option<bool>("--" + spec.Name) { Description = Describe(spec.Name, spec.Help), Arity = ArgumentArity.ZeroOrOne }
            : new Option<string>("--" + spec.Name) { Description = Describe(spec.Name, spec.Help), HelpName = spec.Value },
        StringComparer.Ordinal);

    private static readonly RootCommand s_root = CreateRoot();

    /// <param name="environment">Looks up an environment variable (usually <see cref="Environment.GetEnvironmentVariable(string)"/>).</param>
    public static CommandLineResult Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var parsed = s_root.Parse(args);
        if (parsed.Action is HelpAction) return new(null, true, null);
        if (parsed.Errors.Count > 0) return Fail(parsed.Errors[0].Message.TrimEnd('.'));

        string? Get(string name)
        {
            var option = s_options[name];
            if (parsed.GetResult(option) is not { Implicit: false }) return environment(EnvironmentName(name));
            return option is Option<bool> flag
                ? (parsed.GetValue(flag) ? "true" : "false")
                : parsed.GetValue((Option<string>)option);
        }

        try
        {
            return new(Build(Get), false, null);
        }
        catch (FormatException ex)
        {
            return Fail(ex.Message);
        }
    }

    /// <summary><c>--client-id</c> → <c>FC_SIM_CLIENT_ID</c>.</summary>
    public static string EnvironmentName(string option) =>
        EnvironmentPrefix + option.ToUpperInvariant().Replace('-', '_');

    /// <summary>System.CommandLine's help (every option with its environment variable), then examples.</summary>
    public static string Usage()
    {
        using var help = new StringWriter(CultureInfo.InvariantCulture);
        s_root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = help });
        return new StringBuilder(help.ToString())
            .AppendLine("Run it with: dotnet run --project src/FactoryCloud.Simulator -- --topic-prefix fc/v1/acme/plant-1/assembly/line-1 [options]")
            .AppendLine()
            .AppendLine("Examples:")
            .AppendLine("  # 5 machines in real time for an hour, device dev-1 on a local broker")
            .AppendLine("  FC_SIM_PASSWORD=secret dotnet run --project src/FactoryCloud.Simulator -- --host 127.0.0.1 --client-id dev-1 \\")
            .AppendLine("      --username dev-1 --topic-prefix fc/v1/acme/plant-1/assembly/line-1 --machine-count 5 --duration 1h --seed 42")
            .AppendLine("  # an 8-hour shift back-filled as fast as possible, printed instead of published")
            .AppendLine("  dotnet run --project src/FactoryCloud.Simulator -- --topic-prefix fc/v1/acme/plant-1/assembly/line-1 --rate max --duration 8h --dry-run")
            .AppendLine()
            .AppendLine("Ctrl+C (or SIGTERM) stops gracefully: the message in flight is finished, then the client disconnects.")
            .ToString();
    }

    private static RootCommand CreateRoot()
    {
        var root = new RootCommand(
            "FactoryCloud device simulator: publishes realistic telemetry (state, count, measure) for machines of one line " +
            "through an MQTT broker, with a device's credentials, following docs/telemetry-contract.md. " +
            "Each option can also be set by the environment variable in brackets; the command line wins.");
        foreach (var option in s_options.Values) root.Options.Add(option);
        return root;
    }

    private static string Describe(string name, string help) => $"{help} [{EnvironmentName(name)}]";

    private static SimulatorSettings Build(Func<string, string?> get)
    {
        var prefix = get("topic-prefix") ?? throw new FormatException("--topic-prefix is required (fc/v1/{tenant}/{site}/{area}/{line})");
        var segments = prefix.Trim().TrimEnd('/').Split('/');
        if (segments.Length is not (6 or 7) || segments[0] != TelemetryContract.TopicPrefix || segments[1] != TelemetryContract.Version)
            throw new FormatException($"--topic-prefix '{prefix}' must be fc/v1/{{tenant}}/{{site}}/{{area}}/{{line}} (or .../{{machine}} for one machine)");
        foreach (var key in segments.Skip(2))
        {
            if (!TopicKey.IsValid(key)) throw new FormatException($"--topic-prefix: '{key}' is not a valid key ([a-z0-9-]{{1,64}})");
        }

        var machines = Machines(get("machines"), get("machine-count"), segments.Length == 7 ? segments[6] : null);
        var useTls = ParseFlag(get("tls"), "tls");
        var rateText = get("rate");
        double? rate = rateText is null ? 1.0 : rateText.Equals("max", StringComparison.OrdinalIgnoreCase) ? null : ParseDouble(rateText, "rate");
        if (rate is <= 0 or > 1_000_000) throw new FormatException("--rate must be a factor above 0 (and at most 1000000) or 'max'");
        var duration = get("duration") is { } d ? ParseDuration(d, "duration") : (TimeSpan?)null;
        if (duration <= TimeSpan.Zero) throw new FormatException("--duration must be positive");
        if (rate is null && duration is null) throw new FormatException("--rate max needs a --duration");

        var qos = ParseInt(get("qos") ?? "1", "qos", 0, 2);
        var version = (get("mqtt-version") ?? "3.1.1") switch
        {
            "3.1.1" or "311" or "4" => MqttProtocolVersion.V311,
            "5" or "5.0" => MqttProtocolVersion.V500,
            var other => throw new FormatException($"--mqtt-version must be 3.1.1 or 5, not '{other}'"),
        };
        var start = get("start") is { } s ? ParseTimestamp(s) : (DateTimeOffset?)null;
        var offset = get("utc-offset") is { } o ? ParseOffset(o) : start?.Offset;

        return new SimulatorSettings
        {
            Broker = new MqttPublisherOptions
            {
                Host = get("host") is { Length: > 0 } host ? host : "127.0.0.1",
                Port = get("port") is { } port ? ParseInt(port, "port", 1, 65535) : useTls ? 8883 : 1883,
                UseTls = useTls,
                ClientId = get("client-id") is { Length: > 0 } id ? id : $"fc-sim-{Environment.ProcessId}",
                Username = NullIfEmpty(get("username")),
                Password = NullIfEmpty(get("password")),
                QualityOfService = (MqttQualityOfServiceLevel)qos,
                ProtocolVersion = version,
            },
            Tenant = segments[2],
            Site = segments[3],
            Area = segments[4],
            Line = segments[5],
            Machines = machines,
            Rate = rate,
            Duration = duration,
            Seed = get("seed") is { } seed ? ParseInt(seed, "seed", int.MinValue, int.MaxValue) : Random.Shared.Next(),
            Start = start,
            UtcOffset = offset,
            CountInterval = get("count-interval") is { } ci ? ParseInterval(ci, "count-interval") : TimeSpan.FromSeconds(10),
            MeasureInterval = get("measure-interval") is { } mi ? ParseInterval(mi, "measure-interval") : TimeSpan.FromSeconds(30),
            FirstSequence = get("seq-start") is { } seq
                ? ulong.TryParse(seq, NumberStyles.None, CultureInfo.InvariantCulture, out var first) ? first : throw new FormatException($"--seq-start '{seq}' is not an unsigned integer")
                : null,
            DryRun = ParseFlag(get("dry-run"), "dry-run"),
        };
    }

    private static List<string> Machines(string? list, string? countText, string? fromPrefix)
    {
        if (list is not null && countText is not null) throw new FormatException("give either --machines or --machine-count, not both");
        List<string> machines;
        if (list is not null)
        {
            machines = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
            if (machines.Count == 0) throw new FormatException("--machines is empty");
        }
        else if (fromPrefix is not null)
        {
            if (countText is not null && countText.Trim() != "1") throw new FormatException("a machine-level --topic-prefix names exactly one machine");
            machines = [fromPrefix];
        }
        else
        {
            var count = countText is null ? 3 : ParseInt(countText, "machine-count", 1, 1000);
            machines = Simulation.PlantSimulationOptions.NumberedMachineKeys(count).ToList();
        }
        if (fromPrefix is not null && (machines.Count != 1 || machines[0] != fromPrefix))
            throw new FormatException("a machine-level --topic-prefix names exactly one machine");
        foreach (var machine in machines)
        {
            if (!TopicKey.IsValid(machine)) throw new FormatException($"machine key '{machine}' is not valid ([a-z0-9-]{{1,64}})");
        }
        if (machines.Distinct(StringComparer.Ordinal).Count() != machines.Count) throw new FormatException("machine keys must be unique");
        return machines;
    }

    /// <summary><c>1500ms</c>, <c>90s</c>, <c>15m</c>, <c>8h</c>, <c>1d</c>, a plain number of seconds, or <c>hh:mm:ss</c>.</summary>
    public static TimeSpan ParseDuration(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        (string Suffix, double Seconds)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)];
        foreach (var (suffix, seconds) in units)
        {
            if (value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(value[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && double.IsFinite(number))
            {
                return TimeSpan.FromSeconds(number * seconds);
            }
        }
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) && double.IsFinite(plain)) return TimeSpan.FromSeconds(plain);
        if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span)) return span;
        throw new FormatException($"--{option} '{text}' is not a duration (e.g. 90s, 15m, 8h, 1d, 01:30:00)");
    }

    private static TimeSpan ParseInterval(string text, string option)
    {
        var interval = ParseDuration(text, option);
        if (interval < TimeSpan.FromSeconds(1)) throw new FormatException($"--{option} must be at least 1s");
        return TimeSpan.FromMilliseconds(Math.Round(interval.TotalMilliseconds));
    }

    private static DateTimeOffset ParseTimestamp(string text)
    {
        if (!Rfc3339Timestamp.TryParse(Encoding.UTF8.GetBytes(text.Trim()), out var utc))
            throw new FormatException($"--start '{text}' is not an RFC 3339 date-time with an offset (e.g. 2025-03-03T06:00:00+01:00)");
        // Keep the offset the user wrote: it becomes the default offset of the ts values.
        return DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) && withOffset == utc
            ? withOffset
            : utc;
    }

    private static TimeSpan ParseOffset(string text)
    {
        var value = text.Trim();
        if (value is "Z" or "z") return TimeSpan.Zero;
        if (value.Length == 6 && value[0] is '+' or '-'
            && TimeSpan.TryParseExact(value[1..], @"hh\:mm", CultureInfo.InvariantCulture, out var span)
            && span <= TimeSpan.FromHours(14))
        {
            return value[0] == '-' ? -span : span;
        }
        throw new FormatException($"--utc-offset '{text}' must be Z or ±HH:MM (at most 14 hours)");
    }

    private static bool ParseFlag(string? text, string option) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "0" or "false" or "no" => false,
        "1" or "true" or "yes" => true,
        _ => throw new FormatException($"--{option} is a flag: true or false, not '{text}'"),
    };

    private static int ParseInt(string text, string option, int min, int max) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"--{option} '{text}' must be an integer from {min} to {max}");

    private static double ParseDouble(string text, string option) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new FormatException($"--{option} '{text}' is not a number");

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static CommandLineResult Fail(string error) => new(null, false, error);
}
