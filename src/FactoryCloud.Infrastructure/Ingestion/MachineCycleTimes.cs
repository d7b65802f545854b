namespace FactoryCloud.Infrastructure.Ingestion;

/// <summary>
/// A machine's ideal cycle time, per product where one is set, for the ideal seconds of its counts; and the key of the
/// loss settings its buckets' loss sums were classified with.
/// </summary>
internal sealed record MachineCycleTimes(double MachineDefault, Dictionary<string, double> PerProduct, string? LossSumsKey = null)
{
    public double For(string? product) =>
        product is not null && PerProduct.TryGetValue(product, out var seconds) ? seconds : MachineDefault;
}
