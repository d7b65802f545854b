namespace FactoryCloud.Web.Features.Tenancy;

/// <summary>The <c>Authentication:SessionRevalidation</c> section: how often an open Blazor circuit re-checks its user.</summary>
public sealed class SessionRevalidationOptions
{
    public const string Section = "Authentication:SessionRevalidation";

    /// <summary>The longest an open circuit keeps access after a membership ends or a role is lowered.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}
