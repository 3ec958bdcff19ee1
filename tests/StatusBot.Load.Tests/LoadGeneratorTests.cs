namespace StatusBot.Load.Tests;

/// <summary>The pure parts of the open-loop load generator (bench/StatusBot.Load): when each request is due, and percentiles.</summary>
public sealed class LoadGeneratorTests
{
    [Fact]
    public void A_steady_schedule_spaces_requests_evenly_from_zero()
    {
        var schedule = OpenLoopSchedule.Steady(1000, TimeSpan.FromSeconds(2));

        Assert.Equal(2000, schedule.Count);
        Assert.Equal(TimeSpan.FromSeconds(2), schedule.Duration);
        Assert.Equal(TimeSpan.Zero, schedule.DueAt(0));
        Assert.Equal(TimeSpan.FromMilliseconds(1), schedule.DueAt(1));
        Assert.Equal(TimeSpan.FromMilliseconds(1999), schedule.DueAt(1999));
    }

    [Fact]
    public void Due_times_do_not_depend_on_answers_and_never_go_back()
    {
        var schedule = OpenLoopSchedule.Steady(3, TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromTicks(3_333_333), schedule.DueAt(1));
        Assert.Equal(TimeSpan.FromTicks(6_666_667), schedule.DueAt(2));
        Assert.Equal(schedule.DueAt(2), schedule.DueAt(2));
    }

    [Fact]
    public void A_burst_phase_follows_the_base_rate_and_the_base_rate_resumes_after_it()
    {
        var schedule = new OpenLoopSchedule(
            new LoadPhase(100, TimeSpan.FromSeconds(3)), new LoadPhase(1000, TimeSpan.FromSeconds(1)), new LoadPhase(100, TimeSpan.FromSeconds(3)));

        Assert.Equal(300 + 1000 + 300, schedule.Count);
        Assert.Equal(TimeSpan.FromSeconds(7), schedule.Duration);
        Assert.Equal(TimeSpan.FromMilliseconds(2990), schedule.DueAt(299));
        Assert.Equal(TimeSpan.FromSeconds(3), schedule.DueAt(300));
        Assert.Equal(TimeSpan.FromMilliseconds(3001), schedule.DueAt(301));
        Assert.Equal(TimeSpan.FromMilliseconds(3999), schedule.DueAt(1299));
        Assert.Equal(TimeSpan.FromSeconds(4), schedule.DueAt(1300));
        Assert.Equal(TimeSpan.FromMilliseconds(6990), schedule.DueAt(1599));
    }

    [Fact]
    public void A_schedule_refuses_empty_or_non_positive_phases_and_indexes_past_its_end()
    {
        Assert.Throws<ArgumentException>(() => new OpenLoopSchedule());
        Assert.Throws<ArgumentException>(() => OpenLoopSchedule.Steady(0, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentException>(() => OpenLoopSchedule.Steady(10, TimeSpan.Zero));
        var schedule = OpenLoopSchedule.Steady(10, TimeSpan.FromSeconds(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.DueAt(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.DueAt(-1));
    }

    [Fact]
    public void Percentiles_are_nearest_rank_over_every_value()
    {
        var recorder = new LatencyRecorder();
        for (var i = 10_000; i >= 1; i--)
        {
            recorder.Record(i / 10.0);
        }

        Assert.Equal(10_000, recorder.Count);
        Assert.Equal(500.0, recorder.Percentile(50));
        Assert.Equal(900.0, recorder.Percentile(90));
        Assert.Equal(990.0, recorder.Percentile(99));
        Assert.Equal(999.0, recorder.Percentile(99.9));
        Assert.Equal(1000.0, recorder.Percentile(100));
        Assert.Equal(1000.0, recorder.Max);
    }

    [Fact]
    public void One_stall_shows_in_the_tail_percentiles_of_a_small_run()
    {
        var recorder = new LatencyRecorder();
        for (var i = 0; i < 999; i++)
        {
            recorder.Record(TimeSpan.FromMilliseconds(1));
        }

        recorder.Record(TimeSpan.FromSeconds(2));

        Assert.Equal(1.0, recorder.Percentile(99.9));
        Assert.Equal(2000.0, recorder.Max);
        recorder.Record(TimeSpan.FromSeconds(3));
        Assert.Equal(2000.0, recorder.Percentile(99.9));
        Assert.Equal(3000.0, recorder.Max);
    }

    [Fact]
    public void An_empty_recorder_has_no_percentiles_and_bad_input_is_refused()
    {
        var recorder = new LatencyRecorder();

        Assert.True(double.IsNaN(recorder.Percentile(99)));
        Assert.True(double.IsNaN(recorder.Max));
        Assert.Throws<ArgumentOutOfRangeException>(() => recorder.Record(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => recorder.Percentile(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => recorder.Percentile(101));
        Assert.Equal(0, recorder.Count);
    }
}
