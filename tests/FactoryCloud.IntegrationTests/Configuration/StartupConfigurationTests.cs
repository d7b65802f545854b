using FactoryCloud.Testing;

namespace FactoryCloud.IntegrationTests.Configuration;

/// <summary>
/// Both apps, started as processes with a missing or contradictory setting, stop at once with exit code 2 and one
/// message naming the setting, never a stack trace.
/// </summary>
public sealed class StartupConfigurationTests
{
    // Keeps the web app away from the network and the bin folder while it starts.
    private static readonly string[] QuietWeb = ["--Mqtt:Mode=None", "--Database:ApplyMigrations=false", "--Urls=http://127.0.0.1:0"];
    private const string ServiceBusConnectionString = "--Queue:ServiceBus:ConnectionString=Endpoint=sb://127.0.0.1:1/;SharedAccessKeyName=send;SharedAccessKey=a2V5;UseDevelopmentEmulator=true";
    private static readonly string[] ValidWorker =
    [
        "--Urls=http://127.0.0.1:0", "--Database:ConnectionString=Host=127.0.0.1;Port=1;Username=fc;Password=fc;Database=fc",
        ServiceBusConnectionString,
    ];

    [Theory]
    [InlineData("Database:ConnectionString", "--Database:Provider=Postgres")]
    [InlineData("Queue:ServiceBus:ConnectionString", "--Queue:Kind=ServiceBus")]
    [InlineData("Queue:Kind", "--Queue:Kind=Kafka")]
    [InlineData("Queue:Amqp:ConnectionString", "--Queue:Kind=Amqp")]
    [InlineData("Authentication:Entra:ClientId", "--Authentication:Entra:ClientId=my-app")]
    [InlineData("Authentication:Entra:RequireHttpsMetadata", "--Authentication:Entra:ClientId=5d1f8f3e-3c4a-4a55-9b53-6f3f8f0f2a11", "--Authentication:Entra:RequireHttpsMetadata=false")]
    [InlineData("Queue:ServiceBus:Auth", "--Queue:Kind=ServiceBus", "--Queue:ServiceBus:Namespace=fc.servicebus.windows.net")]
    [InlineData("RateLimits:SignInPerAddress:PermitLimit", "--RateLimits:SignInPerAddress:PermitLimit=0")]
    [InlineData("App:PublicBaseUrl", "--App:PublicBaseUrl=factory.example.com")]
    [InlineData("Mqtt:Tls:CertificatePath", "--Mqtt:Mode=BuiltIn")] // on 0.0.0.0 without TLS: plain MQTT would be the only way in
    [InlineData("Mqtt:Tls:KeyVaultSecretUri", "--Mqtt:Mode=BuiltIn", "--Mqtt:Tls:CertificatePath=server.pfx", "--Mqtt:Tls:KeyVaultSecretUri=https://fc.vault.azure.net/secrets/mqtt")]
    [InlineData("Mqtt:Tls:CertificatePath", "--Mqtt:Mode=BuiltIn", "--Mqtt:Tls:CertificatePath=/nonexistent/server.pfx")]
    [InlineData("Mqtt:BindAddress", "--Mqtt:Mode=BuiltIn", "--Mqtt:BindAddress=everywhere")]
    [InlineData("Mqtt:Limits:MaxConnectionsPerTenant", "--Mqtt:Mode=BuiltIn", "--Mqtt:BindAddress=127.0.0.1", "--Mqtt:Limits:MaxConnectionsPerTenant=0")]
    [InlineData("ForwardedHeaders:KnownProxies", "--ForwardedHeaders:KnownProxies:0=proxy.internal")]
    [InlineData("ForwardedHeaders:KnownNetworks", "--ForwardedHeaders:KnownNetworks:0=10.0.0.0/99")]
    [InlineData("RollUps:DaysPerBatch", "--RollUps:DaysPerBatch=40")]
    [InlineData("RollUps:Interval", "--RollUps:Interval=00:00:00")]
    public async Task Web_app_refuses_to_start_naming_the_setting(string setting, params string[] arguments)
    {
        var result = await RunAsync(AppAssemblies.Web(), [.. QuietWeb, .. arguments]);
        AssertStoppedNaming(result, setting);
    }

    [Theory]
    [InlineData("Queue:ServiceBus:Namespace", "--Queue:ServiceBus:Namespace=fc.servicebus.windows.net", "--Queue:ServiceBus:Auth=ManagedIdentity")]
    [InlineData("Queue:ServiceBus:ConnectionString", "--Queue:ServiceBus:Auth=ManagedIdentity", "--Queue:ServiceBus:ConnectionString=Endpoint=sb://fc.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=a2V5")]
    [InlineData("Ingestion:RunProcessor", "--Mqtt:Mode=None")]
    [InlineData("Queue:Kind=Amqp", "--Queue:ServiceBus:ConnectionString=amqp://guest:guest@127.0.0.1:1")]
    [InlineData("Queue:Amqp:ConnectionString", "--Queue:Kind=Amqp", "--Queue:Amqp:ConnectionString=Endpoint=sb://fc.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=a2V5")]
    [InlineData("Mqtt:External:Port", "--Mqtt:External:Port=70000")]
    [InlineData("Mqtt:Tls:CertificatePath", "--Mqtt:Mode=BuiltIn")]
    [InlineData("Mqtt:Tls:KeyPath", "--Mqtt:Mode=BuiltIn", "--Mqtt:Tls:KeyPath=server.key")]
    public async Task Ingestion_worker_refuses_to_start_naming_the_setting(string setting, params string[] arguments)
    {
        var result = await RunAsync(await AppAssemblies.IngestionAsync(), [.. ValidWorker, .. arguments]);
        AssertStoppedNaming(result, setting);
    }

    [Fact]
    public async Task Ingestion_worker_without_a_database_connection_names_it()
    {
        var result = await RunAsync(await AppAssemblies.IngestionAsync(), ["--Urls=http://127.0.0.1:0", ServiceBusConnectionString]);
        AssertStoppedNaming(result, "Database:ConnectionString");
    }

    private static void AssertStoppedNaming(ProcessResult result, string setting)
    {
        var output = result.StandardOutput + result.StandardError;
        Assert.True(result.ExitCode == 2, $"exit code {result.ExitCode}:\n{output}");
        Assert.Contains("FactoryCloud cannot start: ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains(setting, result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private static Task<ProcessResult> RunAsync(string assembly, string[] arguments) =>
        ProcessRunner.RunAsync("dotnet", [assembly, .. arguments], new ProcessRunOptions
        {
            Timeout = TimeSpan.FromSeconds(60),
            ThrowOnNonZeroExitCode = false,
            WorkingDirectory = Path.GetDirectoryName(assembly),
            Environment = new Dictionary<string, string?> { ["DOTNET_ENVIRONMENT"] = "Production", ["ASPNETCORE_ENVIRONMENT"] = "Production" },
        }, TestContext.Current.CancellationToken);
}
