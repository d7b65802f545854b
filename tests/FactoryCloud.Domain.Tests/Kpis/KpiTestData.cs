using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Domain.Tests.Kpis;

/// <summary>Builders that express test cases in minutes from a fixed shift start.</summary>
internal static class KpiTestData
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 3, 6, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset Min(double minutes) => T0.AddMinutes(minutes);

    public static TimeWindow Window(double fromMinute, double toMinute) => new(Min(fromMinute), Min(toMinute));

    public static StateChange State(double minute, MachineState state, string? reason = null) =>
        new(Min(minute), state, reason);

    public static ProductionCount Count(double minute, long good, long scrap = 0, string? product = null) =>
        new(Min(minute), good, scrap, product);

    public static ShiftCalendar Calendar(params (double From, double To)[] windows) =>
        new(windows.Select(w => Window(w.From, w.To)));

    public static MachineKpiInputs Machine(
        IReadOnlyList<StateChange> states,
        IReadOnlyList<ProductionCount>? counts = null,
        double idealCycleSeconds = 1,
        ShiftCalendar? calendar = null,
        IReadOnlyList<EnergyIncrement>? energy = null) =>
        new(states, counts ?? [], new IdealCycleTimes(TimeSpan.FromSeconds(idealCycleSeconds)), calendar, energy);

    public static double Percent(double? ratio) =>
        Math.Round((ratio ?? throw new InvalidOperationException("Ratio is not defined.")) * 100, 2);

    /// <summary>The seconds that must add up to planned time.</summary>
    public static double PartitionSum(KpiTotals t) =>
        t.RunSeconds + t.SmallStopSeconds + t.BreakdownSeconds + t.SetupSeconds
        + t.IdleSeconds + t.OfflineSeconds + t.NoDataSeconds;
}
