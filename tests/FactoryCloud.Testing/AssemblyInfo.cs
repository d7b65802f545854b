using System.Runtime.Versioning;

// The services come from Debian packages and are managed with POSIX signals: Linux only.
[assembly: SupportedOSPlatform("linux")]
