namespace FactoryCloud.Infrastructure.Notifications;

/// <summary>Settings under <c>Notifications</c> (alert notices by email and webhook).</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>How often the worker looks again at organisations with work left (due notices, possible escalations and repeats).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the worker looks at every organisation (after a restart, and work another process left).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Outbox entries one pass takes per organisation.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>A claimed entry is another process's again after this long (a crashed worker's entries are retried).</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Rounds of delivery before an entry is given up (Failed); each round retries on its own (<see cref="WebhookOptions"/>).</summary>
    public int MaxRounds { get; set; } = 4;

    /// <summary>The wait after a failed round, doubled each round (1, 2, 4 min).</summary>
    public TimeSpan RoundDelay { get; set; } = TimeSpan.FromMinutes(1);

    public WebhookOptions Webhooks { get; set; } = new();

    /// <summary>How often the digest job looks for members whose daily digest is due.</summary>
    public TimeSpan DigestInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary><c>App:PublicBaseUrl</c>: notices link to the dashboard with it; relative links without it.</summary>
    public string? PublicBaseUrl { get; set; }

    public string Link(string path) => string.IsNullOrWhiteSpace(PublicBaseUrl) ? path : PublicBaseUrl.TrimEnd('/') + path;
}

/// <summary>Settings under <c>Notifications:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    /// <summary>One HTTP attempt's limit.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries within a round after a failed attempt (5xx, 408, 429, no answer), with exponential back-off.</summary>
    public int RetryCount { get; set; } = 3;

    /// <summary>The first retry's wait (then doubled, with jitter).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Whether webhooks may reach loopback, private (RFC 1918, unique local), link-local (cloud metadata) and other
    /// non-public addresses. Off by default: a tenant's webhook must not probe the network FactoryCloud runs in.
    /// Turn on for an on-premises receiver.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }
}
