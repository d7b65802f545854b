using FactoryCloud.Infrastructure.Configuration;

namespace FactoryCloud.Web.Common.RateLimiting;

/// <summary>
/// The <c>RateLimits</c> section: how many requests each partition may make per window (fixed windows, no queue).
/// The defaults suit people at a browser and scripts; tests raise them, never switch them off.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in attempts (API and form) per client address.</summary>
    public RateLimitRule SignInPerAddress { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Sign-ups and password requests per client address.</summary>
    public RateLimitRule SignUpPerAddress { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromHours(1) };

    /// <summary>API requests per signed-in user (per client address when anonymous).</summary>
    public RateLimitRule ApiPerClient { get; set; } = new() { PermitLimit = 600, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Throws <see cref="InvalidSettingException"/> naming the first invalid setting (checked at start).</summary>
    public void Validate()
    {
        SignInPerAddress.Validate(nameof(SignInPerAddress));
        SignUpPerAddress.Validate(nameof(SignUpPerAddress));
        ApiPerClient.Validate(nameof(ApiPerClient));
    }
}

/// <summary><see cref="PermitLimit"/> requests per <see cref="Window"/> (e.g. <c>00:01:00</c>).</summary>
public sealed class RateLimitRule
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }

    internal void Validate(string name)
    {
        if (PermitLimit < 1)
            throw new InvalidSettingException($"{RateLimitOptions.Section}:{name}:PermitLimit must be at least 1.");
        if (Window <= TimeSpan.Zero)
            throw new InvalidSettingException($"{RateLimitOptions.Section}:{name}:Window must be a positive time span such as 00:01:00.");
    }
}
