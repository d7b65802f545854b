using System.Runtime.InteropServices;

using FactoryCloud.Simulator.Cli;

// Ctrl+C or SIGTERM: stop gracefully (finish the message in flight, then DISCONNECT). A second Ctrl+C kills.
using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (stopping.IsCancellationRequested) return;
    e.Cancel = true;
    Console.Error.WriteLine("fc-simulator: stopping (Ctrl+C again to kill)");
    stopping.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stopping.Cancel();
});

return await SimulatorApp.RunAsync(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error, stopping.Token);
