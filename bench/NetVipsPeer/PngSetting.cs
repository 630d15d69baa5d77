using NetVips;

namespace K2Orleans.Bench.NetVipsPeer;

/// <summary>libvips' PNG knobs that trade time for bytes: zlib level and libpng row filter.</summary>
internal sealed record PngSetting(int Compression, Enums.ForeignPngFilter Filter);
