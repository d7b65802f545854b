namespace FactoryCloud.Web.Features.Demo;

/// <summary>The <c>Demo</c> section: a seeded organisation whose simulated plant streams through the built-in broker.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>On in Development (see appsettings.Development.json), off otherwise.</summary>
    public bool Enabled { get; set; }

    public string Email { get; set; } = "demo@factorycloud.local";

    /// <summary>Development only: printed at start so a newcomer can sign in.</summary>
    public string Password { get; set; } = "Demo-Factory-2026";

    public int MachineCount { get; set; } = 6;

    /// <summary>Streams simulated telemetry after seeding (the run command does); tests of the seeded content switch it off.</summary>
    public bool Stream { get; set; } = true;
}
