using System.Runtime.Versioning;

// Syslog sockets, init scripts and systemd units: these tests exist only on Linux.
[assembly: SupportedOSPlatform("linux")]
