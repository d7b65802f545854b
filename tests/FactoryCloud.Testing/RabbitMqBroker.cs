using System.Globalization;
using System.Security.Cryptography;

namespace FactoryCloud.Testing;

/// <summary>
/// A RabbitMQ node (Debian's rabbitmq-server, scripts from /usr/lib/rabbitmq/bin so that root stays root) with the
/// AMQP 1.0 plugin, in its own temp directory: unique node name, AMQP, Erlang distribution and epmd ports all free
/// loopback ports, its own epmd (a child of this process, not a stray daemon), its own cookie. Ready in ~5–7 s.
/// Stopped with <c>rabbitmqctl stop</c> (then killed) on dispose; no beam/epmd process outlives it.
/// </summary>
public sealed class RabbitMqBroker : IAsyncDisposable
{
    private const string ScriptDirectory = "/usr/lib/rabbitmq/bin";
    private static readonly string s_epmd = File.Exists("/usr/bin/epmd") ? "/usr/bin/epmd" : "epmd";

    private readonly TempDirectory _directory;
    private readonly CleanupRegistration _cleanup;
    private readonly Dictionary<string, string?> _environment;
    private BackgroundProcess? _epmdProcess;
    private BackgroundProcess? _serverProcess;
    private int _disposed;

    private RabbitMqBroker(TempDirectory directory, CleanupRegistration cleanup)
    {
        _directory = directory;
        _cleanup = cleanup;
        NodeName = $"fctest-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}@localhost";
        Port = FreePort.Next();
        DistributionPort = FreePort.Next();
        EpmdPort = FreePort.Next();
        _environment = new Dictionary<string, string?>
        {
            ["HOME"] = directory.Path,
            ["LANG"] = "C.UTF-8",
            ["LC_ALL"] = "C.UTF-8",
            ["RABBITMQ_NODENAME"] = NodeName,
            ["RABBITMQ_USE_LONGNAME"] = "false",
            ["RABBITMQ_NODE_IP_ADDRESS"] = Host,
            ["RABBITMQ_NODE_PORT"] = Invariant(Port),
            ["RABBITMQ_DIST_PORT"] = Invariant(DistributionPort),
            ["ERL_EPMD_PORT"] = Invariant(EpmdPort),
            ["ERL_EPMD_ADDRESS"] = Host,
            ["RABBITMQ_MNESIA_BASE"] = directory.Combine("mnesia"),
            ["RABBITMQ_LOG_BASE"] = directory.Combine("log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = directory.Combine("enabled_plugins"),
            ["RABBITMQ_CONFIG_FILE"] = directory.Combine("rabbitmq"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = directory.Combine("advanced.config"),
            ["RABBITMQ_CONF_ENV_FILE"] = directory.Combine("rabbitmq-env.conf"),
            ["RABBITMQ_PID_FILE"] = PidFile,
            ["RABBITMQ_SERVER_START_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1} -start_epmd false",
            ["RABBITMQ_CTL_ERL_ARGS"] = "-start_epmd false",
            ["RABBITMQ_ALLOW_INPUT"] = null,
            ["RABBITMQ_ENABLED_PLUGINS"] = null,
        };
    }

    /// <summary>Always 127.0.0.1.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The AMQP (0-9-1 and 1.0) port.</summary>
    public int Port { get; }

    /// <summary>The Erlang distribution port of the node (RABBITMQ_DIST_PORT).</summary>
    public int DistributionPort { get; }

    /// <summary>The port of this broker's own epmd (ERL_EPMD_PORT).</summary>
    public int EpmdPort { get; }

    /// <summary>The unique node name, <c>fctest-&lt;random&gt;@localhost</c>.</summary>
    public string NodeName { get; }

    /// <summary>Default user (loopback_users = none, so it may also be used from non-loopback addresses).</summary>
    public string Username => "guest";

    /// <summary>Password of <see cref="Username"/>.</summary>
    public string Password => "guest";

    /// <summary><c>amqp://guest:guest@127.0.0.1:PORT</c>; AMQP 1.0 addresses are e.g. <c>/queue/NAME</c>.</summary>
    public string AmqpUri => $"amqp://{Username}:{Password}@{Host}:{Invariant(Port)}";

    /// <summary>The temp directory (config, mnesia/, log/, server.log).</summary>
    public string DirectoryPath => _directory.Path;

    /// <summary>The node's own log file.</summary>
    public string NodeLogFile => _directory.Combine("log", $"{NodeName}.log");

    /// <summary>stdout/stderr of rabbitmq-server.</summary>
    public string ServerOutputFile => _directory.Combine("server.log");

    private string PidFile => _directory.Combine("rabbit.pid");

    /// <summary>Starts the node and waits (<c>rabbitmqctl wait</c>) until RabbitMQ and its plugins run. Retries once on a port collision.</summary>
    public static async Task<RabbitMqBroker> StartAsync(CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ExternalProcessException ex) when (attempt < 2 && Diagnostics.MentionsAddressInUse(ex.Message))
            {
                // A port was taken between FreePort.Next() and the bind: once more with fresh ports.
            }
        }
    }

    /// <summary>Runs <c>rabbitmqctl</c> against this node (e.g. <c>list_queues name messages</c>); throws on failure.</summary>
    public Task<ProcessResult> RabbitMqCtlAsync(IEnumerable<string> arguments, CancellationToken cancellationToken = default) =>
        RunCtlAsync(arguments, TimeSpan.FromSeconds(60), throwOnError: true, cancellationToken);

    /// <summary>
    /// <c>rabbitmqctl stop</c> (15 s at most; ~2.5 s normally), then SIGKILL for the process group and epmd; waits until the AMQP
    /// port is closed and no process of this node is left; deletes the directory. Idempotent.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            if (_serverProcess is { HasExited: false } server)
            {
                try
                {
                    await RunCtlAsync(["stop", PidFile], TimeSpan.FromSeconds(15), throwOnError: false, CancellationToken.None).ConfigureAwait(false);
                }
                catch (ExternalProcessException)
                {
                    // Timed out: killed below.
                }

                await server.WaitForExitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
        }
        finally
        {
            await KillEverythingAsync().ConfigureAwait(false);
            _cleanup.Dispose();
            _directory.Dispose();
        }
    }

    private static async Task<RabbitMqBroker> StartOnceAsync(CancellationToken cancellationToken)
    {
        var directory = TempDirectory.Create("fctest-rmq");
        CleanupRegistration? cleanup = null;
        RabbitMqBroker? broker = null;
        try
        {
            cleanup = await CleanupRegistration.CreateAsync(directory.Path, cancellationToken).ConfigureAwait(false);
            broker = new RabbitMqBroker(directory, cleanup);
            broker.WriteFiles();
            await broker.StartEpmdAsync(cancellationToken).ConfigureAwait(false);
            await broker.StartServerAsync(cancellationToken).ConfigureAwait(false);
            return broker;
        }
        catch
        {
            if (broker is not null)
            {
                await broker.KillEverythingAsync().ConfigureAwait(false);
            }

            cleanup?.EmergencyStop();
            cleanup?.Dispose();
            directory.Dispose();
            throw;
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private void WriteFiles()
    {
        File.WriteAllText(_directory.Combine("rabbitmq.conf"), $"""
            listeners.tcp.default = {Host}:{Invariant(Port)}
            loopback_users = none
            log.file.level = info
            """ + "\n");

        // What `rabbitmq-plugins enable --offline rabbitmq_amqp1_0` writes, without booting an Erlang VM for it (~1 s).
        File.WriteAllText(_directory.Combine("enabled_plugins"), "[rabbitmq_amqp1_0].\n");

        // Our own cookie, written before the server and rabbitmqctl start so that they cannot race to create it.
        var cookie = _directory.Combine(".erlang.cookie");
        File.WriteAllText(cookie, RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 20));
        File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
    }

    private async Task StartEpmdAsync(CancellationToken cancellationToken)
    {
        // A foreground epmd that is our child: nothing daemonizes, nothing is shared with other nodes or runs.
        var epmd = BackgroundProcess.Start(
            s_epmd,
            ["-port", Invariant(EpmdPort), "-address", Host],
            _directory.Combine("epmd.log"),
            _environment,
            _directory.Path);
        _epmdProcess = epmd;
        _cleanup.SetTargets(("KILL", epmd.Id));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!FreePort.IsAcceptingConnections(EpmdPort))
        {
            if (epmd.HasExited || DateTime.UtcNow > deadline)
            {
                throw new ExternalProcessException(epmd.Describe($"epmd did not start on port {EpmdPort}."));
            }

            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }

        if (epmd.HasExited)
        {
            throw new ExternalProcessException(epmd.Describe($"epmd exited right after start on port {EpmdPort} (Address already in use?)."));
        }
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        var server = BackgroundProcess.Start(
            Path.Combine(ScriptDirectory, "rabbitmq-server"),
            [],
            ServerOutputFile,
            _environment,
            _directory.Path,
            ownProcessGroup: true);
        _serverProcess = server;
        _cleanup.SetTargets(("KILL", -server.Id), ("KILL", server.Id), ("KILL", _epmdProcess!.Id));

        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var wait = RunCtlAsync(["wait", "--timeout", "180", PidFile], TimeSpan.FromSeconds(195), throwOnError: false, stopWaiting.Token);
        var exited = server.WaitForExitAsync(TimeSpan.FromSeconds(80));
        if (await Task.WhenAny(wait, exited).ConfigureAwait(false) == exited && server.HasExited)
        {
            await stopWaiting.CancelAsync().ConfigureAwait(false);
            try
            {
                await wait.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            throw new ExternalProcessException(server.Describe($"rabbitmq-server exited during start (node {NodeName}, port {Port}).", NodeLogFile));
        }

        var result = await wait.ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new ExternalProcessException(
                Diagnostics.Describe($"RabbitMQ node {NodeName} did not become ready on port {Port}.", result, [ServerOutputFile, NodeLogFile]),
                result);
        }

        if (!FreePort.IsAcceptingConnections(Port))
        {
            throw new ExternalProcessException(server.Describe($"RabbitMQ node {NodeName} is running but does not accept AMQP connections on port {Port}.", NodeLogFile));
        }
    }

    private Task<ProcessResult> RunCtlAsync(IEnumerable<string> arguments, TimeSpan timeout, bool throwOnError, CancellationToken cancellationToken)
    {
        // rabbitmqctl is itself an Erlang node: give it a free distribution port instead of the shared 35672-35682 range.
        var ctlPort = Invariant(FreePort.Next());
        var environment = new Dictionary<string, string?>(_environment)
        {
            ["RABBITMQ_CTL_DIST_PORT_MIN"] = ctlPort,
            ["RABBITMQ_CTL_DIST_PORT_MAX"] = ctlPort,
        };
        return ProcessRunner.RunAsync(
            Path.Combine(ScriptDirectory, "rabbitmqctl"),
            ["--node", NodeName, .. arguments],
            new ProcessRunOptions
            {
                Timeout = timeout,
                Environment = environment,
                WorkingDirectory = _directory.Path,
                LogFiles = [ServerOutputFile, NodeLogFile],
                ThrowOnNonZeroExitCode = throwOnError,
            },
            cancellationToken);
    }

    private async Task KillEverythingAsync()
    {
        if (_serverProcess is { } server)
        {
            if (!server.HasExited)
            {
                Native.Signal(-server.Id, Native.SIGKILL);
                server.KillTree();
            }

            await server.WaitForExitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            server.Dispose();
        }

        if (_epmdProcess is { } epmd)
        {
            epmd.Signal(Native.SIGKILL);
            await epmd.WaitForExitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            epmd.Dispose();
        }

        // beam.smp's helpers (erl_child_setup, inet_gethost, the disk monitor's sh) live in sessions of their own and
        // normally exit with beam: wait for that, and kill any that do not. They all carry our unique node name.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        var killed = false;
        while (ProcessTable.FindByEnvironmentVariable("RABBITMQ_NODENAME", NodeName) is { Count: > 0 } leftovers)
        {
            if (DateTime.UtcNow > deadline)
            {
                if (killed)
                {
                    break;
                }

                foreach (var (pid, _) in leftovers)
                {
                    Native.Signal(pid, Native.SIGKILL);
                }

                killed = true;
                deadline = DateTime.UtcNow + TimeSpan.FromSeconds(2);
            }

            await Task.Delay(20).ConfigureAwait(false);
        }

        await FreePort.WaitUntilClosedAsync(Port, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
    }
}
