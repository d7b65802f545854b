namespace FactoryCloud.Domain.Telemetry;

/// <summary>The keys that locate a machine inside a tenant: site, area, line, machine. Each is a valid <see cref="TopicKey"/>.</summary>
public sealed record MachinePath
{
    /// <exception cref="ArgumentException">A key is not a valid <see cref="TopicKey"/>.</exception>
    public MachinePath(string site, string area, string line, string machine)
    {
        Site = TopicKey.Require(site, nameof(site));
        Area = TopicKey.Require(area, nameof(area));
        Line = TopicKey.Require(line, nameof(line));
        Machine = TopicKey.Require(machine, nameof(machine));
    }

    public string Site { get; }
    public string Area { get; }
    public string Line { get; }
    public string Machine { get; }

    /// <summary><c>site/area/line/machine</c>.</summary>
    public override string ToString() => $"{Site}/{Area}/{Line}/{Machine}";
}
