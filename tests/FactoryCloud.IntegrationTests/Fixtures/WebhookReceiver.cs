using System.Collections.Concurrent;
using System.Net;
using FactoryCloud.Testing;

namespace FactoryCloud.IntegrationTests.Fixtures;

/// <summary>
/// A real HTTP listener on a free loopback port that webhooks are delivered to: it keeps each request's headers and
/// body, and answers with the statuses queued by the test (then 200).
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<int> _statuses = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public sealed record Received(string Path, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At);

    public WebhookReceiver()
    {
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Url(string path = "hook") => $"http://127.0.0.1:{Port}/{path}";

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>The next requests are answered with these statuses, in order.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses) _statuses.Enqueue(status);
    }

    /// <summary>Waits until <paramref name="count"/> requests arrived on <paramref name="path"/>.</summary>
    public async Task<IReadOnlyList<Received>> WaitForAsync(int count, string path = "/hook", TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var matching = Requests.Where(r => r.Path == path).ToList();
            if (matching.Count >= count) return matching;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{matching.Count} of {count} webhook requests arrived on {path}.");
            await Task.Delay(25);
        }
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
            Requests.Enqueue(new Received(context.Request.Url!.AbsolutePath, headers, body, DateTimeOffset.UtcNow));
            context.Response.StatusCode = _statuses.TryDequeue(out var status) ? status : 200;
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); }
        catch (AggregateException) { /* stopped */ }
        _stop.Dispose();
    }
}
