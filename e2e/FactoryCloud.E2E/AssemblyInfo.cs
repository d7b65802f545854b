using FactoryCloud.E2E.Infrastructure;

// The app runs as a child process managed with POSIX tools, and the browser is Debian's /usr/bin/chromium: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

// One app and one Chromium for the whole run; every test gets its own browser contexts and its own organisation.
[assembly: AssemblyFixture(typeof(E2EHost))]

// Browser journeys are timing-sensitive on a 2-core machine shared with builds: run them one at a time.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
