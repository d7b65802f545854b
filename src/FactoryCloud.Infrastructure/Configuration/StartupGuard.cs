namespace FactoryCloud.Infrastructure.Configuration;

/// <summary>
/// Runs a host and turns configuration errors into one line on stderr and exit code 2, instead of a stack trace:
/// <see cref="InvalidSettingException"/>, options validation at start, and values the binder cannot convert.
/// </summary>
public static class StartupGuard
{
    public const int ConfigurationErrorExitCode = 2;

    public static async Task<int> RunAsync(Func<Task> run, TextWriter? error = null)
    {
        try
        {
            await run();
            return 0;
        }
        catch (Exception exception) when (Describe(exception) is { } message)
        {
            (error ?? Console.Error).WriteLine($"FactoryCloud cannot start: {message}");
            return ConfigurationErrorExitCode;
        }
    }

    /// <summary>
    /// Runs the <c>ValidateOnStart</c> validations now, before the host starts: a failure then reaches
    /// <see cref="RunAsync"/> without the host first logging it with its stack trace.
    /// </summary>
    public static void ValidateSettings(IServiceProvider services) =>
        (services.GetService(typeof(IStartupValidator)) as IStartupValidator)?.Validate();

    /// <summary>The settings error inside <paramref name="exception"/>, or null when it is something else.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        InvalidSettingException invalid => invalid.Message,
        OptionsValidationException validation => string.Join(" ", validation.Failures),
        AggregateException aggregate when aggregate.InnerExceptions.Select(Describe).ToList() is var inner && inner.All(m => m is not null) =>
            string.Join(" ", inner),
        // The configuration binder: "Failed to convert configuration value at 'Queue:Kind' to type ...".
        InvalidOperationException binder when binder.Message.Contains("configuration value", StringComparison.Ordinal) =>
            binder.Message + (binder.InnerException is { } inner ? " " + inner.Message : ""),
        _ => null,
    };
}
