namespace FactoryCloud.Domain.MachineHistory;

/// <summary>What every per-machine time bucket has: which machine, which size, which start.</summary>
public interface IMachineBucket
{
    Guid MachineId { get; }
    BucketSize Size { get; }
    DateTimeOffset Start { get; }
}
