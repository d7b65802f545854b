using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Domain.Kpis;

/// <summary>
/// A tenant's rules for turning states into losses. Rules are overrides on top of the defaults
/// (Down → Breakdown, Changeover → SetupAdjustment, Idle → Idle, Offline → Offline); a (state, reason) rule
/// beats a (state) rule. Running is production and PlannedStop is outside planned time: neither can be mapped.
/// </summary>
public sealed record LossSettings
{
    public static readonly TimeSpan DefaultSmallStopThreshold = TimeSpan.FromMinutes(2);

    private static readonly LossCategory[] MappableCategories =
    [
        LossCategory.Breakdown, LossCategory.SetupAdjustment, LossCategory.SmallStop,
        LossCategory.Idle, LossCategory.Offline, LossCategory.NoData,
    ];

    private readonly TimeSpan _smallStopThreshold = DefaultSmallStopThreshold;
    private readonly TimeSpan _startupPeriod = TimeSpan.Zero;
    private readonly IReadOnlyDictionary<LossRuleKey, LossCategory> _rules = new Dictionary<LossRuleKey, LossCategory>();

    public static LossSettings Default { get; } = new();

    /// <summary>
    /// Breakdown and Idle episodes shorter than this are small stops (a performance loss). Setup, Offline and
    /// NoData are never small stops: a short changeover is still a changeover, a short outage is still unknown.
    /// Zero turns small-stop detection off.
    /// </summary>
    public TimeSpan SmallStopThreshold
    {
        get => _smallStopThreshold;
        init => _smallStopThreshold = value >= TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), "The small-stop threshold cannot be negative.");
    }

    /// <summary>
    /// Scrap counted within this period after a breakdown or setup ends is a start-up reject.
    /// Zero (the default) means every reject is a production reject.
    /// </summary>
    public TimeSpan StartupPeriod
    {
        get => _startupPeriod;
        init => _startupPeriod = value >= TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), "The start-up period cannot be negative.");
    }

    /// <summary>The tenant's overrides of the default mapping.</summary>
    public IReadOnlyDictionary<LossRuleKey, LossCategory> Rules
    {
        get => _rules;
        init
        {
            foreach (var (key, category) in value) Validate(key, category);
            _rules = new Dictionary<LossRuleKey, LossCategory>(value).AsReadOnly();
        }
    }

    public LossSettings WithRule(MachineState state, string? reason, LossCategory category)
    {
        var rules = new Dictionary<LossRuleKey, LossCategory>(_rules) { [new LossRuleKey(state, reason)] = category };
        return this with { Rules = rules };
    }

    /// <summary>The mapped category of a state and reason, ignoring duration; null for Running and PlannedStop.</summary>
    public LossCategory? CategoryFor(MachineState state, string? reason)
    {
        if (state is MachineState.Running or MachineState.PlannedStop) return null;
        if (reason is not null && _rules.TryGetValue(new LossRuleKey(state, reason), out var byReason)) return byReason;
        if (_rules.TryGetValue(new LossRuleKey(state), out var byState)) return byState;
        return DefaultCategory(state);
    }

    /// <summary>The category of a whole episode, turning short breakdowns and idles into small stops.</summary>
    public LossCategory? Classify(MachineState state, string? reason, TimeSpan episodeDuration)
    {
        var category = CategoryFor(state, reason);
        return category is LossCategory.Breakdown or LossCategory.Idle && episodeDuration < SmallStopThreshold
            ? LossCategory.SmallStop
            : category;
    }

    /// <summary>
    /// Identifies what the processor's loss sums depend on (the threshold and the rules, not the start-up period):
    /// bucket loss sums written under another key are stale and are rebuilt (see <c>MachineBucket</c>).
    /// </summary>
    public string LossSumsKey()
    {
        var text = new System.Text.StringBuilder().Append(SmallStopThreshold.Ticks);
        foreach (var (key, category) in _rules.OrderBy(r => r.Key.State).ThenBy(r => r.Key.Reason, StringComparer.Ordinal))
            text.Append('|').Append(key.State).Append('/').Append(key.Reason is null ? "*" : "=" + key.Reason).Append('>').Append(category);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexString(hash, 0, 16);
    }

    private static LossCategory DefaultCategory(MachineState state) => state switch
    {
        MachineState.Down => LossCategory.Breakdown,
        MachineState.Changeover => LossCategory.SetupAdjustment,
        MachineState.Idle => LossCategory.Idle,
        MachineState.Offline => LossCategory.Offline,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "No default loss category."),
    };

    private static void Validate(LossRuleKey key, LossCategory category)
    {
        if (key.State is MachineState.Running or MachineState.PlannedStop || !Enum.IsDefined(key.State))
            throw new ArgumentException($"State {key.State} cannot be mapped to a loss.", nameof(key));
        if (!MappableCategories.Contains(category))
            throw new ArgumentException($"{category} is derived from counts and cannot be mapped from a state.", nameof(category));
    }
}
