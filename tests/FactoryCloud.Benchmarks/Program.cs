using System.Diagnostics;
using System.Runtime.Versioning;
using FactoryCloud.Benchmarks;
using FactoryCloud.Testing;

[assembly: SupportedOSPlatform("linux")]

// `dashboards [machines] [days] [circuits]`: issue #4's KPI and dashboard benchmark (see KpiBenchmark).
if (args is ["dashboards", .. var rest])
{
    await KpiBenchmark.RunAsync(rest);
    return;
}

// `backlog`: issue #5's backlog query and reorder on 5,000 work items (see BacklogBenchmark).
if (args.FirstOrDefault() == "backlog")
{
    await BacklogBenchmark.RunAsync();
    return;
}

// Ingestion throughput on this machine, all on loopback, with real mosquitto and PostgreSQL (issue #3's benchmark).
var messages = args.Length > 0 && int.TryParse(args[0], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 50_000;
// --only=builtin or --only=external measures one pipeline shape (quick iterations); the figures need the full run.
var only = args.FirstOrDefault(a => a.StartsWith("--only=", StringComparison.Ordinal))?["--only=".Length..];
Console.WriteLine($"FactoryCloud ingestion benchmark: {messages:N0} messages of ~200 bytes, QoS 1, {Environment.ProcessorCount} cores");

await using var postgres = await PostgresServer.StartAsync();
await using var database = await BenchmarkDatabase.CreateAsync(postgres);

var mosquitto = only is null ? await MosquittoThroughput.MeasureAsync(messages) : double.NaN;
Console.WriteLine($"mosquitto QoS 1 publisher -> subscriber:       {mosquitto,10:N0} msg/s");

if (only is null)
{
    var store = await StoreThroughput.MeasureAsync(database, batchSize: 10_000, batches: 3);
    Console.WriteLine($"processor store (PostgreSQL, 10,000/batch):    {store,10:N0} rows/s");
}

var memoryBefore = Process.GetCurrentProcess().WorkingSet64;
if (only is null or "builtin")
{
    var pipeline = await PipelineThroughput.MeasureAsync(database, messages);
    Console.WriteLine($"end to end MQTT -> PostgreSQL (built-in):      {pipeline.Steady.MessagesPerSecond,10:N0} msg/s ({pipeline.Steady.Memory})");
    Console.WriteLine($"ratio built-in end to end / raw mosquitto:     {pipeline.Steady.MessagesPerSecond / mosquitto,10:P0}");
    Console.WriteLine($"3x burst ({pipeline.Burst.Messages:N0} messages) through the built-in broker: {pipeline.Burst.MessagesPerSecond,10:N0} msg/s ({pipeline.Burst.Memory})");
    Console.WriteLine($"stored: {pipeline.Stored:N0} of {pipeline.Published:N0}; {pipeline.Commits}");
}

if (only is null or "external")
{
    var external = await ExternalPipelineThroughput.MeasureAsync(database, messages);
    Console.WriteLine($"end to end mosquitto -> worker -> AMQP -> PostgreSQL: {external,10:N0} msg/s");
    Console.WriteLine($"ratio scaled-out end to end / raw mosquitto:   {external / mosquitto,10:P0}");
}
Console.WriteLine($"peak working set during the run:               {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576,10:N0} MiB (at start {memoryBefore / 1_048_576:N0} MiB)");
