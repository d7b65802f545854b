namespace FactoryCloud.Web.Features.Maturity;

/// <summary>
/// Runs the latest of a burst of actions once the burst has been quiet for <c>delay</c> (autosave). Disposing runs
/// an action still waiting, so leaving the page right after a change does not lose it.
/// </summary>
public sealed class Debouncer(TimeSpan delay) : IDisposable
{
    private CancellationTokenSource? _wait;
    private Func<Task>? _pending;

    public bool IsPending => _pending is not null;

    public async Task RunAsync(Func<Task> action)
    {
        _wait?.Cancel();
        _wait?.Dispose();
        var wait = _wait = new CancellationTokenSource();
        _pending = action;
        try
        {
            await Task.Delay(delay, wait.Token);
        }
        catch (OperationCanceledException)
        {
            return; // a later call (or Dispose) took over
        }
        _pending = null;
        await action();
    }

    public void Dispose()
    {
        _wait?.Cancel();
        _wait?.Dispose();
        _wait = null;
        if (Interlocked.Exchange(ref _pending, null) is { } pending) _ = pending();
    }
}
