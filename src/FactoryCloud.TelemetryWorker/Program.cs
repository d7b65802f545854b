using FactoryCloud.Infrastructure;
using FactoryCloud.Infrastructure.Alerts;
using FactoryCloud.Infrastructure.Configuration;
using FactoryCloud.Infrastructure.Messaging;
using FactoryCloud.Infrastructure.Observability;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Pipeline;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

// The ingestion worker: with Mqtt:Mode=External it subscribes to the external broker and queues accepted messages;
// with Ingestion:RunProcessor=true it also (or, with Mqtt:Mode=None, only) consumes the queue into the database.
// It does not migrate the database: the web app owns the schema. It answers /health/live and /health/ready over
// HTTP because App Service starts, probes and restarts every app as a web site.
return await StartupGuard.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    var runProcessor = builder.Configuration.GetValue("Ingestion:RunProcessor", false);
    if (builder.Configuration.GetValue("Mqtt:Mode", "External") == "None" && !runProcessor)
        throw new InvalidSettingException("Mqtt:Mode=None and Ingestion:RunProcessor=false leave the ingestion worker nothing to do: set Mqtt:Mode=External or Ingestion:RunProcessor=true.");
    var ingests = builder.Configuration.GetValue("Mqtt:Mode", "External") != "None";
    builder.AddFactoryCloudObservability(ingests ? "factorycloud-ingress" : "factorycloud-processor");
    builder.Services.AddFactoryCloudPersistence(builder.Configuration, builder.Environment.ContentRootPath);
    builder.Services.AddTelemetryIngestion(builder.Configuration, runProcessor);
    builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>(tags: ["ready"]);
    // Alerts are evaluated where telemetry is stored: by the queue's processor, or by the inbox's processor in this process.
    if (runProcessor || !builder.Configuration.GetValue("Queue:Kind", QueueKind.Inbox).IsBroker())
        builder.Services.AddAlertEvaluation();

    await using var app = builder.Build();
    StartupGuard.ValidateSettings(app.Services);
    app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
    app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
    await app.RunAsync();
});
