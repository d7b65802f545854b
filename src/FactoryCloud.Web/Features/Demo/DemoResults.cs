namespace FactoryCloud.Web.Features.Demo;

/// <summary>Seeding goes through the features' services: a refusal there is a bug in the demo's data, so it stops the seeding loudly.</summary>
internal static class DemoResults
{
    public static T Require<T>(this OperationResult<T> result, string what) =>
        result.Failure is { } failure ? throw new InvalidOperationException($"The demo could not seed {what}: {failure.Message}") : result.Value!;

    public static void Require(this OperationResult result, string what)
    {
        if (result.Failure is { } failure) throw new InvalidOperationException($"The demo could not {what}: {failure.Message}");
    }
}
