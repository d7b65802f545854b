namespace FactoryCloud.Domain.Maturity;

/// <summary>The five maturity stages, with an optional 0 for "not started".</summary>
public enum MaturityStage
{
    NotStarted = 0,
    AdHoc = 1,
    Developing = 2,
    Established = 3,
    Advanced = 4,
    Optimized = 5,
}

public static class MaturityStages
{
    public const int Lowest = (int)MaturityStage.NotStarted;
    public const int Highest = (int)MaturityStage.Optimized;

    /// <summary>The stages a model describes (1..5); stage 0 needs no description.</summary>
    public static readonly IReadOnlyList<MaturityStage> Described =
        [MaturityStage.AdHoc, MaturityStage.Developing, MaturityStage.Established, MaturityStage.Advanced, MaturityStage.Optimized];

    public static string Label(this MaturityStage stage) => stage switch
    {
        MaturityStage.NotStarted => "Not started",
        MaturityStage.AdHoc => "Ad hoc",
        _ => stage.ToString(),
    };

    /// <summary>"3 Established".</summary>
    public static string NumberedLabel(this MaturityStage stage) => $"{(int)stage} {stage.Label()}";

    /// <summary>The stage a weighted score has fully reached: 2.9 is still Developing.</summary>
    public static MaturityStage Reached(double score) =>
        (MaturityStage)Math.Clamp((int)Math.Floor(score + 1e-9), Lowest, Highest);

    public static bool IsValid(int stage) => stage is >= Lowest and <= Highest;
}
