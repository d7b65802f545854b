namespace FactoryCloud.IntegrationTests.Fixtures;

/// <summary>
/// Hosts built in this process are built one at a time. WebApplicationFactory finds the app's host (top-level
/// statements) through process-wide diagnostic events: a host built at the same moment by another test class, such
/// as the test Entra authority or another app, could be taken for it (seen as 405s and 403s from the wrong app).
/// </summary>
public static class InProcessHosts
{
    public static readonly SemaphoreSlim BuildLock = new(1, 1);
}
