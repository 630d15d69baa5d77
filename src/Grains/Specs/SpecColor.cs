using System.Globalization;

namespace K2Orleans.Grains.Specs;

/// <summary>Parses the spec's <c>#rrggbb</c> / <c>#rrggbbaa</c> colours into 0xRRGGBBAA.</summary>
public static class SpecColor
{
    public static bool TryParseRgba(string text, out uint rgba)
    {
        rgba = 0;
        if (text.Length is not (7 or 9) || text[0] != '#'
            || !uint.TryParse(text.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        rgba = text.Length == 7 ? (value << 8) | 0xFF : value;
        return true;
    }
}
