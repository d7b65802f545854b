namespace FactoryCloud.Infrastructure.Pipeline.Inbox;

/// <summary>The <c>Inbox</c> configuration section: the durable queue of the embedded default.</summary>
public sealed class InboxOptions
{
    public const string Section = "Inbox";

    /// <summary>
    /// The inbox's SQLite file. Unset: beside the SQLite database (<c>factorycloud.inbox.db</c> next to
    /// <c>factorycloud.db</c>), or <c>App_Data/inbox.db</c> under the content root on PostgreSQL. One process per file.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>
    /// <see cref="InboxDurability.Process"/> (default): a commit survives the process being killed (WAL, no fsync per
    /// commit). <see cref="InboxDurability.Power"/>: it also survives power loss (fsync per group commit).
    /// </summary>
    public InboxDurability Durability { get; set; } = InboxDurability.Process;

    /// <summary>
    /// Messages accepted but not yet processed before the broker holds devices' acknowledgements. A soft bound: writers
    /// that pass the check together are all taken, so it can be exceeded by about the number of connections.
    /// </summary>
    public int MaxBacklog { get; set; } = 2_000_000;

    /// <summary>Accepted messages also kept in memory for the processor (so it need not read them back), at most.</summary>
    public int MaxInMemory { get; set; } = 50_000;

    /// <summary>Messages the processor stores in one transaction, at most.</summary>
    public int ProcessBatch { get; set; } = 5_000;

    /// <summary>
    /// How long the processor lets a batch fill when fewer than <see cref="ProcessBatch"/> messages wait: a store
    /// transaction costs about the same for 5 messages as for 500, so a trickle is stored a few times a second,
    /// not once per message.
    /// </summary>
    public TimeSpan BatchWait { get; set; } = TimeSpan.FromMilliseconds(100);

    public void Validate()
    {
        if (MaxBacklog < 1) throw new Configuration.InvalidSettingException("Inbox:MaxBacklog must be at least 1.");
        if (MaxInMemory < 0) throw new Configuration.InvalidSettingException("Inbox:MaxInMemory must not be negative.");
        if (ProcessBatch < 1) throw new Configuration.InvalidSettingException("Inbox:ProcessBatch must be at least 1.");
        if (BatchWait < TimeSpan.Zero || BatchWait > TimeSpan.FromSeconds(10))
            throw new Configuration.InvalidSettingException("Inbox:BatchWait must be between 00:00:00 and 00:00:10.");
    }
}

public enum InboxDurability
{
    /// <summary>Survives a crash or kill of the process (SQLite WAL with synchronous=NORMAL).</summary>
    Process,

    /// <summary>Also survives power loss or an OS crash (synchronous=FULL: an fsync per group commit).</summary>
    Power,
}
