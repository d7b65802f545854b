namespace FactoryCloud.Web.Common;

/// <summary>
/// The loop of a background job that makes one pass every interval (the first one interval after start): a pass that
/// fails is logged and the next one runs on time, so one bad pass never stops the job or the host.
/// </summary>
public static class PeriodicPass
{
    /// <param name="job">How the log names the job ("The retention job").</param>
    public static async Task RunAsync(TimeSpan interval, TimeProvider clock, ILogger logger, string job, Func<CancellationToken, Task> pass, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await pass(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "{Job} failed; it runs again in {Interval}", job, interval);
            }
        }
    }
}
