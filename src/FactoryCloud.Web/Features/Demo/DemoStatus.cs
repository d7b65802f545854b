namespace FactoryCloud.Web.Features.Demo;

/// <summary>Completes when the demo's content has been seeded (or seeding failed), so a caller can wait for it instead of polling.</summary>
public sealed class DemoStatus
{
    private readonly TaskCompletionSource _seeded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Seeded => _seeded.Task;

    public void MarkSeeded() => _seeded.TrySetResult();

    public void MarkFailed(Exception error) => _seeded.TrySetException(error);
}
