namespace K2Orleans.Silo.Logging;

/// <summary>The configuration spellings of syslog facilities (names as in syslog.h) and formats.</summary>
internal static class SyslogNames
{
    private static readonly Dictionary<string, int> FacilityCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["kern"] = 0, ["user"] = 1, ["mail"] = 2, ["daemon"] = 3, ["auth"] = 4, ["syslog"] = 5,
        ["lpr"] = 6, ["news"] = 7, ["uucp"] = 8, ["cron"] = 9, ["authpriv"] = 10, ["ftp"] = 11,
        ["local0"] = 16, ["local1"] = 17, ["local2"] = 18, ["local3"] = 19,
        ["local4"] = 20, ["local5"] = 21, ["local6"] = 22, ["local7"] = 23,
    };

    public const string KnownFacilities =
        "kern, user, mail, daemon, auth, syslog, lpr, news, uucp, cron, authpriv, ftp, local0..local7";

    public const string KnownFormats = "rfc3164, rfc5424";

    public static bool TryParseFacility(string? name, out int code)
    {
        code = 0;
        return name is not null && FacilityCodes.TryGetValue(name.Trim(), out code);
    }

    public static bool TryParseFormat(string? name, out SyslogFormat format)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "rfc3164":
                format = SyslogFormat.Rfc3164;
                return true;
            case "rfc5424":
                format = SyslogFormat.Rfc5424;
                return true;
            default:
                format = default;
                return false;
        }
    }
}
