namespace K2Orleans.Grains.Specs;
internal static class Placeholder;
