using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;

namespace FactoryCloud.Testing.Otlp;

/// <summary>A span an app exported: its service (resource <c>service.name</c>), instrumentation scope, name and string attributes.</summary>
public sealed record OtlpSpan(string Service, string Scope, string Name, IReadOnlyDictionary<string, string> Attributes);

/// <summary>A metric data point an app exported: a sum's or gauge's value, or a histogram's count.</summary>
public sealed record OtlpMetricPoint(string Service, string Scope, string Name, double Value, IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// An OTLP/HTTP receiver on a free loopback port (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, protocol <c>http/protobuf</c>):
/// it answers <c>POST /v1/traces</c> and <c>/v1/metrics</c> as a collector does and keeps what they carried. Any other
/// request (Azure Monitor's <c>/v2.1/track</c>, when a connection string names this as its ingestion endpoint) is
/// kept as text in <see cref="OtherRequests"/> and answered as Application Insights does.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<OtlpSpan> _spans = new();
    private readonly ConcurrentQueue<OtlpMetricPoint> _metrics = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<(string Path, string Body)> _other = new();
    private readonly Task _loop;

    public OtlpCollector()
    {
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>The value for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>; the exporter appends <c>/v1/traces</c> and <c>/v1/metrics</c>.</summary>
    public string Endpoint => $"http://127.0.0.1:{Port}";

    public IReadOnlyCollection<OtlpSpan> Spans => _spans;

    public IReadOnlyCollection<OtlpMetricPoint> Metrics => _metrics;

    /// <summary>Requests to any other path, with their (decompressed) bodies as text.</summary>
    public IReadOnlyCollection<(string Path, string Body)> OtherRequests => _other;

    /// <summary>Requests that could not be read (a failed assertion should show them).</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    /// <summary>Waits until <paramref name="condition"/> holds on what arrived; false on timeout.</summary>
    public async Task<bool> WaitUntilAsync(Func<OtlpCollector, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(100).ConfigureAwait(false);
        }
        return true;
    }

    public string Describe() =>
        $"spans: {string.Join(", ", _spans.Select(s => $"{s.Service}/{s.Scope}/{s.Name}").Distinct().Take(60))}\n" +
        $"metrics: {string.Join(", ", _metrics.Select(m => $"{m.Service}/{m.Name}").Distinct().Take(80))}\n" +
        $"other requests: {string.Join(", ", _other.Select(o => o.Path).Distinct())}\n" +
        $"their bodies begin: {string.Join(" | ", _other.Select(o => o.Body.Length > 300 ? o.Body[..300] : o.Body))}\n" +
        $"errors: {string.Join("; ", _errors)}";

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            try
            {
                var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
                switch (context.Request.Url?.AbsolutePath)
                {
                    case "/v1/traces": ReadTraces(body); break;
                    case "/v1/metrics": ReadMetrics(body); break;
                    default:
                        _other.Enqueue((context.Request.Url?.AbsolutePath ?? "", System.Text.Encoding.UTF8.GetString(body)));
                        // Application Insights' answer: everything accepted (one JSON line per item was sent).
                        var items = System.Text.Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
                        await WriteAsync(context.Response, $$"""{"itemsReceived":{{items}},"itemsAccepted":{{items}},"errors":[]}""", "application/json").ConfigureAwait(false);
                        break;
                }
                if (context.Response.ContentType is null) context.Response.ContentType = "application/x-protobuf";
            }
            catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException or InvalidDataException)
            {
                _errors.Enqueue($"{context.Request.Url?.AbsolutePath}: {e.Message}");
                context.Response.StatusCode = 400;
            }
            context.Response.Close();
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, string text, string contentType)
    {
        response.ContentType = contentType;
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpListenerRequest request)
    {
        using var buffer = new MemoryStream();
        Stream body = request.InputStream;
        if (string.Equals(request.Headers["Content-Encoding"], "gzip", StringComparison.OrdinalIgnoreCase))
            body = new GZipStream(body, CompressionMode.Decompress);
        await using (body.ConfigureAwait(false))
            await body.CopyToAsync(buffer).ConfigureAwait(false);
        return buffer.ToArray();
    }

    // ExportTraceServiceRequest{1: ResourceSpans{1: Resource, 2: ScopeSpans{1: InstrumentationScope{1: name}, 2: Span{5: name, 9: attributes}}}}
    private void ReadTraces(byte[] body)
    {
        foreach (var resourceSpans in ProtoWire.Read(body).All(1).Select(f => f.Message))
        {
            var service = ServiceName(resourceSpans);
            foreach (var scopeSpans in resourceSpans.All(2).Select(f => f.Message))
            {
                var scope = scopeSpans.One(1)?.Message.One(1)?.Text ?? "";
                foreach (var span in scopeSpans.All(2).Select(f => f.Message))
                    _spans.Enqueue(new OtlpSpan(service, scope, span.One(5)?.Text ?? "", Attributes(span, 9)));
            }
        }
    }

    // ExportMetricsServiceRequest{1: ResourceMetrics{1: Resource, 2: ScopeMetrics{1: scope, 2: Metric{1: name, 5: gauge, 7: sum, 9: histogram}}}}
    private void ReadMetrics(byte[] body)
    {
        foreach (var resourceMetrics in ProtoWire.Read(body).All(1).Select(f => f.Message))
        {
            var service = ServiceName(resourceMetrics);
            foreach (var scopeMetrics in resourceMetrics.All(2).Select(f => f.Message))
            {
                var scope = scopeMetrics.One(1)?.Message.One(1)?.Text ?? "";
                foreach (var metric in scopeMetrics.All(2).Select(f => f.Message))
                {
                    var name = metric.One(1)?.Text ?? "";
                    foreach (var data in metric.Where(f => f.Number is 5 or 7 or 9).Select(f => (f.Number, Points: f.Message.All(1).Select(p => p.Message))))
                        foreach (var point in data.Points)
                            _metrics.Enqueue(new OtlpMetricPoint(service, scope, name, PointValue(data.Number, point), Attributes(point, data.Number == 9 ? 9 : 7)));
                }
            }
        }
    }

    /// <summary>NumberDataPoint{4: as_double, 6: as_int}; HistogramDataPoint{4: count}.</summary>
    private static double PointValue(int kind, IReadOnlyList<ProtoField> point)
    {
        if (kind == 9) return point.One(4)?.Fixed64 ?? 0;
        if (point.One(6) is { } asInt) return asInt.Fixed64;
        return point.One(4)?.Double ?? 0;
    }

    private static string ServiceName(IReadOnlyList<ProtoField> resourceScoped) =>
        resourceScoped.One(1) is { } resource && Attributes(resource.Message, 1).TryGetValue("service.name", out var name) ? name : "";

    /// <summary>KeyValue{1: key, 2: AnyValue{1: string_value, 3: int_value}}; other value kinds are left out.</summary>
    private static Dictionary<string, string> Attributes(IReadOnlyList<ProtoField> message, int field)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in message.All(field).Select(f => f.Message))
        {
            var value = pair.One(2)?.Message;
            if (value?.One(1) is { WireType: 2 } text) attributes[pair.One(1)?.Text ?? ""] = text.Text;
            else if (value?.One(3) is { WireType: 0 } integer) attributes[pair.One(1)?.Text ?? ""] = unchecked((long)integer.Scalar).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return attributes;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(false);
    }
}
