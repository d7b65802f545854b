namespace FactoryCloud.Infrastructure.Configuration;

/// <summary>A missing or contradictory setting; the message names the setting. <see cref="StartupGuard"/> prints it without a stack trace.</summary>
public sealed class InvalidSettingException(string message) : InvalidOperationException(message);
