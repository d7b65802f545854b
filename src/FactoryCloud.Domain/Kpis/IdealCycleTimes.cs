namespace FactoryCloud.Domain.Kpis;

/// <summary>
/// The fastest possible time per unit (ISO 22400: planned run time per item), per product,
/// falling back to the machine's default for unknown or unnamed products.
/// </summary>
public sealed class IdealCycleTimes
{
    private readonly Dictionary<string, TimeSpan> _perProduct;

    public IdealCycleTimes(TimeSpan machineDefault, IReadOnlyDictionary<string, TimeSpan>? perProduct = null)
    {
        if (machineDefault < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(machineDefault), "An ideal cycle time cannot be negative.");
        _perProduct = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var (product, cycle) in perProduct ?? new Dictionary<string, TimeSpan>())
        {
            if (cycle < TimeSpan.Zero)
                throw new ArgumentOutOfRangeException(nameof(perProduct), $"Ideal cycle time of '{product}' is negative.");
            _perProduct[product] = cycle;
        }
        MachineDefault = machineDefault;
    }

    public TimeSpan MachineDefault { get; }

    public IReadOnlyDictionary<string, TimeSpan> PerProduct => _perProduct.AsReadOnly();

    public TimeSpan For(string? product) =>
        product is not null && _perProduct.TryGetValue(product, out var cycle) ? cycle : MachineDefault;
}
