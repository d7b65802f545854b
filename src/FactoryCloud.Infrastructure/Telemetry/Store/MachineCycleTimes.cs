namespace FactoryCloud.Infrastructure.Telemetry.Store;

/// <summary>A machine's ideal cycle time, per product where one is set, for the ideal seconds of its counts.</summary>
internal sealed record MachineCycleTimes(double MachineDefault, Dictionary<string, double> PerProduct)
{
    public double For(string? product) =>
        product is not null && PerProduct.TryGetValue(product, out var seconds) ? seconds : MachineDefault;
}
