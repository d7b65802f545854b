using System.Globalization;
using System.Text;

namespace FactoryCloud.Testing;

/// <summary>How <see cref="MosquittoBroker"/> is configured.</summary>
public sealed record MosquittoOptions
{
    /// <summary>Allow clients without credentials. Default true.</summary>
    public bool AllowAnonymous { get; init; } = true;

    /// <summary>
    /// Content of a mosquitto password file (<c>user:$7$...</c> lines as written by mosquitto_passwd), e.g. one
    /// exported by the application. Combined with <see cref="Users"/>.
    /// </summary>
    public string? PasswordFileContent { get; init; }

    /// <summary>Users with plain-text passwords, hashed into the password file with <c>mosquitto_passwd -b</c> at start.</summary>
    public IReadOnlyDictionary<string, string>? Users { get; init; }

    /// <summary>Content of a mosquitto ACL file (<c>user NAME</c> / <c>topic readwrite T</c> / <c>pattern ...</c>).</summary>
    public string? AclFileContent { get; init; }

    /// <summary>Keep retained messages, subscriptions and queued QoS 1/2 messages across <see cref="MosquittoBroker.RestartAsync"/>. Default false.</summary>
    public bool Persistence { get; init; }

    /// <summary>With persistence: seconds between autosaves (mosquitto's default is 1800; state is always saved on a graceful stop).</summary>
    public int? AutosaveIntervalSeconds { get; init; }

    /// <summary>Extra lines appended to mosquitto.conf as they are.</summary>
    public IReadOnlyList<string> AdditionalConfigLines { get; init; } = [];
}

/// <summary>
/// A mosquitto broker (Debian's /usr/sbin/mosquitto) listening on 127.0.0.1 on a free port, its config, password/ACL
/// files, persistence and log in its own temp directory. Can be stopped, restarted on the same port and killed
/// for reliability tests. Killed and deleted on dispose.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private static readonly string s_executable = File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : "mosquitto";

    private readonly TempDirectory _directory;
    private readonly CleanupRegistration _cleanup;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private BackgroundProcess? _process;
    private int _disposed;

    private MosquittoBroker(TempDirectory directory, CleanupRegistration cleanup, MosquittoOptions options)
    {
        _directory = directory;
        _cleanup = cleanup;
        Options = options;
    }

    /// <summary>Always 127.0.0.1.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The listener port; unchanged by restarts.</summary>
    public int Port { get; private set; }

    /// <summary>The options the broker was started with.</summary>
    public MosquittoOptions Options { get; }

    /// <summary>True while the broker process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The temp directory (mosquitto.conf, passwd, acl, data/, mosquitto.log).</summary>
    public string DirectoryPath => _directory.Path;

    /// <summary>The generated configuration file.</summary>
    public string ConfigFile => _directory.Combine("mosquitto.conf");

    /// <summary>The password file, when credentials were configured.</summary>
    public string PasswordFile => _directory.Combine("passwd");

    /// <summary>The broker's log (stdout and stderr of all its runs).</summary>
    public string LogFile => _directory.Combine("mosquitto.log");

    /// <summary>Writes the configuration, starts mosquitto and waits until the port accepts connections.</summary>
    public static async Task<MosquittoBroker> StartAsync(MosquittoOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MosquittoOptions();
        var directory = TempDirectory.Create("fctest-mqtt");
        CleanupRegistration? cleanup = null;
        MosquittoBroker? broker = null;
        try
        {
            cleanup = await CleanupRegistration.CreateAsync(directory.Path, cancellationToken).ConfigureAwait(false);
            broker = new MosquittoBroker(directory, cleanup, options);
            await broker.WriteCredentialFilesAsync(cancellationToken).ConfigureAwait(false);
            for (var attempt = 1; ; attempt++)
            {
                broker.Port = FreePort.Next();
                broker.WriteConfig();
                try
                {
                    await broker.StartProcessAsync(cancellationToken).ConfigureAwait(false);
                    return broker;
                }
                catch (ExternalProcessException) when (attempt < 2 && Diagnostics.MentionsAddressInUse(Diagnostics.Tail(broker.LogFile)))
                {
                    // The port was taken between FreePort.Next() and mosquitto's bind: once more with another one.
                }
            }
        }
        catch
        {
            broker?._process?.KillTree();
            cleanup?.EmergencyStop();
            cleanup?.Dispose();
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Graceful stop: SIGTERM (mosquitto saves its persistence file), wait up to 10 s, then SIGKILL.</summary>
    public async Task StopAsync()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            await StopProcessAsync().ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops the broker if it runs and starts it again on the same port with the same files (and persistence).</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await StopProcessAsync().ConfigureAwait(false);
            await StartProcessAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Hard kill (SIGKILL): no persistence save, clients see the connection drop. Returns once the process is gone.</summary>
    public void Kill()
    {
        var process = _process;
        if (process is null)
        {
            return;
        }

        process.Signal(Native.SIGKILL);
        process.WaitForExit(TimeSpan.FromSeconds(10));
    }

    /// <summary>Kills the broker and deletes the directory. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            Kill();
            if (Port != 0)
            {
                await FreePort.WaitUntilClosedAsync(Port, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
        }
        finally
        {
            _process?.Dispose();
            _cleanup.Dispose();
            _directory.Dispose();
            _lifecycle.Dispose();
        }
    }

    private async Task StopProcessAsync()
    {
        var process = _process;
        if (process is null || process.HasExited)
        {
            return;
        }

        process.Signal(Native.SIGTERM);
        if (!await process.WaitForExitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false))
        {
            process.Signal(Native.SIGKILL);
            await process.WaitForExitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }

        await FreePort.WaitUntilClosedAsync(Port, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        _process?.Dispose();
        var process = BackgroundProcess.Start(s_executable, ["-c", ConfigFile], LogFile, workingDirectory: _directory.Path);
        _process = process;
        _cleanup.SetTargets(("KILL", process.Id));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new ExternalProcessException(process.Describe($"mosquitto exited during start on port {Port}.", ConfigFile));
            }

            if (FreePort.IsAcceptingConnections(Port))
            {
                // Make sure the listener is ours and not an intruder on the port while mosquitto failed to bind.
                await Task.Delay(10, cancellationToken).ConfigureAwait(false);
                if (!process.HasExited)
                {
                    return;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                process.KillTree();
                throw new ExternalProcessException(process.Describe($"mosquitto did not accept connections on port {Port} within 15 s.", ConfigFile));
            }

            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteCredentialFilesAsync(CancellationToken cancellationToken)
    {
        if (Options.PasswordFileContent is not null || Options.Users is { Count: > 0 })
        {
            await File.WriteAllTextAsync(PasswordFile, Options.PasswordFileContent ?? string.Empty, cancellationToken).ConfigureAwait(false);
            foreach (var (user, password) in Options.Users ?? new Dictionary<string, string>())
            {
                await ProcessRunner.RunAsync(
                    "mosquitto_passwd",
                    ["-b", PasswordFile, user, password],
                    new ProcessRunOptions { Timeout = TimeSpan.FromSeconds(30) },
                    cancellationToken).ConfigureAwait(false);
            }
        }

        if (Options.AclFileContent is not null)
        {
            await File.WriteAllTextAsync(_directory.Combine("acl"), Options.AclFileContent, cancellationToken).ConfigureAwait(false);
        }
    }

    private void WriteConfig()
    {
        var config = new StringBuilder()
            .AppendLine("# generated by FactoryCloud.Testing.MosquittoBroker")
            .AppendLine(CultureInfo.InvariantCulture, $"listener {Port} 127.0.0.1")
            .AppendLine(CultureInfo.InvariantCulture, $"allow_anonymous {(Options.AllowAnonymous ? "true" : "false")}")
            // Not stdout: mosquitto block-buffers it, so a live broker's log would be empty. Its file log is flushed per
            // line and opened for appending, as is the launcher's redirect of stdout and stderr to the same file.
            .AppendLine(CultureInfo.InvariantCulture, $"log_dest file {LogFile}")
            .AppendLine("log_type error")
            .AppendLine("log_type warning")
            .AppendLine("log_type notice")
            .AppendLine("log_type information")
            .AppendLine("log_timestamp_format %Y-%m-%dT%H:%M:%S")
            .AppendLine("connection_messages true");
        if (Native.IsRoot)
        {
            // As root mosquitto would switch to the `mosquitto` user, which cannot write to our temp directory.
            config.AppendLine("user root");
        }

        if (File.Exists(PasswordFile))
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"password_file {PasswordFile}");
        }

        if (Options.AclFileContent is not null)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"acl_file {_directory.Combine("acl")}");
        }

        if (Options.Persistence)
        {
            var data = _directory.Combine("data");
            Directory.CreateDirectory(data);
            config.AppendLine("persistence true")
                .AppendLine(CultureInfo.InvariantCulture, $"persistence_location {data}/");
            if (Options.AutosaveIntervalSeconds is { } interval)
            {
                config.AppendLine(CultureInfo.InvariantCulture, $"autosave_interval {interval}");
            }
        }
        else
        {
            config.AppendLine("persistence false");
        }

        foreach (var line in Options.AdditionalConfigLines)
        {
            config.AppendLine(line);
        }

        File.WriteAllText(ConfigFile, config.ToString());
    }
}
