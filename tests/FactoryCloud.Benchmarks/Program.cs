using System.Diagnostics;
using System.Runtime.Versioning;
using FactoryCloud.Benchmarks;
using FactoryCloud.Testing;

[assembly: SupportedOSPlatform("linux")]

if (args.FirstOrDefault() == "backlog")
{
    await BacklogBenchmark.RunAsync(); // issue #5: backlog query and reorder on 5,000 work items
    return;
}

// Ingestion throughput on this machine, all on loopback, with real mosquitto and PostgreSQL (issue #3's benchmark).
var messages = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 50_000;
Console.WriteLine($"FactoryCloud ingestion benchmark: {messages:N0} messages of ~200 bytes, QoS 1, {Environment.ProcessorCount} cores");

await using var postgres = await PostgresServer.StartAsync();
await using var database = await BenchmarkDatabase.CreateAsync(postgres);

var mosquitto = await MosquittoThroughput.MeasureAsync(messages);
Console.WriteLine($"mosquitto QoS 1 publisher -> subscriber:       {mosquitto,10:N0} msg/s");

var store = await StoreThroughput.MeasureAsync(database, batchSize: 10_000, batches: 3);
Console.WriteLine($"processor store (PostgreSQL, 10,000/batch):    {store,10:N0} rows/s");

var memoryBefore = Process.GetCurrentProcess().WorkingSet64;
var pipeline = await PipelineThroughput.MeasureAsync(database, messages);
Console.WriteLine($"end to end MQTT -> PostgreSQL (built-in):      {pipeline.MessagesPerSecond,10:N0} msg/s (all {pipeline.Stored:N0} stored)");
Console.WriteLine($"ratio built-in end to end / raw mosquitto:     {pipeline.MessagesPerSecond / mosquitto,10:P0}");

var external = await ExternalPipelineThroughput.MeasureAsync(database, messages);
Console.WriteLine($"end to end mosquitto -> worker -> AMQP -> PostgreSQL: {external,10:N0} msg/s");
Console.WriteLine($"ratio scaled-out end to end / raw mosquitto:   {external / mosquitto,10:P0}");
Console.WriteLine($"peak working set during the run:               {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576,10:N0} MiB (at start {memoryBefore / 1_048_576:N0} MiB)");
