namespace FactoryCloud.Domain.Backlogs;

/// <summary>Whether a measured KPI change delivered the expected one.</summary>
public static class HypothesisOutcome
{
    public sealed record Result(double ActualChange, bool Delivered, double? ShareOfExpected);

    public const int MaxPeriodDays = 365;

    /// <summary>OEE and availability should rise; scrap rate, energy per unit and MTTR should fall.</summary>
    public static bool HigherIsBetter(HypothesisKpi kpi) => kpi is HypothesisKpi.Oee or HypothesisKpi.Availability;

    /// <summary>
    /// Delivered when the KPI moved at least as far as expected in the expected direction. The share is actual over
    /// expected (1.0 = exactly as expected); null when nothing was expected.
    /// </summary>
    public static Result Evaluate(double expectedChange, double baseline, double measured)
    {
        var actual = measured - baseline;
        double? share = expectedChange == 0 ? null : actual / expectedChange;
        var delivered = expectedChange == 0 ? actual == 0 : share >= 1 - 1e-9;
        return new Result(actual, delivered, share);
    }

    /// <summary>An expected change that goes the wrong way for its KPI (an OEE drop, a scrap increase) is a typo.</summary>
    public static string? Problem(HypothesisKpi kpi, double expectedChange, int periodDays)
    {
        if (periodDays is < 1 or > MaxPeriodDays) return $"The period must be 1 to {MaxPeriodDays} days.";
        if (!double.IsFinite(expectedChange) || expectedChange == 0) return "Expect a change other than zero.";
        var improves = HigherIsBetter(kpi) ? expectedChange > 0 : expectedChange < 0;
        return improves ? null : $"An improvement of {kpi} is {(HigherIsBetter(kpi) ? "an increase" : "a decrease")}.";
    }
}
