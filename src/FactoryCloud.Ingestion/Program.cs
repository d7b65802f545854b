using FactoryCloud.Infrastructure;
using FactoryCloud.Infrastructure.Alerts;
using FactoryCloud.Infrastructure.Messaging;
using FactoryCloud.Infrastructure.Pipeline;

// The ingestion worker: with Mqtt:Mode=External it subscribes to the external broker and queues accepted messages;
// with Ingestion:RunProcessor=true it also (or, with Mqtt:Mode=None, only) consumes the queue into the database.
// It does not migrate the database: the web app owns the schema.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddFactoryCloudPersistence(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddTelemetryPipeline(builder.Configuration, runProcessor: builder.Configuration.GetValue("Ingestion:RunProcessor", false));
// Alerts are evaluated where telemetry is stored: by the processor, or by the in-process sink without a queue.
if (builder.Configuration.GetValue("Ingestion:RunProcessor", false) || builder.Configuration.GetValue("Queue:Kind", QueueKind.InProcess) == QueueKind.InProcess)
    builder.Services.AddAlertEvaluation();

using var host = builder.Build();
await host.RunAsync();
