using System.Diagnostics;
using System.Runtime.Versioning;
using FactoryCloud.Benchmarks;
using FactoryCloud.Benchmarks.Ingestion;
using FactoryCloud.Testing;

[assembly: SupportedOSPlatform("linux")]

// `dashboards [machines] [days] [circuits]`: issue #4's KPI and dashboard benchmark (see KpiBenchmark).
if (args is ["dashboards", .. var rest])
{
    await KpiBenchmark.RunAsync(rest);
    return;
}

// `inbox`: the embedded default's durable step alone, against SQLite committing one row (see InboxCommitBenchmark).
if (args.FirstOrDefault() == "inbox")
{
    await InboxCommitBenchmark.RunAsync();
    return;
}

// `backlog`: issue #5's backlog query and reorder on 5,000 work items (see BacklogBenchmark).
if (args.FirstOrDefault() == "backlog")
{
    await BacklogBenchmark.RunAsync();
    return;
}

// Ingestion throughput on this machine, all on loopback (issue #12's benchmark): the same outside publishers against
// raw mosquitto, the product as people run it (embedded defaults), and the scaled-out path with PostgreSQL and RabbitMQ.
var messages = args.Length > 0 && int.TryParse(args[0], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 100_000;
// --only=embedded or --only=external measures one shape for quick iterations; the figures need the full run.
var only = args.FirstOrDefault(a => a.StartsWith("--only=", StringComparison.Ordinal))?["--only=".Length..];
Console.WriteLine($"FactoryCloud ingestion benchmark: {messages:N0} messages of ~200 bytes per measure, QoS 1, {Environment.ProcessorCount} cores");

var raw = await OutsidePublishersBenchmark.RawMosquittoAsync(messages);
Console.WriteLine($"raw mosquitto, {OutsidePublishersBenchmark.Publishers} x mosquitto_pub -> 1 subscriber (baseline): {raw,10:N0} msg/s");

if (only is null or "embedded")
{
    var alone = await OutsidePublishersBenchmark.MqttNetAloneAsync(messages);
    Console.WriteLine($"the built-in broker's library alone (MQTTnet acknowledging at once, storing nothing): {alone,10:N0} msg/s ({alone / raw:P0} of raw)");
    Console.WriteLine("embedded default (the web app process: SQLite, built-in broker, inbox), until the KPI API counts every message:");
    // --burst=SECONDS: a 3x burst held that long (the issue asks for 10 minutes: --burst=600); 0 skips it.
    var burst = TimeSpan.FromSeconds(int.Parse(args.FirstOrDefault(a => a.StartsWith("--burst=", StringComparison.Ordinal))?["--burst=".Length..] ?? "0", System.Globalization.CultureInfo.InvariantCulture));
    // --steady=RATE: the burst's steady rate in msg/s (default: a fifth of the 200 connections' end-to-end rate).
    var steady = args.FirstOrDefault(a => a.StartsWith("--steady=", StringComparison.Ordinal)) is { } s ? double.Parse(s["--steady=".Length..], System.Globalization.CultureInfo.InvariantCulture) : (double?)null;
    var embedded = await OutsidePublishersBenchmark.EmbeddedAsync(messages, raw, burst, steady);
    Console.WriteLine($"  peak working set of the app: {embedded.PeakWorkingSetMiB:N0} MiB");
}

if (only is null or "external")
{
    await using var postgres = await PostgresServer.StartAsync();
    DescendantCpu.ExtraRoots.Add(int.Parse(File.ReadLines(Path.Combine(postgres.DirectoryPath, "data", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture));
    await using var database = await BenchmarkDatabase.CreateAsync(postgres);
    if (only is null)
    {
        var store = await StoreThroughput.MeasureAsync(database, batchSize: 10_000, batches: 3);
        Console.WriteLine($"processor store step (PostgreSQL, 10,000/batch): {store,10:N0} rows/s");
    }
    var external = await ExternalPipelineThroughput.MeasureAsync(database, messages);
    Console.WriteLine($"scaled out, mosquitto -> worker -> AMQP 1.0 (RabbitMQ) -> processor -> PostgreSQL, until stored:");
    Console.WriteLine($"  {OutsidePublishersBenchmark.Publishers} x mosquitto_pub: {external.OutsidePublishers.Rate,10:N0} msg/s ({external.OutsidePublishers.Rate / raw:P0} of raw)   worker + processor CPU {external.OutsidePublishers.CpuMsPerThousand:N0} ms per 1,000; {external.OutsidePublishers.Services}");
    Console.WriteLine($"  {BenchmarkDatabase.Machines} device connections: {external.Devices.Rate,10:N0} msg/s ({external.Devices.Rate / raw:P0} of raw)   CPU of this process (worker, processor, publishers) {external.Devices.CpuMsPerThousand:N0} ms per 1,000; {external.Devices.Services}");
}
Console.WriteLine($"peak working set of the benchmark process: {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576,10:N0} MiB");
