namespace FactoryCloud.Domain.Telemetry;

/// <summary>
/// The part of a tenant's plant a device may publish for: a whole site, an area, a line or one machine.
/// A topic outside it is refused with <see cref="RefusalReason.OutOfScope"/>.
/// </summary>
public sealed record DeviceScope
{
    private DeviceScope(string tenant, string site, string? area, string? line, string? machine)
    {
        Tenant = TopicKey.Require(tenant, nameof(tenant));
        Site = TopicKey.Require(site, nameof(site));
        Area = area is null ? null : TopicKey.Require(area, nameof(area));
        Line = line is null ? null : TopicKey.Require(line, nameof(line));
        Machine = machine is null ? null : TopicKey.Require(machine, nameof(machine));
    }

    /// <summary>The organisation's slug.</summary>
    public string Tenant { get; }
    public string Site { get; }

    /// <summary>Null when the device may publish for every area of the site.</summary>
    public string? Area { get; }

    /// <summary>Null when the device may publish for every line of the area (or site).</summary>
    public string? Line { get; }

    /// <summary>Null when the device may publish for every machine of the line (or area, or site).</summary>
    public string? Machine { get; }

    /// <exception cref="ArgumentException">A key is not a valid <see cref="TopicKey"/>.</exception>
    public static DeviceScope ForSite(string tenant, string site) => new(tenant, site, null, null, null);

    /// <inheritdoc cref="ForSite"/>
    public static DeviceScope ForArea(string tenant, string site, string area) =>
        new(tenant, site, area ?? throw new ArgumentNullException(nameof(area)), null, null);

    /// <inheritdoc cref="ForSite"/>
    public static DeviceScope ForLine(string tenant, string site, string area, string line) =>
        new(tenant, site,
            area ?? throw new ArgumentNullException(nameof(area)),
            line ?? throw new ArgumentNullException(nameof(line)),
            null);

    /// <inheritdoc cref="ForSite"/>
    public static DeviceScope ForMachine(string tenant, MachinePath machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        return new(tenant, machine.Site, machine.Area, machine.Line, machine.Machine);
    }

    /// <summary>True when the topic's tenant and machine lie inside this scope (keys compared exactly). Any channel is allowed.</summary>
    public bool Allows(TelemetryTopic topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return string.Equals(Tenant, topic.Tenant, StringComparison.Ordinal)
            && string.Equals(Site, topic.Site, StringComparison.Ordinal)
            && (Area is null || string.Equals(Area, topic.Area, StringComparison.Ordinal))
            && (Line is null || string.Equals(Line, topic.Line, StringComparison.Ordinal))
            && (Machine is null || string.Equals(Machine, topic.Machine, StringComparison.Ordinal));
    }

    /// <summary><see cref="RefusalReason.None"/> when <see cref="Allows"/>, else <see cref="RefusalReason.OutOfScope"/>.</summary>
    public RefusalReason Check(TelemetryTopic topic) => Allows(topic) ? RefusalReason.None : RefusalReason.OutOfScope;

    /// <summary>The MQTT subscription filter covering exactly this scope, e.g. for a broker ACL: <c>fc/v1/acme/plant-1/#</c>.</summary>
    public string ToTopicFilter()
    {
        var prefix = $"{TelemetryContract.TopicPrefix}/{TelemetryContract.Version}/{Tenant}/{Site}";
        if (Area is null) return prefix + "/#";
        if (Line is null) return $"{prefix}/{Area}/#";
        if (Machine is null) return $"{prefix}/{Area}/{Line}/#";
        return $"{prefix}/{Area}/{Line}/{Machine}/+";
    }

    public override string ToString() => ToTopicFilter();
}
