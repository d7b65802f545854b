using FactoryCloud.Domain.Kpis;

using Xunit;

using static FactoryCloud.Domain.Tests.Kpis.KpiTestData;

namespace FactoryCloud.Domain.Tests.Kpis;

public class KpiFiguresTests
{
    private static readonly KpiTotals Textbook = new()
    {
        PlannedSeconds = 25_200,
        RunSeconds = 22_380,
        BreakdownSeconds = 2_820,
        GoodCount = 18_848,
        ScrapCount = 423,
        IdealSecondsTotal = 19_271,
        IdealSecondsGood = 18_848,
        BreakdownEpisodes = 2,
    };

    [Fact]
    public void Textbook_totals_give_the_textbook_figures()
    {
        var figures = KpiFigures.From(Textbook);

        Assert.Equal(88.81, Percent(figures.Availability));
        Assert.Equal(86.11, Percent(figures.Performance));
        Assert.Equal(97.80, Percent(figures.Quality));
        Assert.Equal(74.79, Percent(figures.Oee));
    }

    [Fact]
    public void Oee_equals_availability_times_performance_times_quality()
    {
        var figures = KpiFigures.From(Textbook);

        Assert.Equal(figures.Oee!.Value, figures.Availability!.Value * figures.Performance!.Value * figures.Quality!.Value, 12);
    }

    [Fact]
    public void Zero_totals_leave_every_ratio_undefined()
    {
        var figures = KpiFigures.From(KpiTotals.Zero);

        Assert.Null(figures.Availability);
        Assert.Null(figures.Performance);
        Assert.Null(figures.Quality);
        Assert.Null(figures.Oee);
        Assert.Null(figures.ScrapRate);
        Assert.Null(figures.ThroughputPerHour);
        Assert.Null(figures.EnergyPerGoodUnit);
        Assert.Null(figures.DataCoverage);
        Assert.Null(figures.Mtbf);
        Assert.Null(figures.Mttr);
        Assert.False(figures.PerformanceAboveIdeal);
    }

    [Fact]
    public void Planned_but_never_run_is_zero_oee_with_undefined_performance_and_quality()
    {
        var figures = KpiFigures.From(new KpiTotals { PlannedSeconds = 3600, BreakdownSeconds = 3600 });

        Assert.Equal(0, figures.Availability);
        Assert.Equal(0, figures.Oee);
        Assert.Null(figures.Performance);
        Assert.Null(figures.Quality);
        Assert.Equal(0, figures.ThroughputPerHour);
    }

    [Fact]
    public void Running_without_counts_is_zero_performance_and_undefined_quality()
    {
        var figures = KpiFigures.From(new KpiTotals { PlannedSeconds = 3600, RunSeconds = 3600 });

        Assert.Equal(0, figures.Performance);
        Assert.Null(figures.Quality);
        Assert.Null(figures.ScrapRate);
    }

    [Fact]
    public void Performance_above_100_percent_is_shown_and_flagged()
    {
        var figures = KpiFigures.From(new KpiTotals
        {
            PlannedSeconds = 3600, RunSeconds = 3600, GoodCount = 4000, IdealSecondsTotal = 4000, IdealSecondsGood = 4000,
        });

        Assert.Equal(111.11, Percent(figures.Performance));
        Assert.True(figures.PerformanceAboveIdeal);
        Assert.Equal(0, figures.Losses.ReducedSpeedSeconds);
    }

    [Fact]
    public void Exactly_ideal_speed_is_not_flagged()
    {
        var figures = KpiFigures.From(new KpiTotals { RunSeconds = 0.3, IdealSecondsTotal = 0.1 + 0.2 });

        Assert.False(figures.PerformanceAboveIdeal);
    }

    [Fact]
    public void Mtbf_and_mttr_come_from_breakdown_episodes()
    {
        var figures = KpiFigures.From(Textbook with { SmallStopSeconds = 120, RunSeconds = 22_260 });

        Assert.Equal(TimeSpan.FromSeconds(22_380 / 2.0), figures.Mtbf);
        Assert.Equal(TimeSpan.FromMinutes(23.5), figures.Mttr);
    }

    [Fact]
    public void Without_breakdowns_mtbf_and_mttr_are_undefined()
    {
        var figures = KpiFigures.From(Textbook with { BreakdownEpisodes = 0 });

        Assert.Null(figures.Mtbf);
        Assert.Null(figures.Mttr);
    }

    [Fact]
    public void Throughput_scrap_rate_and_energy_per_good_unit()
    {
        var figures = KpiFigures.From(Textbook with { EnergyKwh = 942.4 });

        Assert.Equal(19_271 / 7.0, figures.ThroughputPerHour!.Value, 9);
        Assert.Equal(2.20, Percent(figures.ScrapRate));
        Assert.Equal(0.05, figures.EnergyPerGoodUnit!.Value, 12);
    }

    [Fact]
    public void No_good_units_leaves_energy_per_good_unit_undefined()
    {
        var figures = KpiFigures.From(new KpiTotals { EnergyKwh = 5, ScrapCount = 3 });

        Assert.Null(figures.EnergyPerGoodUnit);
        Assert.Equal(1, figures.ScrapRate);
        Assert.Equal(0, figures.Quality);
    }

    [Fact]
    public void Losses_and_fully_productive_time_add_up_to_planned_time()
    {
        var totals = new KpiTotals
        {
            PlannedSeconds = 10_000,
            RunSeconds = 6_000,
            SmallStopSeconds = 500,
            BreakdownSeconds = 1_500,
            SetupSeconds = 900,
            IdleSeconds = 600,
            OfflineSeconds = 300,
            NoDataSeconds = 200,
            GoodCount = 2_500,
            ScrapCount = 100,
            StartupScrapCount = 40,
            IdealSecondsTotal = 5_200,
            IdealSecondsGood = 5_000,
            IdealSecondsStartupScrap = 80,
        };

        var losses = KpiFigures.From(totals).Losses;

        Assert.Equal(800, losses.ReducedSpeedSeconds);
        Assert.Equal(80, losses.StartupRejectSeconds);
        Assert.Equal(120, losses.ProductionRejectSeconds);
        Assert.Equal(5_000, losses.FullyProductiveSeconds);
        var sum = losses.FullyProductiveSeconds + Enum.GetValues<LossCategory>().Sum(losses.SecondsOf);
        Assert.Equal(totals.PlannedSeconds, sum, 9);
    }

    [Fact]
    public void Textbook_losses()
    {
        var losses = KpiFigures.From(Textbook).Losses;

        Assert.Equal(2_820, losses.SecondsOf(LossCategory.Breakdown));
        Assert.Equal(3_109, losses.SecondsOf(LossCategory.ReducedSpeed));
        Assert.Equal(423, losses.SecondsOf(LossCategory.ProductionRejects));
        Assert.Equal(0, losses.SecondsOf(LossCategory.StartupRejects));
    }
}
