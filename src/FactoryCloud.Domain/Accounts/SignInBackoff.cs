namespace FactoryCloud.Domain.Accounts;

/// <summary>
/// Progressive delays after failed sign-ins, instead of locking the account: the first <see cref="FreeFailures"/>
/// failures cost nothing (typos), then each failure doubles the wait before the next attempt is even checked
/// (<see cref="FirstDelay"/>, by default 1 s, then 2 s, 4 s ... up to <see cref="MaxDelay"/>). Counted per client address and account together, so guessing from one
/// address slows down fast while the account's owner, from another address, is not held up at all.
/// </summary>
public sealed record SignInBackoff(int FreeFailures, TimeSpan FirstDelay, TimeSpan MaxDelay)
{
    public static readonly SignInBackoff Default = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15));

    /// <summary>A failure this long after the previous one starts the count again.</summary>
    public TimeSpan Memory => MaxDelay + TimeSpan.FromHours(1);

    /// <summary>The wait after <paramref name="failures"/> consecutive failures.</summary>
    public TimeSpan DelayAfter(int failures)
    {
        if (failures <= FreeFailures) return TimeSpan.Zero;
        var doublings = Math.Min(failures - FreeFailures - 1, 30);
        var seconds = FirstDelay.TotalSeconds * Math.Pow(2, doublings);
        return seconds >= MaxDelay.TotalSeconds ? MaxDelay : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>How long from <paramref name="now"/> until the next attempt may be checked; zero when it may be now.</summary>
    public TimeSpan Remaining(int failures, DateTimeOffset lastFailure, DateTimeOffset now)
    {
        if (now - lastFailure >= Memory) return TimeSpan.Zero;
        var remaining = lastFailure + DelayAfter(failures) - now;
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    /// <summary>The count after a failure at <paramref name="now"/>: one more, or one when the last was long ago.</summary>
    public int FailuresAfter(int failures, DateTimeOffset lastFailure, DateTimeOffset now) =>
        now - lastFailure >= Memory ? 1 : failures + 1;
}
