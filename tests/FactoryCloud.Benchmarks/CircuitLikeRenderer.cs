// A Renderer is exactly what a circuit keeps; the benchmarks host one per simulated circuit.
#pragma warning disable BL0006
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;

namespace FactoryCloud.Benchmarks;

/// <summary>A renderer like a circuit's, minus sending the batches to a browser.</summary>
internal sealed class CircuitLikeRenderer(IServiceProvider services, ILoggerFactory logs) : Renderer(services, logs)
{
    public long Batches;
    public long Errors;

    public override Dispatcher Dispatcher { get; } = Dispatcher.CreateDefault();

    public Task RenderAsync<T>() where T : IComponent => RenderAsync<T>(ParameterView.Empty);

    /// <summary>Completes when the component and everything under it finished loading (as a circuit's first render).</summary>
    public Task RenderAsync<T>(ParameterView parameters) where T : IComponent => Dispatcher.InvokeAsync(async () =>
    {
        var id = AssignRootComponentId(InstantiateComponent(typeof(T)));
        await RenderRootComponentAsync(id, parameters);
    });

    public Exception? FirstError;

    protected override void HandleException(Exception exception)
    {
        Interlocked.CompareExchange(ref FirstError, exception, null);
        Interlocked.Increment(ref Errors);
    }

    protected override Task UpdateDisplayAsync(in RenderBatch renderBatch)
    {
        Interlocked.Increment(ref Batches);
        return Task.CompletedTask;
    }
}

/// <summary>Stands in for the browser: MudBlazor's JS calls complete at once with default results.</summary>
internal sealed class NoBrowserJsRuntime : IJSRuntime
{
    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => ValueTask.FromResult(default(TValue)!);
}
