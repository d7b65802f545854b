using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FactoryCloud.Web.Common;

/// <summary>
/// Development and tests only: <c>Clock:Offset</c> (a time span, e.g. <c>-2.00:00:00</c>) runs the app's clock (the
/// <see cref="TimeProvider"/> every service reads) that far from the machine's. A browser journey uses it to let days
/// pass that a test cannot wait for: what happens "two days ago" in one run of the app is measured by the next run
/// on the same database with the real clock (e2e <c>ProgramValueJourneyTests</c>). Outside the Development
/// environment the setting stops the app at start-up: production time is never shifted.
/// </summary>
public static class DevelopmentClock
{
    public const string Setting = "Clock:Offset";

    public static void Apply(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration[Setting] is not { Length: > 0 } text) return;
        if (!environment.IsDevelopment())
            throw new InvalidOperationException($"{Setting} shifts the app's clock for development and tests only; remove it (environment {environment.EnvironmentName}).");
        if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var offset))
            throw new InvalidOperationException($"{Setting} must be a time span such as -2.00:00:00 (days.hours:minutes:seconds); found '{text}'.");
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(new OffsetTimeProvider(offset));
    }
}

/// <summary>The system clock moved by a fixed offset; timers and the local time zone are the system's.</summary>
public sealed class OffsetTimeProvider(TimeSpan offset) : TimeProvider
{
    public TimeSpan Offset { get; } = offset;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
